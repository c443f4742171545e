"""The forms and summaries as workbooks, laid out as on paper (openpyxl).

Header block (Biểu số, the circular, reporting and receiving units, period), columns A/B/C then
numbered, the total row first and bold, the header frozen, the signature block under the table.
"""

import io
import re
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .. import spreadsheet
from .forms import FormReport

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
ITALIC = Font(name="Times New Roman", italic=True, size=12)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
NUMBER = "#,##0"  # Vietnamese locale shows the thousands separator as "."


def date_line(place: str, day: date) -> str:
    return _("%(place)s, ngày %(d)s tháng %(m)s năm %(y)s") % {
        "place": place,
        "d": f"{day.day:02d}",
        "m": f"{day.month:02d}",
        "y": day.year,
    }


def _put(ws, row, col, value, *, font=NORMAL, align=LEFT, border=False, fmt=None):
    cell = spreadsheet.put(ws, row, col, value)
    cell.font = font
    cell.alignment = align
    if border:
        cell.border = BOX
    if fmt:
        cell.number_format = fmt
    return cell


def _merge(ws, row, first, last, value, **kwargs):
    cell = _put(ws, row, first, value, **kwargs)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    return cell


def write_form(ws, report: FormReport, *, reporting_unit: str, receiving_unit: str, place: str, today: date):
    """One form on one sheet; returns the row of the total (row 01)."""
    width = 3 + len(report.columns)
    third = max(4, width - 2)
    _put(ws, 1, 1, _("Biểu số: %(number)s") % {"number": report.number}, font=BOLD)
    _put(ws, 2, 1, report.basis, font=ITALIC)
    if report.receipt_date:
        _put(ws, 3, 1, report.receipt_date, font=ITALIC)
    _merge(ws, 1, 2, third - 1, report.title, font=BOLD, align=CENTER)
    _merge(ws, 2, 2, third - 1, report.period.label, font=ITALIC, align=CENTER)
    _merge(ws, 1, third, width, _("Đơn vị báo cáo: %(unit)s") % {"unit": reporting_unit}, font=NORMAL)
    _merge(ws, 2, third, width, _("Đơn vị nhận báo cáo: %(unit)s") % {"unit": receiving_unit}, font=NORMAL)
    _merge(ws, 3, third, width, _("Đơn vị tính: %(unit)s") % {"unit": report.unit_of_measure}, font=NORMAL)

    top = 5
    grouped = any(c.parent for c in report.columns)
    head_rows = 2 if grouped else 1
    for col, label in enumerate((_("Chỉ tiêu"), _("Mã số"), _("Đơn vị tính")), start=1):
        _put(ws, top, col, label, font=BOLD, align=CENTER, border=True)
        if grouped:
            _put(ws, top + 1, col, None, border=True)
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    col = 4
    columns = report.columns
    i = 0
    while i < len(columns):
        c = columns[i]
        if grouped and c.parent:
            j = i
            while j + 1 < len(columns) and columns[j + 1].parent == c.parent:
                j += 1
            _merge(ws, top, col, col + (j - i), c.parent, font=BOLD, align=CENTER, border=True)
            for k in range(i, j + 1):
                _put(ws, top, col + (k - i), ws.cell(top, col + (k - i)).value, border=True)
                _put(ws, top + 1, col + (k - i), columns[k].label, font=BOLD, align=CENTER, border=True)
            col += j - i + 1
            i = j + 1
            continue
        _put(ws, top, col, c.label, font=BOLD, align=CENTER, border=True)
        if grouped:
            _put(ws, top + 1, col, None, border=True)
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        col += 1
        i += 1
    letters = top + head_rows
    for n, label in enumerate(["A", "B", "C", *(c.key for c in columns)], start=1):
        _put(ws, letters, n, label, font=ITALIC, align=CENTER, border=True)
    ws.freeze_panes = ws.cell(row=letters + 1, column=4)

    row = letters + 1
    total_row = row
    for r in report.rows:
        if r.section:
            _merge(ws, row, 1, width, r.section, font=BOLD, border=True)
            row += 1
        is_total = r.code == report.rows[0].code
        font = BOLD if is_total else NORMAL
        if is_total:
            total_row = row
        label = ("    " * r.indent) + r.label
        _put(ws, row, 1, label, font=font, border=True)
        _put(ws, row, 2, r.code, font=font, align=CENTER, border=True)
        _put(ws, row, 3, report.unit_of_measure, font=font, align=CENTER, border=True)
        for n, c in enumerate(columns, start=4):
            _put(ws, row, n, report.values[r.code][c.key], font=font, align=CENTER, border=True, fmt=NUMBER)
        row += 1

    row += 1
    half = max(2, width // 2)
    _put(ws, row, 1, _("Người lập biểu"), font=BOLD, align=CENTER)
    _merge(ws, row, half + 1, width, date_line(place, today), font=ITALIC, align=CENTER)
    _put(ws, row + 1, 1, _("(Ký, ghi rõ họ tên)"), font=ITALIC, align=CENTER)
    _merge(ws, row + 1, half + 1, width, _("THỦ TRƯỞNG ĐƠN VỊ"), font=BOLD, align=CENTER)
    _merge(ws, row + 2, half + 1, width, _("(Ký, đóng dấu, ghi rõ họ tên)"), font=ITALIC, align=CENTER)

    ws.column_dimensions["A"].width = 55
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 11
    for n in range(4, width + 1):
        ws.column_dimensions[get_column_letter(n)].width = 12
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{top}:{letters}"
    return total_row


def form_workbook(reports: list[FormReport], **header) -> bytes:
    """One sheet per form, named by its code."""
    wb = Workbook()
    wb.remove(wb.active)
    for report in reports:
        write_form(wb.create_sheet(report.code), report, **header)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_table(
    ws,
    *,
    title: str,
    subtitle: str,
    headers: list[str],
    rows: list[list],
    totals: list | None,
    formats: list[str | None] | None = None,
):
    """A list as a sheet: Vietnamese headers, number formats, totals row, frozen header row.

    ``formats`` names a column's number format where the default (dates dd/mm/yyyy, whole
    numbers with thousands separators) is wrong: a year, a time of day."""
    formats = formats or [None] * len(headers)
    _merge(ws, 1, 1, len(headers), title, font=BOLD, align=CENTER)
    _merge(ws, 2, 1, len(headers), subtitle, font=ITALIC, align=CENTER)
    for n, label in enumerate(headers, start=1):
        _put(ws, 4, n, label, font=BOLD, align=CENTER, border=True)
    ws.freeze_panes = "A5"
    row = 5
    for values in rows:
        for n, value in enumerate(values, start=1):
            fmt = formats[n - 1] or (
                "dd/mm/yyyy" if isinstance(value, date) else (NUMBER if isinstance(value, int) else None)
            )
            _put(ws, row, n, value, border=True, fmt=fmt, align=LEFT if n == 1 else CENTER)
        row += 1
    if totals is not None:
        for n, value in enumerate(totals, start=1):
            _put(ws, row, n, value, font=BOLD, border=True, fmt=NUMBER, align=LEFT if n == 1 else CENTER)
    ws.column_dimensions["A"].width = 50
    for n in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(n)].width = 16
    return row


