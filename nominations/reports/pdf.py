"""The forms as PDF (reportlab, the decisions' fonts): header block, table, signature block."""

import io

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..publishing.decision_pdf import esc, register_fonts
from .forms import FormReport
from .xlsx import date_line


def _styles(size: float):
    base = {"fontName": "TNR", "fontSize": size, "leading": size * 1.25}
    return {
        "left": ParagraphStyle("left", alignment=TA_LEFT, **base),
        "left_b": ParagraphStyle("left_b", alignment=TA_LEFT, **{**base, "fontName": "TNR-B"}),
        "left_i": ParagraphStyle("left_i", alignment=TA_LEFT, **{**base, "fontName": "TNR-I"}),
        "center": ParagraphStyle("center", alignment=TA_CENTER, **base),
        "center_b": ParagraphStyle("center_b", alignment=TA_CENTER, **{**base, "fontName": "TNR-B"}),
        "center_i": ParagraphStyle("center_i", alignment=TA_CENTER, **{**base, "fontName": "TNR-I"}),
        "title": ParagraphStyle(
            "title", alignment=TA_CENTER, **{**base, "fontName": "TNR-B", "fontSize": size + 2}
        ),
    }


def form_pdf(report: FormReport, *, reporting_unit: str, receiving_unit: str, place: str, today) -> bytes:
    register_fonts()
    many = len(report.columns) > 8
    s = _styles(8 if many else 10)
    page = landscape(A4)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"{report.number} {report.title}",
    )
    width = page[0] - 24 * mm
    left = [
        Paragraph(esc(_("Biểu số: %(n)s") % {"n": report.number}), s["left_b"]),
        Paragraph(esc(report.basis), s["left_i"]),
    ]
    if report.receipt_date:
        left.append(Paragraph(esc(report.receipt_date), s["left_i"]))
    middle = [Paragraph(esc(report.title), s["title"]), Paragraph(esc(report.period.label), s["center_i"])]
    right = [
        Paragraph(esc(_("Đơn vị báo cáo: %(u)s") % {"u": reporting_unit}), s["left"]),
        Paragraph(esc(_("Đơn vị nhận báo cáo: %(u)s") % {"u": receiving_unit}), s["left"]),
        Paragraph(esc(_("Đơn vị tính: %(u)s") % {"u": report.unit_of_measure}), s["left"]),
    ]
    head = Table([[left, middle, right]], colWidths=[width * 0.3, width * 0.4, width * 0.3])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))

    columns = report.columns
    grouped = any(c.parent for c in columns)
    cell = s["center_b"]
    top = [
        Paragraph(esc(_("Chỉ tiêu")), cell),
        Paragraph(esc(_("Mã số")), cell),
        Paragraph(esc(_("Đơn vị tính")), cell),
    ]
    second = ["", "", ""]
    spans = []
    for n, c in enumerate(columns):
        col = 3 + n
        if grouped and c.parent:
            first = n == 0 or columns[n - 1].parent != c.parent
            top.append(Paragraph(esc(c.parent), cell) if first else "")
            second.append(Paragraph(esc(c.label), cell))
            if first:
                last = n
                while last + 1 < len(columns) and columns[last + 1].parent == c.parent:
                    last += 1
                spans.append(("SPAN", (col, 0), (3 + last, 0)))
        else:
            top.append(Paragraph(esc(c.label), cell))
            second.append("")
            if grouped:
                spans.append(("SPAN", (col, 0), (col, 1)))
    data = [top]
    if grouped:
        data.append(second)
        spans += [("SPAN", (i, 0), (i, 1)) for i in range(3)]
    data.append([Paragraph(x, s["center_i"]) for x in ["A", "B", "C", *(c.key for c in columns)]])
    styles = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("FONTNAME", (0, 0), (-1, -1), "TNR"),
        ("FONTSIZE", (0, 0), (-1, -1), s["left"].fontSize),
        *spans,
    ]
    header_rows = len(data)
    for r in report.rows:
        if r.section:
            data.append([Paragraph(esc(r.section), s["left_b"])] + [""] * (2 + len(columns)))
            styles.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
        bold = r.code == report.rows[0].code
        label = Paragraph(("&nbsp;" * 4 * r.indent) + esc(r.label), s["left_b" if bold else "left"])
        values = [f"{report.values[r.code][c.key]:,}".replace(",", ".") for c in columns]
        data.append([label, r.code, report.unit_of_measure, *values])
        if bold:
            styles.append(("FONTNAME", (1, len(data) - 1), (-1, len(data) - 1), "TNR-B"))
    label_width = width * (0.3 if many else 0.4)
    rest = (width - label_width) / (2 + len(columns))
    table = Table(data, colWidths=[label_width] + [rest] * (2 + len(columns)), repeatRows=header_rows)
    table.setStyle(TableStyle(styles))

    signature = Table(
        [
            [
                Paragraph(esc(_("Người lập biểu")), s["center_b"]),
                Paragraph(esc(date_line(place, today)), s["center_i"]),
            ],
            [
                Paragraph(esc(_("(Ký, ghi rõ họ tên)")), s["center_i"]),
                Paragraph(esc(_("THỦ TRƯỞNG ĐƠN VỊ")), s["center_b"]),
            ],
            ["", Paragraph(esc(_("(Ký, đóng dấu, ghi rõ họ tên)")), s["center_i"])],
        ],
        colWidths=[width / 2, width / 2],
    )
    # What the figures took or left out (an award the form has no column for …), under the table.
    notes = [Paragraph(esc(_("Ghi chú: %(note)s") % {"note": note}), s["left_i"]) for note in report.notes]
    doc.build([head, Spacer(1, 4 * mm), table, Spacer(1, 3 * mm), *notes, Spacer(1, 6 * mm), signature])
    return buffer.getvalue()
