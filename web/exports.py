"""Every list of the screens as a workbook (``?format=xlsx`` on the list's own address).

The view passes the very queryset (or rows) its page shows, filters and scope included, so the
workbook holds every page of what the screen shows and nothing the user cannot see there. Over
``XLSX_LIMIT`` rows the user is sent back with a message pointing at the background export.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

XLSX_LIMIT = 5000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR = "0"  # a year is not a quantity: 2026, never 2.026
MOMENT = "dd/mm/yyyy hh:mm"


@dataclass(frozen=True)
class Column:
    """One column: its heading, how a row's value is read, and whether the totals row sums it."""

    label: str
    value: Callable[[Any], Any]
    total: bool = False
    fmt: str | None = None


@dataclass
class Table:
    """One list of the screen: a sheet of the workbook."""

    title: str
    columns: list[Column]
    items: Iterable
    # "Tổng cộng: %(n)s hồ sơ": the first cell of the totals row.
    total_label: str = field(default_factory=lambda: gettext_lazy("Tổng cộng: %(n)s dòng"))
    sheet: str | None = None


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"


def day(value) -> date | None:
    """A moment as the local calendar day (what the screen prints as dd/mm/yyyy)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def moment(value) -> datetime | None:
    """A moment in local time without its zone (a workbook holds no time zones)."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def xlsx_response(request, *, filename: str, tables: list[Table]) -> HttpResponse:
    """The tables as one workbook, or, over the limit, back to the page with the way round it."""
    from nominations.reports.xlsx import list_workbook

    read = []
    for table in tables:
        items = table.items[: XLSX_LIMIT + 1] if hasattr(table.items, "__getitem__") else table.items
        items = list(items)
        if len(items) > XLSX_LIMIT:
            messages.error(
                request,
                _(
                    "Danh sách có hơn %(n)s dòng: hãy lọc bớt, hoặc dùng “Xuất dữ liệu” ở màn hình Báo cáo, "
                    "thống kê (chạy nền)."
                )
                % {"n": _number(XLSX_LIMIT)},
            )
            query = request.GET.copy()
            query.pop("format", None)
            return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
        read.append((table, items))

    today = timezone.localdate()
    sheets = []
    for table, items in read:
        rows = [[column.value(item) for column in table.columns] for item in items]
        totals = [
            sum(row[n] or 0 for row in rows) if column.total else None
            for n, column in enumerate(table.columns)
        ]
        totals[0] = str(table.total_label) % {"n": _number(len(rows))}
        sheets.append(
            {
                "name": table.sheet or _("Danh sách"),
                "title": str(table.title),
                "subtitle": _("Trích xuất ngày %(d)s, %(n)s dòng")
                % {"d": today.strftime("%d/%m/%Y"), "n": _number(len(rows))},
                "headers": [str(column.label) for column in table.columns],
                "rows": rows,
                "totals": totals,
                "formats": [column.fmt for column in table.columns],
            }
        )
    response = HttpResponse(list_workbook(sheets=sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{today:%Y%m%d}.xlsx"'
    return response


def xlsx_list(request, *, filename: str, **table) -> HttpResponse:
    """One list as a one-sheet workbook: ``table`` holds ``Table``'s fields."""
    return xlsx_response(request, filename=filename, tables=[Table(**table)])
