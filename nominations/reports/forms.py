"""The statistical forms 0601–0605 of Circular 02/2023/TT-BNV, filled from the data.

Each form is a list of rows (code, label, predicate) and of columns (number, label, predicate).
The database returns the facts already GROUPED BY the few attributes the form reads (award
column, nominee kind, enterprise, awardee class, route): a few dozen groups whatever the number
of nominations; the cells are then sums over those groups.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import InvalidInput
from ..models import (
    AwardeeClass,
    AwardType,
    Movement,
    NomineeKind,
    ReportGroup,
    Route,
    WorkforceReport,
    WorkforceStaffLine,
)
from ..policy.issuers import statistical_form_basis_on
from . import facts
from .movements import LaunchedMovement, launched_movements
from .period import Period

RECEIPT_DATE = gettext_lazy("Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")


TITLES = {
    "0601": gettext_lazy("SỐ PHONG TRÀO THI ĐUA"),
    "0602": gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"),
    "0603": gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ"),
    "0604": gettext_lazy("SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
    "0605": gettext_lazy("SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
}


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


def _fill(report: FormReport, groups: list[dict]) -> FormReport:
    """Each cell: the sum of ``n`` over the groups its row and its column both accept."""
    for row in report.rows:
        accepted = [g for g in groups if row.test is None or row.test(g)]
        report.values[row.code] = {
            col.key: sum(g["n"] for g in accepted if col.test is None or col.test(g))
            for col in report.columns
        }
    return report


def _codes(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{i:02d}" for i in range(first, last + 1))


# --- the awardee rows shared by 0602 and 0603 ---------------------------------


def _awardee_rows(first: int, *, proposing_body: bool = False) -> list[Row]:
    kind = "nominee_kind"
    rows = [Row("01", _("Tổng số"))]
    code = first

    def nxt():
        nonlocal code
        value = f"{code:02d}"
        code += 1
        return value

    section = _("1. Phân theo đối tượng")
    if proposing_body:
        # The province is the body that proposes to the Prime Minister: everything is row 03.
        rows += [
            Row(
                "02",
                _("Bộ, ban, ngành, đoàn thể Trung ương"),
                lambda g: False,
                _("1. Phân theo đơn vị trình"),
            ),
            Row("03", _("Tỉnh, thành phố trực thuộc Trung ương")),
        ]
        section = _("2. Phân theo đối tượng")
    rows += [
        Row(nxt(), _("Tập thể"), lambda g: g[kind] == NomineeKind.COLLECTIVE, section),
        Row(
            nxt(),
            _("Trong đó: Doanh nghiệp"),
            lambda g: g[kind] == NomineeKind.COLLECTIVE and g["is_enterprise"],
            indent=1,
        ),
        Row(nxt(), _("Hộ gia đình"), lambda g: g[kind] == NomineeKind.HOUSEHOLD),
        Row(nxt(), _("Cá nhân"), lambda g: g[kind] == NomineeKind.INDIVIDUAL),
    ]
    for value, label in AwardeeClass.choices:
        rows.append(
            Row(
                nxt(),
                str(label),
                lambda g, v=value: g[kind] == NomineeKind.INDIVIDUAL and g["awardee_class"] == v,
                indent=1,
            )
        )
    section = _("3. Phân theo loại hình khen thưởng") if proposing_body else _("2. Phân theo loại hình")
    for i, (value, label) in enumerate(Route.choices):
        rows.append(Row(nxt(), str(label), lambda g, v=value: g["route"] == v, section if i == 0 else ""))
    return rows


def _awardee_sums(first: int, columns: list[Column], *, proposing_body: bool = False) -> list[Sum]:
    """The identities of 0602 (first row 06) and 0603 (first row 02): the total is the collectives,
    households and individuals; the individuals are their five classes; the total is the seven
    routes; the enterprises are among the collectives; the total column is the sum of the others."""
    c = first
    sums = [
        Sum("columns", "1", tuple(col.key for col in columns[1:])),
        Sum("rows", "01", (f"{c:02d}", f"{c + 2:02d}", f"{c + 3:02d}")),
        Sum("rows", f"{c + 3:02d}", _codes(c + 4, c + 8)),
        Sum("rows", "01", _codes(c + 9, c + 15)),
        Sum("rows", f"{c:02d}", (f"{c + 1:02d}",), at_most=True),
    ]
    if proposing_body:
        sums.insert(1, Sum("rows", "01", ("02", "03")))
    return sums


def _grouped(lines, records=None) -> list[dict]:
    """The awards GROUPED BY what the forms read: decision lines, then the imported history."""
    groups = list(
        lines.values(
            group=F("award_type__report_group"),
            level=F("award_type__level"),
            label=F("award_type__name"),
            nominee_kind=F("nomination__nominee_kind"),
            is_enterprise=F("nomination__is_enterprise"),
            awardee_class=F("nomination__awardee_class"),
            route=F("nomination__route"),
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    if records is not None:
        groups += [
            {**g, "is_enterprise": False, "awardee_class": ""}
            for g in records.values(
                "nominee_kind",
                "route",
                group=F("award_type__report_group"),
                level=F("award_type__level"),
                label=F("award_type__name"),
            )
            .annotate(n=Count("id"))
            .order_by()
        ]
    return groups


def _classified(groups: list[dict], report: FormReport) -> list[dict]:
    """The form's rows partition the awardees: an individual whose class was not entered is in the
    last class, "người trực tiếp công tác, lao động…" (whoever is not a leader or a business
    owner); an award without a route is a regular one. The screen says how many were taken so."""
    classes, routes = set(AwardeeClass.values), set(Route.values)
    unclassified = unrouted = 0
    out = []
    for g in groups:
        g = dict(g)
        if g["nominee_kind"] == NomineeKind.INDIVIDUAL and g["awardee_class"] not in classes:
            unclassified += g["n"]
            g["awardee_class"] = AwardeeClass.DIRECT_WORKER
        if g["route"] not in routes:
            unrouted += g["n"]
            g["route"] = Route.ANNUAL
        out.append(g)
    if unclassified:
        report.notes.append(
            _(
                "%(n)s lượt cá nhân chưa ghi đối tượng (biểu thống kê) được tính vào dòng “Người trực tiếp "
                "công tác, lao động, học tập, chiến đấu”; ghi đối tượng trên hồ sơ để số liệu đúng hơn."
            )
            % {"n": _num(unclassified)}
        )
    if unrouted:
        report.notes.append(
            _("%(n)s lượt chưa ghi loại hình được tính là khen thưởng thường xuyên.") % {"n": _num(unrouted)}
        )
    return out


def _left_out(groups: list[dict], report: FormReport) -> list[dict]:
    """Only the awards the form has a column for are counted (its total is the sum of its columns);
    the others are named on the screen, so that nobody wonders where they went."""
    kept, dropped = [], {}
    for g in groups:
        if g["col"]:
            kept.append(g)
        else:
            dropped[g["label"]] = dropped.get(g["label"], 0) + g["n"]
    for label, n in sorted(dropped.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        report.notes.append(
            _("Không tính vào biểu: %(n)s lượt %(label)s (biểu không có cột cho hình thức này).")
            % {"n": _num(n), "label": label}
        )
    return kept


def _num(value) -> str:
    return f"{int(value or 0):,}".replace(",", ".")


# Form 0603's columns: the four forms of provincial commendation it counts.
COLUMNS_0603 = {
    ReportGroup.BANG_KHEN: "2",
    ReportGroup.CSTD: "3",
    ReportGroup.CO_THI_DUA: "4",
    ReportGroup.HUY_HIEU: "5",
}


def form_0603_from(period: Period, groups: list[dict]) -> FormReport:
    parent = _("Chia ra")

    def only(key):
        return lambda g: g["col"] == key

    columns = [
        Column("1", _("Tổng số")),
        Column("2", _("Bằng khen"), only("2"), parent),
        Column("3", _("Chiến sĩ thi đua cấp bộ, cấp tỉnh"), only("3"), parent),
        Column("4", _("Cờ thi đua của bộ, ban, ngành, tỉnh"), only("4"), parent),
        Column("5", _("Huy hiệu (kỷ niệm chương) của bộ, tỉnh"), only("5"), parent),
    ]
    report = FormReport(
        code="0603",
        number="0603.N/BNV-TĐKT",
        title=str(TITLES["0603"]),
        unit_of_measure=_("Lượt"),
        period=period,
        columns=columns,
        rows=_awardee_rows(2),
    )
    report.sums = _awardee_sums(2, columns)
    groups = [{**g, "col": COLUMNS_0603.get(g["group"], "")} for g in groups]
    return _fill(report, _classified(_left_out(groups, report), report))


def form_0603(period: Period, user) -> FormReport:
    """Provincial awards (Bằng khen, Chiến sĩ thi đua, Cờ thi đua, Huy hiệu of the province)."""
    province = AwardType.Level.PROVINCE
    lines = facts.decided_lines(period, user).filter(award_type__level=province)
    records = facts.history_records(period, user).filter(award_type__level=province)
    return form_0603_from(period, _grouped(lines, records))


# Form 0602's columns: (group, "Tập thể" key, "Cá nhân" key); a side the form does not have, and a
# group it has no column for, go to "Các hình thức khen thưởng khác" of the same side.
COLUMNS_0602 = (
    (ReportGroup.HUAN_CHUONG, "2", "3"),
    (ReportGroup.HUY_CHUONG, "4", "5"),
    (ReportGroup.GIAI_THUONG_HCM, "", "6"),
    (ReportGroup.GIAI_THUONG_NN, "", "7"),
    (ReportGroup.DANH_HIEU_VINH_DU, "8", "9"),
    (ReportGroup.CO_CHINH_PHU, "10", ""),
    (ReportGroup.BANG_KHEN_TTG, "11", "12"),
    (ReportGroup.CSTD_TOAN_QUOC, "", "13"),
    (ReportGroup.OTHER, "14", "15"),
)


def _column_0602(group: str, kind: str) -> str:
    sides = {g: (tt, cn) for g, tt, cn in COLUMNS_0602}
    tt, cn = sides.get(group, ("", ""))
    key = cn if kind == NomineeKind.INDIVIDUAL else tt
    if key:
        return key
    return "15" if kind == NomineeKind.INDIVIDUAL else "14"


def form_0602_from(period: Period, groups: list[dict]) -> FormReport:
    labels = dict(ReportGroup.choices)
    columns = [Column("1", _("Tổng số"))]
    for group, tt, cn in COLUMNS_0602:
        for key, label in ((tt, _("Tập thể")), (cn, _("Cá nhân"))):
            if key:
                columns.append(Column(key, label, lambda g, k=key: g["col"] == k, str(labels[group])))
    report = FormReport(
        code="0602",
        number="0602.N/BNV-TĐKT",
        title=str(TITLES["0602"]),
        unit_of_measure=_("Lượt"),
        period=period,
        columns=columns,
        rows=_awardee_rows(6, proposing_body=True),
        receipt_date=str(RECEIPT_DATE),
    )
    report.sums = _awardee_sums(6, columns, proposing_body=True)
    groups = [{**g, "col": _column_0602(g["group"], g["nominee_kind"])} for g in groups]
    return _fill(report, _classified(groups, report))


def form_0602(period: Period, user) -> FormReport:
    """State-level awards: what the central level awarded on the province's proposals, and the
    state-level awards of the imported history."""
    records = facts.history_records(period, user).filter(award_type__level=AwardType.Level.NATIONAL)
    return form_0602_from(period, _grouped(facts.central_lines(period, user), records))


def form_0601_from(period: Period, movements: list[LaunchedMovement]) -> FormReport:
    groups = [
        {
            "launch_level": m.launch_level,
            "scope": m.scope,
            "kind": m.kind,
            "bucket": m.duration_row,
            "n": 1,
        }
        for m in movements
    ]
    L, S, K = Movement.LaunchLevel, Movement.Scope, Movement.Kind
    parent = _("Chia ra theo cấp phát động")
    columns = [
        Column("1", _("Tổng số")),
        Column("2", _("Cấp Trung ương"), lambda g: g["launch_level"] == L.CENTRAL, parent),
        Column(
            "3",
            _("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố"),
            lambda g: g["launch_level"] == L.PROVINCE,
            parent,
        ),
        Column("4", _("Cơ quan, tổ chức, đơn vị"), lambda g: g["launch_level"] == L.UNIT, parent),
    ]
    rows = [Row("01", _("Tổng số"))]
    for i, (code, value) in enumerate(
        (("02", S.NATIONAL), ("03", S.SECTOR), ("04", S.CLUSTER), ("05", S.UNIT))
    ):
        rows.append(
            Row(code, str(value.label), lambda g, v=value: g["scope"] == v, _("1. Phạm vi") if i == 0 else "")
        )
    durations = (
        ("06", _("Dưới 1 năm")),
        ("07", _("1 năm")),
        ("08", _("Từ 1 năm đến dưới 3 năm")),
        ("09", _("Từ 3 năm đến dưới 5 năm")),
        ("10", _("Từ 5 năm trở lên")),
    )
    for i, (code, label) in enumerate(durations):
        rows.append(Row(code, label, lambda g, c=code: g["bucket"] == c, _("2. Thời hạn") if i == 0 else ""))
    rows += [
        Row("11", str(K.THEMATIC.label), lambda g: g["kind"] == K.THEMATIC, _("3. Phương thức")),
        Row("12", str(K.REGULAR.label), lambda g: g["kind"] == K.REGULAR),
    ]
    report = FormReport(
        code="0601",
        number="0601.N/BNV-TĐKT",
        title=str(TITLES["0601"]),
        unit_of_measure=_("Phong trào"),
        period=period,
        columns=columns,
        rows=rows,
        receipt_date=str(RECEIPT_DATE),
        sums=[
            Sum("columns", "1", ("2", "3", "4")),
            Sum("rows", "01", _codes(2, 5)),
            Sum("rows", "01", _codes(6, 10)),
            Sum("rows", "01", ("11", "12")),
        ],
    )
    inferred = [m for m in movements if m.inferred]
    if inferred:
        report.notes.append(
            _(
                "%(n)s phong trào chưa ghi đủ cấp phát động, phạm vi, phương thức, thời hạn hoặc ngày phát động "
                "trong danh mục; biểu suy ra từ các thông tin còn lại: %(names)s."
            )
            % {"n": _num(len(inferred)), "names": "; ".join(m.name for m in inferred)}
        )
    return _fill(report, groups)


def form_0601(period: Period, user) -> FormReport:
    """Movements launched in the period, by launching level, scope, duration and kind."""
    return form_0601_from(period, launched_movements(period))


def form_0604(period: Period, user) -> FormReport:
    """Organisations doing this work: the figures the Standing agency entered for the year."""
    entry = WorkforceReport.objects.filter(year=period.report_year).first()
    names = (
        ("02", "org_ministry_department"),
        ("03", "org_ministry_division"),
        ("04", "org_home_affairs_board"),
        ("05", "org_home_affairs_division"),
    )
    rows = [Row("01", _("Tổng số"))]
    values = {}
    for i, (code, name) in enumerate(names):
        rows.append(
            Row(
                code,
                str(WorkforceReport._meta.get_field(name).verbose_name),
                section=_("Phân theo cơ cấu tổ chức") if i == 0 else "",
            )
        )
        values[code] = {"1": getattr(entry, name) if entry else 0}
    values["01"] = {"1": sum(v["1"] for v in values.values())}
    return FormReport(
        code="0604",
        number="0604.N/BNV-TĐKT",
        title=str(TITLES["0604"]),
        unit_of_measure=_("Tổ chức"),
        period=period,
        columns=[Column("1", _("Số lượng"))],
        rows=rows,
        values=values,
        sums=[Sum("rows", "01", _codes(2, 5))],
    )


def form_0605(period: Period, user) -> FormReport:
    """Civil servants doing this work, by age, training and years: the year's entered figures."""
    R = WorkforceStaffLine.Row
    entered = {
        line["row"]: line
        for line in WorkforceStaffLine.objects.filter(report__year=period.report_year).values(
            "row", "total", "women"
        )
    }
    sections = {
        "02": _("Chia theo độ tuổi"),
        "08": _("Chia theo trình độ đào tạo"),
        "13": _("Chia theo số năm công tác"),
    }
    rows = [Row("01", _("Tổng số"))]
    values = {}
    for value, label in R.choices:
        rows.append(Row(value, str(label), section=sections.get(value, "")))
        line = entered.get(value, {})
        values[value] = {"1": line.get("total", 0), "2": line.get("women", 0)}
    # The total is the sum of the age brackets (every person has exactly one age).
    ages = [R.AGE_30, R.AGE_40, R.AGE_50, R.AGE_55, R.AGE_60, R.AGE_OVER_60]
    values["01"] = {k: sum(values[a][k] for a in ages) for k in ("1", "2")}
    return FormReport(
        code="0605",
        number="0605.N/BNV-TĐKT",
        title=str(TITLES["0605"]),
        unit_of_measure=_("Người"),
        period=period,
        columns=[Column("1", _("Tổng số")), Column("2", _("Trong đó: Nữ"))],
        rows=rows,
        values=values,
        sums=[
            Sum("rows", "01", _codes(2, 7)),
            Sum("rows", "01", _codes(8, 12)),
            Sum("rows", "01", _codes(13, 15)),
            Sum("columns", "1", ("2",), at_most=True),
        ],
    )


FORMS = {
    "0601": form_0601,
    "0602": form_0602,
    "0603": form_0603,
    "0604": form_0604,
    "0605": form_0605,
}


def build_form(code: str, period: Period, user) -> FormReport:
    """The form ``code`` (``0603`` or ``0603.N/BNV-TĐKT``) for the period and the user's scope."""
    key = (code or "")[:4]
    if key not in FORMS:
        message = _("Không có biểu “%(code)s”; các biểu: 0601, 0602, 0603, 0604, 0605.") % {"code": code}
        raise InvalidInput(message, fields={"code": message})
    report = FORMS[key](period, user)
    report.basis = statistical_form_basis_on(period.end)
    if report.broken_sums():
        # Only entered figures (0604, 0605 from before the entry screen checked them) can do this.
        report.notes.append(
            _(
                "Số liệu đã nhập chưa khớp: tổng số phải bằng tổng các dòng, số nữ không quá tổng số; hãy sửa số liệu."
            )
        )
    return report


__all__ = ["FORMS", "TITLES", "Column", "FormReport", "Row", "Sum", "build_form"]
