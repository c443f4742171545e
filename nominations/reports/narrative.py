"""The 6-month and annual report on emulation and commendation work, as a DOCX the office edits.

The usual outline (report-forms.md §4): every number filled from the data (the same functions as
the API), every narrative section left as a marked placeholder for the office to write, and an
annex with the tables of forms 0601–0603 and the summary by award type.
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .forms import FormReport, build_form
from .period import Period
from .summary import summary
from .xlsx import date_line

PLACEHOLDER = "[{}]"


def _num(value) -> str:
    return f"{int(value or 0):,}".replace(",", ".")


def _share(value) -> str:
    return "–" if value is None else f"{value * 100:.1f}".replace(".", ",") + " %"


def _placeholder(doc, text):
    p = doc.add_paragraph()
    run = p.add_run(PLACEHOLDER.format(text))
    run.italic = True
    return p


def _title_for(period: Period) -> str:
    if period.kind == "first_half":
        return _(
            "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm %(y)s và phương hướng, nhiệm vụ 6 tháng cuối năm"
        ) % {"y": period.start.year}
    if period.kind in ("reporting_year", "year"):
        return _("Tổng kết công tác thi đua, khen thưởng năm %(y)s và phương hướng, nhiệm vụ năm %(n)s") % {
            "y": period.report_year,
            "n": period.report_year + 1,
        }
    return _("Công tác thi đua, khen thưởng %(period)s") % {"period": period.label.lower()}


def _form_table(doc, report: FormReport):
    doc.add_paragraph().add_run(f"{report.number}: {report.title} ({report.unit_of_measure})").bold = True
    header = [
        _("Chỉ tiêu"),
        _("Mã số"),
        *[(f"{c.parent}: " if c.parent else "") + c.label for c in report.columns],
    ]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in report.rows:
        cells = table.add_row().cells
        cells[0].text = row.label
        cells[1].text = row.code
        for cell, column in zip(cells[2:], report.columns, strict=True):
            cell.text = _num(report.values[row.code][column.key])
    return table


def report_docx(
    period: Period, user, *, reporting_unit: str, place: str, today, number: str = "", parent: str = ""
) -> bytes:
    """The narrative report of ``period`` in ``user``'s scope. ``number``: "3/BC-SNV" from the
    issuer's register, or "/BC-SNV" with the number left blank (not taken yet); ``parent``: the
    governing body printed above the issuer (the province above a department)."""
    data = summary(period, user, "award_type")
    f601, f602, f603 = (build_form(code, period, user) for code in ("0601", "0602", "0603"))
    t, before = data["totals"], data["previous"]["totals"]

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for section in doc.sections:
        section.left_margin, section.right_margin = Cm(3), Cm(2)

    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = f"{parent.upper()}\n{reporting_unit.upper()}" if parent else reporting_unit.upper()
    head.cell(0, 1).text = _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    if number.startswith("/"):
        head.cell(1, 0).text = _("Số:        %(symbol)s") % {"symbol": number}
    else:
        head.cell(1, 0).text = _("Số: %(number)s") % {"number": number}
    head.cell(1, 1).text = _("Độc lập - Tự do - Hạnh phúc")
    for cell in (head.cell(0, 0), head.cell(0, 1), head.cell(1, 1)):
        for run in cell.paragraphs[0].runs:
            run.bold = True
    line = doc.add_paragraph(date_line(place, today))
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line.runs[0].italic = True

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(_("BÁO CÁO")).bold = True
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(_title_for(period)).bold = True
    doc.add_paragraph(
        _("Kỳ báo cáo: %(p)s.") % {"p": period.label.lower()}
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading(_("I. ĐẶC ĐIỂM TÌNH HÌNH"), level=2)
    _placeholder(doc, _("Văn phòng soạn: thuận lợi, khó khăn trong kỳ"))

    doc.add_heading(_("II. KẾT QUẢ TRIỂN KHAI CÁC PHONG TRÀO THI ĐUA"), level=2)
    rows = f601.values
    doc.add_paragraph(
        _(
            "Trong kỳ đã phát động %(total)s phong trào thi đua (%(thematic)s phong trào theo chuyên đề, "
            "%(regular)s phong trào thường xuyên hằng năm); trong đó cấp Trung ương %(central)s, cấp tỉnh %(province)s, "
            "cơ quan, đơn vị %(unit)s (chi tiết tại biểu 0601 ở Phụ lục)."
        )
        % {
            "total": _num(rows["01"]["1"]),
            "thematic": _num(rows["11"]["1"]),
            "regular": _num(rows["12"]["1"]),
            "central": _num(rows["01"]["2"]),
            "province": _num(rows["01"]["3"]),
            "unit": _num(rows["01"]["4"]),
        }
    )
    _placeholder(
        doc, _("Văn phòng soạn: phong trào tiêu biểu, hoạt động của cụm, khối thi đua, điển hình tiên tiến")
    )

    doc.add_heading(_("III. CÔNG TÁC KHEN THƯỞNG"), level=2)
    doc.add_paragraph(
        _(
            "Trong kỳ đã tiếp nhận %(nominations)s hồ sơ đề nghị khen thưởng; %(awarded)s lượt tập thể, cá nhân, hộ gia "
            "đình được khen thưởng, tổng tiền thưởng %(amount)s đồng (cùng kỳ năm trước: %(b_nom)s hồ sơ, "
            "%(b_awarded)s lượt, %(b_amount)s đồng)."
        )
        % {
            "nominations": _num(t["nominations"]),
            "awarded": _num(t["awarded"]),
            "amount": _num(t["amount"]),
            "b_nom": _num(before["nominations"]),
            "b_awarded": _num(before["awarded"]),
            "b_amount": _num(before["amount"]),
        }
    )
    v3, v2 = f603.values, f602.values
    doc.add_paragraph(
        _(
            "Khen thưởng cấp tỉnh: %(province)s lượt (%(collective)s tập thể, %(household)s hộ gia đình, %(individual)s "
            "cá nhân; khen thưởng đột xuất %(ad_hoc)s lượt). Khen thưởng cấp Nhà nước theo đề nghị của tỉnh: "
            "%(state)s lượt."
        )
        % {
            "province": _num(v3["01"]["1"]),
            "collective": _num(v3["02"]["1"]),
            "household": _num(v3["04"]["1"]),
            "individual": _num(v3["05"]["1"]),
            "ad_hoc": _num(v3["13"]["1"]),
            "state": _num(v2["01"]["1"]),
        }
    )
    doc.add_paragraph(
        _(
            "Trong số cá nhân được khen thưởng, nữ chiếm %(women)s; người trực tiếp lao động, công tác chiếm "
            "%(direct)s."
        )
        % {"women": _share(t["women_share"]), "direct": _share(t["direct_worker_share"])}
    )
    _placeholder(doc, _("Văn phòng soạn: nhận xét về chất lượng, tính kịp thời của khen thưởng"))

    doc.add_heading(_("IV. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ THI ĐUA, KHEN THƯỞNG"), level=2)
    _placeholder(
        doc, _("Văn phòng soạn: ban hành văn bản, kiện toàn Hội đồng, ứng dụng công nghệ thông tin, kiểm tra")
    )

    doc.add_heading(_("V. ĐÁNH GIÁ CHUNG"), level=2)
    for heading in (
        _("1. Ưu điểm"),
        _("2. Tồn tại, hạn chế"),
        _("3. Nguyên nhân"),
        _("4. Bài học kinh nghiệm"),
    ):
        doc.add_paragraph().add_run(heading).bold = True
        _placeholder(doc, _("Văn phòng soạn"))

    doc.add_heading(_("VI. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"), level=2)
    _placeholder(doc, _("Văn phòng soạn"))
    doc.add_heading(_("VII. KIẾN NGHỊ, ĐỀ XUẤT"), level=2)
    _placeholder(doc, _("Văn phòng soạn"))

    doc.add_page_break()
    doc.add_heading(_("PHỤ LỤC SỐ LIỆU"), level=2)
    doc.add_paragraph().add_run(_("Tổng hợp theo hình thức khen thưởng")).bold = True
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        (
            _("Hình thức khen thưởng"),
            _("Số hồ sơ đề nghị"),
            _("Số được khen thưởng"),
            _("Tiền thưởng (đồng)"),
        ),
        strict=True,
    ):
        cell.text = text
    for r in data["rows"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = (
            str(r["label"]),
            _num(r["nominations"]),
            _num(r["awarded"]),
            _num(r["amount"]),
        )
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = (
        _("Tổng cộng"),
        _num(t["nominations"]),
        _num(t["awarded"]),
        _num(t["amount"]),
    )
    for report in (f601, f602, f603):
        doc.add_paragraph()
        _form_table(doc, report)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