def summary_headers() -> list[str]:
    return [
        _("Nhóm"),
        _("Số hồ sơ đề nghị"),
        _("Số được khen thưởng"),
        _("Tiền thưởng (đồng)"),
        _("Cùng kỳ năm trước: đề nghị"),
        _("Cùng kỳ năm trước: khen thưởng"),
        _("Cùng kỳ năm trước: tiền thưởng"),
    ]


def summary_table(data: dict) -> tuple[list[list], list]:
    """Rows for the summary: this period's figures and the same period a year earlier beside them."""
    before = {r["key"]: r for r in data["previous"]["rows"]}
    rows = []
    for r in data["rows"]:
        p = before.get(r["key"], {})
        rows.append(
            [
                str(r["label"]),
                r["nominations"],
                r["awarded"],
                r["amount"],
                p.get("nominations", 0),
                p.get("awarded", 0),
                p.get("amount", 0),
            ]
        )
    t, pt = data["totals"], data["previous"]["totals"]
    totals = [
        _("Tổng cộng"),
        t["nominations"],
        t["awarded"],
        t["amount"],
        pt["nominations"],
        pt["awarded"],
        pt["amount"],
    ]
    return rows, totals


def summary_workbook(data: dict, *, title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tổng hợp")
    rows, totals = summary_table(data)
    subtitle = f"{data['group_title']} – {data['period']['label']}"
    write_table(ws, title=title, subtitle=subtitle, headers=summary_headers(), rows=rows, totals=totals)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def processing_workbook(data: dict) -> bytes:
    """Processing time per stage and overdue share per unit, as two sheets."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Theo bước")
    rows = [
        [
            s["label"],
            s["count"],
            s["open"],
            s["median_days"],
            s["p90_days"],
            s["overdue"],
            round((s["overdue_share"] or 0) * 100, 1),
            s["returns"],
        ]
        for s in data["stages"]
    ]
    totals = [
        _("Tổng cộng"),
        sum(r[1] for r in rows),
        sum(r[2] for r in rows),
        None,
        None,
        sum(r[5] for r in rows),
        None,
        sum(r[7] for r in rows),
    ]
    write_table(
        ws,
        title=_("THỜI GIAN XỬ LÝ HỒ SƠ THEO BƯỚC (NGÀY LÀM VIỆC)"),
        subtitle=data["period"]["label"],
        headers=[
            _("Bước"),
            _("Số việc"),
            _("Đang mở"),
            _("Trung vị"),
            _("90% hồ sơ trong"),
            _("Quá hạn"),
            _("Tỷ lệ quá hạn (%)"),
            _("Số lần trả lại"),
        ],
        rows=rows,
        totals=totals,
    )
    units = wb.create_sheet(_("Theo đơn vị"))
    unit_rows = [
        [u["label"], u["count"], u["overdue"], round((u["overdue_share"] or 0) * 100, 1)]
        for u in data["units"]
    ]
    write_table(
        units,
        title=_("TỶ LỆ QUÁ HẠN THEO ĐƠN VỊ"),
        subtitle=data["period"]["label"],
        headers=[_("Đơn vị"), _("Số việc"), _("Quá hạn"), _("Tỷ lệ quá hạn (%)")],
        rows=unit_rows,
        totals=[_("Tổng cộng"), sum(r[1] for r in unit_rows), sum(r[2] for r in unit_rows), None],
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def list_workbook(*, sheets: list[dict]) -> bytes:
    """The lists of a screen, one sheet each, laid out like the reports' tables; each dict holds
    ``name`` (the sheet's tab) and ``write_table``'s arguments."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        sheet = dict(sheet)
        name = sheet.pop("name")
        # A tab's name: at most 31 characters, none of []:*?/\ (Excel's rule).
        ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", str(name))[:31])
        write_table(ws, **sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
