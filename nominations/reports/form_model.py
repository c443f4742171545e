"""A statistical form's shape: its columns, rows and the sums its cells must satisfy.

A row and a column each carry a predicate over the grouped facts; a cell is the sum of ``n``
over the groups both accept (``fill``). The forms themselves are in ``forms``.
"""

from dataclasses import dataclass, field

from .period import Period


@dataclass
class Column:
    key: str
    label: str
    test: object = None  # predicate over a group dict; None: every group the form counts
    parent: str = ""  # the spanning header above it ("Chia ra", the award's name)


@dataclass
class Row:
    code: str
    label: str
    test: object = None
    section: str = ""  # the heading printed above the first row of a section
    indent: int = 0


@dataclass(frozen=True)
class Sum:
    """One identity of the form: ``total`` equals the sum of ``parts`` (rows, or columns), or for
    "trong đó" lines, ``parts`` is at most ``total``."""

    of: str  # "rows" or "columns"
    total: str
    parts: tuple[str, ...]
    at_most: bool = False

    def as_dict(self) -> dict:
        return {"of": self.of, "total": self.total, "parts": list(self.parts), "at_most": self.at_most}


@dataclass
class FormReport:
    code: str  # "0603"
    number: str  # "0603.N/BNV-TĐKT"
    title: str
    unit_of_measure: str
    period: Period
    columns: list[Column]
    rows: list[Row]
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # row code -> column key -> n
    receipt_date: str = ""
    basis: str = ""  # "Ban hành theo Thông tư …", the row in force at the period's end (LegalBasis)
    sums: list[Sum] = field(default_factory=list)  # the form's own definitions of its totals
    notes: list[str] = field(default_factory=list)  # what the office should know about the figures

    def as_dict(self) -> dict:
        return {
            "form": self.number,
            "title": self.title,
            "legal_basis": self.basis,
            "period": self.period.as_dict(),
            "unit": self.unit_of_measure,
            "columns": [{"key": c.key, "label": c.label, "group": c.parent} for c in self.columns],
            "rows": [
                {
                    "code": r.code,
                    "label": r.label,
                    "section": r.section,
                    "indent": r.indent,
                    "values": self.values[r.code],
                    "cells": [{"column": c.key, "value": self.values[r.code][c.key]} for c in self.columns],
                }
                for r in self.rows
            ],
            "sums": [s.as_dict() for s in self.sums],
            "notes": self.notes,
        }

    def total(self, column: str = "1") -> int:
        return self.values[self.rows[0].code][column]

    def broken_sums(self) -> list[str]:
        """The identities the figures break (none, when the form adds up)."""
        broken = []
        for s in self.sums:
            if s.of == "rows":
                pairs = [
                    (self.values[s.total][c.key], sum(self.values[p][c.key] for p in s.parts), c.key)
                    for c in self.columns
                ]
            else:
                pairs = [
                    (self.values[r.code][s.total], sum(self.values[r.code][p] for p in s.parts), r.code)
                    for r in self.rows
                ]
            for total, parts, where in pairs:
                if (parts > total) if s.at_most else (parts != total):
                    broken.append(f"{s.of} {s.total} = {'+'.join(s.parts)} @ {where}: {total} ≠ {parts}")
        return broken


def fill(report: FormReport, groups: list[dict]) -> FormReport:
    """Each cell: the sum of ``n`` over the groups its row and its column both accept."""
    for row in report.rows:
        accepted = [g for g in groups if row.test is None or row.test(g)]
        report.values[row.code] = {
            col.key: sum(g["n"] for g in accepted if col.test is None or col.test(g))
            for col in report.columns
        }
    return report


def codes(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{i:02d}" for i in range(first, last + 1))


def num(value) -> str:
    return f"{int(value or 0):,}".replace(",", ".")
