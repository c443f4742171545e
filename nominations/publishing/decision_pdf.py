"""The decision in the layout of Vietnamese administrative documents (Decree 30/2020/NĐ-CP).

Times-New-Roman-metric font shipped with the project (Liberation Serif 2, OFL)
so the layout and the Vietnamese diacritics are the same on every machine.
"""

import hashlib
import io
import json
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

from django.conf import settings
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..policy.rewards import reward_bases
from .signing import FIELD_ANNEX, FIELD_DATE, FIELD_NUMBER

FONTS = Path(__file__).resolve().parent / "fonts"
_registered = False


def register_fonts():
    global _registered
    if not _registered:
        for name, file in [
            ("TNR", "LiberationSerif-Regular.ttf"),
            ("TNR-B", "LiberationSerif-Bold.ttf"),
            ("TNR-I", "LiberationSerif-Italic.ttf"),
            ("TNR-BI", "LiberationSerif-BoldItalic.ttf"),
        ]:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
        pdfmetrics.registerFontFamily("TNR", normal="TNR", bold="TNR-B", italic="TNR-I", boldItalic="TNR-BI")
        _registered = True


def _styles():
    # 13 pt with single-and-a-bit line spacing (Decree 30 allows single to 1.5 lines) and 6 pt
    # between paragraphs: a decision of a few lines, four legal bases and one movement fits its
    # articles, "Nơi nhận" and the signature on the first page, its annex starting on the second.
    base = {"fontName": "TNR", "fontSize": 13, "leading": 15.5}
    return {
        "center": ParagraphStyle("center", alignment=TA_CENTER, **base),
        "center_b": ParagraphStyle("center_b", alignment=TA_CENTER, **{**base, "fontName": "TNR-B"}),
        "title": ParagraphStyle(
            "title", alignment=TA_CENTER, **{**base, "fontName": "TNR-B", "fontSize": 14}
        ),
        "body": ParagraphStyle("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6, **base),
        "basis": ParagraphStyle(
            "basis", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, **{**base, "fontName": "TNR-I"}
        ),
        "small": ParagraphStyle("small", alignment=TA_LEFT, **{**base, "fontSize": 11, "leading": 14}),
        "cell": ParagraphStyle("cell", alignment=TA_LEFT, **{**base, "fontSize": 12, "leading": 15}),
        "cell_c": ParagraphStyle("cell_c", alignment=TA_CENTER, **{**base, "fontSize": 12, "leading": 15}),
    }


def esc(value) -> str:
    """Every datum goes into reportlab's paragraph markup escaped: a name is text, never markup."""
    return xml_escape(str(value or ""), {'"': "&quot;"})


def money(value: int) -> str:
    return f"{int(value):,}".replace(",", ".")


def _date_line(day, place: str = "") -> str:
    place = esc(place or settings.DECISION_ISSUER_PLACE)
    # Decree 30/2020 (Appendix I): days below 10 and the months January and February take a 0.
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"<i>{place}, ngày {day.day:02d} tháng {month} năm {day.year}</i>"


def _issuer(decision) -> str:
    return esc(decision.issuer_name or settings.DECISION_ISSUER_NAME)


class _Slot(Flowable):
    """Blank space whose place on the page is recorded: a form field or a signature goes there.

    ``boxes`` are (name, x, y, width, height) relative to the slot's lower left corner."""

    def __init__(self, layout, width, height, boxes):
        super().__init__()
        self.layout, self.width, self.height, self.boxes = layout, width, height, boxes

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        x0, y0 = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        for name, x, y, w, h in self.boxes:
            self.layout.place(name, page, (x0 + x, y0 + y, x0 + x + w, y0 + y + h))


def _field_slot(layout, name, width):
    return _Slot(layout, width, 7 * mm, [(name, 0, 0, width, 7 * mm)])


SEAL_TEXT_HEIGHT = 10 * mm  # signing._appearance draws the organisation's text in this strip


def _signature_slot(layout, width):
    """The signer's signature in the middle; the seal's image over its left third (Decree 30)."""
    from .signing import FIELD_ORGANISATION, FIELD_SIGNER

    sig_w, sig_h, seal = 62 * mm, 24 * mm, 32 * mm
    # The organisation's box: the seal on top, its name and the time in a strip below it
    # (SEAL_TEXT_HEIGHT), so that the text never prints over the seal.
    height = seal + SEAL_TEXT_HEIGHT
    sig_x = (width - sig_w) / 2
    sig_y = SEAL_TEXT_HEIGHT + (seal - sig_h) / 2
    return _Slot(
        layout,
        width,
        height,
        [
            (FIELD_SIGNER, sig_x, sig_y, sig_w, sig_h),
            (FIELD_ORGANISATION, sig_x + sig_w / 3 - seal, 0, seal, height),
        ],
    )


def date_line_text(day, place: str = "") -> str:
    """The date line as the issuance writes it in its form field (plain text)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place or settings.DECISION_ISSUER_PLACE}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _header(decision, s, day, layout=None):
    issuer = _issuer(decision)
    if decision.unit_id and decision.issuer_parent:
        # A unit's own decision: the governing body of the decision date above, the unit below
        # (Decree 30 layout).
        parent = esc(decision.issuer_parent).replace("ỦY BAN NHÂN DÂN", "UBND")
        left_name = f"{parent}<br/><b>{issuer}</b>"
    elif issuer.startswith("ỦY BAN NHÂN DÂN "):
        # A People's Committee (the province's, or a commune's own): its name on two lines.
        left_name = f"ỦY BAN NHÂN DÂN<br/>{issuer.removeprefix('ỦY BAN NHÂN DÂN ')}"
    else:
        parts = issuer.split(" TỈNH ", 1)
        left_name = f"{parts[0]}<br/>TỈNH {parts[1]}" if len(parts) == 2 else issuer
    number = esc(decision.number) or f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/{esc(decision.issuer_symbol)}"
    header = Table(
        [
            [
                Paragraph(f"<b>{left_name}</b><br/>───────", s["center"]),
                Paragraph(
                    "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b><u>Độc lập - Tự do - Hạnh phúc</u></b>",
                    s["center"],
                ),
            ],
            [
                Paragraph(f"Số: {number}", s["center"]),
                Paragraph(_date_line(day, decision.place_name), s["center"]),
            ]
            if layout is None
            else [
                _field_slot(layout, FIELD_NUMBER, 70 * mm - 12),
                _field_slot(layout, FIELD_DATE, 100 * mm - 12),
            ],
        ],
        colWidths=[70 * mm, 100 * mm],
    )
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return header


def _signer_block(decision, s, layout=None):
    title = esc((decision.signer_title or "").upper())
    issuer = _issuer(decision)
    if decision.unit_id and title.endswith(f" {issuer}") and title != issuer:
        # "GIÁM ĐỐC", not "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO": the header already names the unit.
        title = title.removesuffix(f" {issuer}")
    is_vice = "PHÓ" in title
    if decision.unit_id and not _is_peoples_committee(decision):
        lines = (
            ["<b>KT. THỦ TRƯỞNG ĐƠN VỊ</b>", f"<b>{title}</b>"]
            if is_vice
            else [f"<b>{title or 'THỦ TRƯỞNG ĐƠN VỊ'}</b>"]
        )
    else:
        lines = ["<b>KT. CHỦ TỊCH</b>", "<b>PHÓ CHỦ TỊCH</b>"] if is_vice else ["<b>CHỦ TỊCH</b>"]
    name = esc(decision.signer.get_full_name()) if decision.signer else ""
    if layout is not None:
        return [
            Paragraph("<br/>".join(lines), s["center"]),
            _signature_slot(layout, 85 * mm - 12),
            Paragraph(f"<b>{name}</b>", s["center"]),
        ]
    status = "<i>(Đã ký số)</i>" if decision.number or decision.status != "draft" else "<i>(Dự thảo)</i>"
    return Paragraph("<br/>".join([*lines, status, "<br/><br/>", f"<b>{name}</b>"]), s["center"])


def verification_url(number: str) -> str:
    """The public page that looks this number up (printed and as a QR code on the signed document)."""
    from django.urls import reverse

    return f"{settings.SITE_URL.rstrip('/')}{reverse('public:verify')}?{urlencode({'number': number})}"


def _verification_block(decision, s, layout=None) -> list:
    """A QR code and the printed address of the public verification page (signed documents only),
    set under "Nơi nhận" so the signature page keeps its length. When signing, the number is not
    known yet: the QR code is a field the issuance fills."""
    if layout is not None:
        from django.urls import reverse

        from .signing import FIELD_QR

        tiny = ParagraphStyle("tiny", parent=s["small"], fontSize=8, leading=10)
        page = f"{settings.SITE_URL.rstrip('/')}{reverse('public:verify')}"
        return [
            Spacer(1, 3 * mm),
            _Slot(layout, 22 * mm, 22 * mm, [(FIELD_QR, 0, 0, 22 * mm, 22 * mm)]),
            Paragraph(
                f'Tra cứu, xác thực văn bản này tại: <a href="{esc(page)}">{esc(page)}</a> '
                "(quét mã QR, hoặc nhập số văn bản; chọn tệp PDF để so khớp với bản đã ký).",
                tiny,
            ),
        ]
    if not decision.number:
        return []
    url = verification_url(decision.number)
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    size = 22 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    tiny = ParagraphStyle("tiny", parent=s["small"], fontSize=8, leading=10)
    text = Paragraph(
        f'Tra cứu, xác thực văn bản này tại: <a href="{esc(url)}">{esc(url)}</a> '
        "(quét mã QR, rồi chọn tệp PDF để so khớp với bản đã ký).",
        tiny,
    )
    return [Spacer(1, 3 * mm), drawing, text]


RECIPIENT_WORDS = (("individual", "cá nhân"), ("collective", "tập thể"), ("household", "hộ gia đình"))


def recipients_phrase(lines) -> str:
    """'2 cá nhân và 1 tập thể': the awardees counted by kind, as a decision's Article 1 says it."""
    counts = Counter(line.nomination.nominee_kind for line in lines)
    parts = [f"{counts[kind]} {word}" for kind, word in RECIPIENT_WORDS if counts[kind]]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def _issuer_in_sentence(decision) -> str:
    """The issuer as running text names it (escaped): the stored text name, or for a document drafted
    before it was stored, "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH" -> "Ủy ban nhân dân tỉnh Thái Bình"."""
    if decision.issuer_text:
        return esc(decision.issuer_text)
    issuer = _issuer(decision)
    if issuer.startswith("ỦY BAN NHÂN DÂN "):
        kind, _sep, place = issuer.removeprefix("ỦY BAN NHÂN DÂN ").partition(" ")
        return f"Ủy ban nhân dân {kind.lower()} {place.title()}".strip()
    return issuer[:1] + issuer[1:].lower()


def authority_in_sentence(decision) -> str:
    """Who decides, as running text names them, proper nouns kept: "Chủ tịch Ủy ban nhân dân tỉnh
    Hưng Yên", "Giám đốc Sở Giáo dục và Đào tạo" (never a lower-cased capitals heading)."""
    if decision.unit_id and not _is_peoples_committee(decision):
        title = (decision.signer_title or "").strip()
        if title.lower().startswith("phó "):
            title = title[4:].strip()  # a deputy signs for the head ("KT."): the decision is the head's
        if title:
            return esc(title[:1].upper() + title[1:])
        return f"Thủ trưởng {_issuer_in_sentence(decision)}"
    return f"Chủ tịch {_issuer_in_sentence(decision)}"


def honorific(line) -> str:
    """Ông / Bà before an individual's name (the annex and the certificate), from the dossier."""
    nomination = line.nomination if line.nomination_id else None
    if nomination is None or nomination.nominee_kind != "individual":
        return ""
    return {"male": "Ông", "female": "Bà"}.get(nomination.nominee_gender, "")


def _movements_phrase(lines, *, escape: bool = True) -> str:
    """The movements the lines' dossiers cite, named: 'trong phong trào thi đua “…”' (escaped for
    the paragraph markup unless ``escape`` is false: a form's initial text)."""
    names = []
    for line in lines:
        nomination = line.nomination if line.nomination_id else None
        if nomination is not None and nomination.movement_id and nomination.movement.name not in names:
            names.append(nomination.movement.name)
    if not names:
        years = {line.nomination.year for line in lines if line.nomination_id and line.nomination.year}
        return (
            f"trong thực hiện nhiệm vụ năm {years.pop()}" if len(years) == 1 else "trong thực hiện nhiệm vụ"
        )
    quoted = [f"“{esc(name) if escape else name}”" for name in names]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " và " + quoted[-1]
    return f"trong phong trào thi đua {joined}"


def article1_default(lines) -> str:
    """Article 1's achievement as the template words it (plain text), before any rewording."""
    return f"đã có thành tích xuất sắc {_movements_phrase(lines, escape=False)}"


def _achievement(decision, lines) -> str:
    """Article 1's achievement, escaped: as the drafter reworded it, or the template's."""
    if decision.article1_reason:
        return esc(decision.article1_reason)
    return f"đã có thành tích xuất sắc {_movements_phrase(lines)}"


PROPOSING_PREFIX = "Theo đề nghị của "


def proposing_line(decision) -> str:
    """ "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 125/TTr-SNV ngày 01/12/2026." when
    the draft cites the proposing letter; empty otherwise."""
    if not decision.proposal_letter_number:
        return ""
    day = decision.proposal_letter_date
    when = f" ngày {day:%d/%m/%Y}" if day else ""
    return (
        f"{PROPOSING_PREFIX}{decision.proposal_letter_by} tại Tờ trình số "
        f"{decision.proposal_letter_number}{when}."
    )


def proposer_of(bases) -> str:
    """Who proposes, read from the default "Theo đề nghị của Giám đốc Sở Nội vụ." line."""
    for basis in bases:
        if basis.startswith(PROPOSING_PREFIX):
            return basis.removeprefix(PROPOSING_PREFIX).rstrip(" .;")
    return ""


def printed_bases(decision) -> list[str]:
    """The "Căn cứ …" and "Theo đề nghị …" lines as the document prints them: the draft's (edited
    or the dated defaults), the proposing letter's line in place of the plain "Theo đề nghị"."""
    letter = proposing_line(decision)
    if not letter:
        return list(decision.legal_bases)
    bases = [basis for basis in decision.legal_bases if not basis.startswith(PROPOSING_PREFIX)]
    return [*bases, letter]


def _conferrals(lines) -> str:
    """'Tặng danh hiệu “Lao động tiên tiến” cho 150 cá nhân; tặng Giấy khen cho 2 tập thể': each award
    as the catalog words it, with the awardees it goes to."""
    by_award: dict = {}
    for line in lines:
        by_award.setdefault(line.award_type.wording, []).append(line)
    parts = [f"{esc(wording)} cho {recipients_phrase(group)}" for wording, group in sorted(by_award.items())]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _recipients_block(decision, s):
    lines = decision.recipients or ["Như Điều 3;", "Lưu: VT."]
    body = "<br/>".join(f"- {esc(line)}" for line in lines)
    return Paragraph(f"<b><i>Nơi nhận:</i></b><br/>{body}", s["small"])


def document_title(decision) -> str:
    """The PDF's Title: kind, number and subject ("Quyết định số 8/QĐ-UBND về việc tặng …")."""
    kind = "Tờ trình" if decision.kind == "proposal" else "Quyết định"
    subject = decision.title[:1].lower() + decision.title[1:]
    number = f"số {decision.number}" if decision.number else "(dự thảo)"
    return f"{kind} {number} {subject}"


def annex_reference(decision, day) -> str:
    """The annex's first line: "(Kèm theo Quyết định số 8/QĐ-UBND ngày 07/12/2026" (plain text; the
    văn thư's issuance writes it in its field when the number is given after the signature)."""
    kind = "Tờ trình" if decision.kind == "proposal" else "Quyết định"
    end = ")" if decision.kind == "proposal" else ""  # a letter's annex names no author after it
    if decision.number:
        return f"(Kèm theo {kind} số {decision.number} ngày {day:%d/%m/%Y}{end}"
    return f"(Kèm theo {kind} số .../{decision.issuer_symbol} ngày ..../..../{day.year}{end}"


def _annex_reference(decision, s, day, layout):
    """The annex's reference to its document; a form field filled at issuance when signing first."""
    of = f"của {authority_in_sentence(decision)})" if decision.kind != "proposal" else ""
    if layout is not None:
        story = [_Slot(layout, 165 * mm, 7 * mm, [(FIELD_ANNEX, 0, 0, 165 * mm, 7 * mm)])]
        if of:
            story.append(Paragraph(f"<i>{of}</i>", s["center"]))
        return story
    text = esc(annex_reference(decision, day)) + (f" {of}" if of else "")
    return [Paragraph(f"<i>{text}</i>", s["center"])]


def _is_peoples_committee(decision) -> bool:
    return _issuer(decision).startswith("ỦY BAN NHÂN DÂN ")


def _authority_title(decision) -> str:
    """Who decides, as the decision names them: the unit head's title, or the Chairman of the
    People's Committee (the province's, or a commune's for its own titles)."""
    if decision.unit_id and not _is_peoples_committee(decision):
        title = esc((decision.signer_title or "").upper())
        return title or f"THỦ TRƯỞNG {_issuer(decision)}"
    return f"CHỦ TỊCH {_issuer(decision)}"


def _document(buffer, title: str, decision) -> SimpleDocTemplate:
    """An A4 page with the margins of Decree 30 (left 30 mm, right 15 mm, top and bottom 20 mm)."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=_issuer(decision),
    )


def render_decision(decision, lines, *, day, layout=None) -> bytes:
    """The decision and its annex (the list of awardees with amounts)."""
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    doc = _document(buffer, document_title(decision), decision)
    total = sum(line.amount for line in lines)
    fund = "Quỹ thi đua, khen thưởng của đơn vị" if decision.unit_id else "Quỹ thi đua, khen thưởng tỉnh"
    story = [
        _header(decision, s, day, layout),
        Spacer(1, 6 * mm),
        Paragraph("QUYẾT ĐỊNH", s["title"]),
        Paragraph(f"<b>{esc(decision.title)}</b>", s["center"]),
        Paragraph("───────────", s["center"]),
        Spacer(1, 4 * mm),
        Paragraph(f"<b>{_authority_title(decision)}</b>", s["center"]),
        Spacer(1, 4 * mm),
    ]
    for basis in printed_bases(decision):
        story.append(Paragraph(esc(basis), s["basis"]))
    story += [
        Spacer(1, 3 * mm),
        Paragraph("<b>QUYẾT ĐỊNH:</b>", s["center"]),
        Spacer(1, 3 * mm),
        Paragraph(
            f"<b>Điều 1.</b> {_conferrals(lines)} (có danh sách kèm theo), {_achievement(decision, lines)}.",
            s["body"],
        ),
        Paragraph(
            f"<b>Điều 2.</b> Tiền thưởng thực hiện theo quy định tại {_reward_basis(lines, day)}, "
            f"tổng số tiền: {money(total)} đồng (chi tiết tại danh sách kèm theo), trích từ {fund}.",
            s["body"],
        ),
    ]
    article3 = Paragraph(
        "<b>Điều 3.</b> Quyết định có hiệu lực kể từ ngày ký. "
        + (
            "Trưởng các phòng, bộ phận thuộc đơn vị và các tập thể, cá nhân có tên tại Điều 1 "
            "chịu trách nhiệm thi hành Quyết định này."
            if decision.unit_id
            else "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Trưởng Ban Thi đua - Khen thưởng "
            "tỉnh, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu "
            "trách nhiệm thi hành Quyết định này."
        ),
        s["body"],
    )
    footer = Table(
        [
            [
                [
                    _recipients_block(decision, s),
                    *_verification_block(decision, s, layout),
                ],
                _signer_block(decision, s, layout),
            ]
        ],
        colWidths=[80 * mm, 85 * mm],
    )
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    # Never a signature page alone: when the signature does not fit, the last article goes with it.
    story += [KeepTogether([article3, Spacer(1, 6 * mm), footer]), PageBreak()]

    story += [
        Paragraph("<b>DANH SÁCH</b>", s["center"]),
        Paragraph(
            f"<b>{esc(decision.title[:1].lower() + decision.title[1:])}</b>".replace("<b>v", "<b>V"),
            s["center"],
        ),
        *_annex_reference(decision, s, day, layout),
        Spacer(1, 4 * mm),
    ]
    rows = [
        [
            Paragraph(f"<b>{h}</b>", s["cell_c"])
            for h in ("TT", "Họ và tên, tập thể", "Chức vụ, đơn vị", "Hình thức", "Số tiền (đồng)")
        ]
    ]
    for line in lines:
        rows.append(
            [
                Paragraph(str(line.position), s["cell_c"]),
                Paragraph(esc(f"{honorific(line)} {line.nominee_name}".strip()), s["cell"]),
                Paragraph(esc(", ".join(_certificate_position(line))), s["cell"]),
                Paragraph(esc(line.award_type.name), s["cell"]),
                Paragraph(money(line.amount), s["cell_c"]),
            ]
        )
    rows.append(
        [
            "",
            Paragraph("<b>Tổng cộng</b>", s["cell"]),
            "",
            "",
            Paragraph(f"<b>{money(total)}</b>", s["cell_c"]),
        ]
    )
    table = Table(rows, colWidths=[12 * mm, 50 * mm, 42 * mm, 34 * mm, 27 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, -1), (3, -1)),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()


def content_fingerprint(decision, lines, *, day) -> str:
    """Everything ``render_decision`` and ``render_proposal`` print (and the signature's identity),
    hashed. A PDF rendered and signed outside the signing transaction is issued only if the data,
    read again under the decision's lock, gives the same fingerprint: never a document whose
    content differs from what is committed."""
    award_types = list({line.award_type_id: line.award_type for line in lines}.values())
    data = {
        "decision": [
            decision.kind,
            decision.number,
            decision.sequence,
            decision.year,
            decision.issuer_symbol,
            decision.issuer_name,
            decision.issuer_parent,
            decision.place_name,
            decision.title,
            decision.unit_id,
            decision.legal_bases,
            printed_bases(decision),
            decision.article1_reason,
            decision.recipients,
            decision.issuer_text,
            decision.signer_id,
            decision.signer.get_full_name() if decision.signer_id else "",
            decision.signer_title,
            decision.total_amount,
            day.isoformat() if day else "",
        ],
        "lines": [
            [
                line.position,
                line.nomination_id,
                line.nominee_name,
                line.unit_name,
                line.award_type_id,
                line.award_type.name,
                line.award_type.wording,
                str(line.coefficient),
                line.base_salary,
                str(line.multiplier),
                line.amount,
                line.nomination.nominee_kind if line.nomination_id else "",
                line.nomination.nominee_position if line.nomination_id else "",
                line.nomination.nominee_gender if line.nomination_id else "",
                line.nomination.movement_id if line.nomination_id else None,
            ]
            for line in lines
        ],
        "bases": reward_bases(award_types, day) if day else [],
    }
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _reward_basis(lines, day) -> str:
    """Where the amounts come from: the legal basis of the coefficients in force on the decision date."""
    award_types = list({line.award_type_id: line.award_type for line in lines}.values())
    bases = reward_bases(award_types, day)
    return esc("; ".join(bases)) if bases else "các quy định hiện hành về thi đua, khen thưởng"


def _certificate_position(line) -> list[str]:
    """The awardee's position (individuals) and unit, without saying the unit twice (a collective's
    name usually carries its unit: "Phòng Tổng hợp – Sở Tư pháp")."""
    nomination = line.nomination if line.nomination_id else None
    position = (nomination.nominee_position if nomination else "").strip()
    unit = (line.unit_name or "").strip()
    if unit and unit.casefold() in (line.nominee_name or "").casefold():
        unit = ""
    if position and unit and unit.casefold() in position.casefold():
        return [position]
    return [text for text in (position, unit) if text]


def _certificate_reason(line) -> str:
    """'Đã có thành tích xuất sắc trong phong trào thi đua “…”', naming the movement, or the year's
    work when the dossier cites none (as the decision's Article 1 says it)."""
    return f"Đã có thành tích xuất sắc {_movements_phrase([line])}"


def certificate_register_number(line, decision) -> str:
    """The certificate's number in the award register (số vào sổ khen thưởng): kept on the line
    from issuance; the decision's number and the line's position for a line issued before."""
    return line.register_number or f"{decision.number}-{line.position}"


def _certificate_story(line, decision, s) -> list:
    big = ParagraphStyle("big", parent=s["center"], fontName="TNR-B", fontSize=30, leading=36)
    name = ParagraphStyle("name", parent=s["center"], fontName="TNR-BI", fontSize=24, leading=30)
    day = decision.decision_date
    award = line.award_type
    nomination = line.nomination if line.nomination_id else None
    if award.is_title:
        # A title's certificate certifies the title reached (Law 2022 Art. 8: danh hiệu thi đua).
        heading = [Paragraph(esc(award.label.upper()), big)]
        year = f" năm {nomination.year}" if nomination is not None and nomination.year else ""
        reason = [
            Paragraph(f"Đã đạt danh hiệu “{esc(award.name_in_text)}”{year}", s["center"]),
        ]
        if nomination is not None and nomination.movement_id:
            reason.append(Paragraph(_certificate_reason(line), s["center"]))
    else:
        heading = [Paragraph("<b>TẶNG</b>", s["center"]), Paragraph(esc(award.label.upper()), big)]
        reason = [Paragraph(_certificate_reason(line), s["center"])]
    return [
        Paragraph(
            "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b><u>Độc lập - Tự do - Hạnh phúc</u></b>",
            s["center"],
        ),
        Spacer(1, 10 * mm),
        Paragraph(f"<b>{_authority_title(decision)}</b>", s["center"]),
        Spacer(1, 6 * mm),
        *heading,
        Spacer(1, 8 * mm),
        Paragraph(esc(f"{honorific(line)} {line.nominee_name}".strip()), name),
        *[Paragraph(esc(text), s["center"]) for text in _certificate_position(line)],
        Spacer(1, 6 * mm),
        *reason,
        Spacer(1, 10 * mm),
        Paragraph(
            f"Quyết định số {esc(decision.number)} ngày {day:%d/%m/%Y}<br/>"
            f"Số vào sổ khen thưởng: {esc(certificate_register_number(line, decision))}",
            s["small"],
        ),
        Paragraph(_date_line(day, decision.place_name), s["center"]),
        _signer_block(decision, s),
    ]


def _certificate_document(buffer, title, decision) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        topMargin=25 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=_issuer(decision),
    )


def render_certificate(line, decision) -> bytes:
    """The printable certificate of one awardee (A4 landscape): the award's own label (Bằng khen,
    Giấy khen, the title's Giấy chứng nhận) and the wording its kind calls for."""
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    title = f"{line.award_type.label} – {line.nominee_name} – Quyết định số {decision.number}"
    _certificate_document(buffer, title, decision).build(_certificate_story(line, decision, s))
    return buffer.getvalue()


def render_certificates(lines, decision) -> bytes:
    """Every certificate of a decision in one file, one page each, in the annex's order ("In tất cả")."""
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    story = []
    for index, line in enumerate(lines):
        if index:
            story.append(PageBreak())
        story += _certificate_story(line, decision, s)
    title = f"Bằng, giấy chứng nhận kèm theo Quyết định số {decision.number}"
    _certificate_document(buffer, title, decision).build(story)
    return buffer.getvalue()


def render_proposal(decision, lines, *, day, layout=None) -> bytes:
    """The Chairman's proposal letter (tờ trình) to the central level, with the list of nominees."""
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    doc = _document(buffer, document_title(decision), decision)
    story = [
        _header(decision, s, day, layout),
        Spacer(1, 6 * mm),
        Paragraph("TỜ TRÌNH", s["title"]),
        Paragraph(f"<b>{esc(decision.title)}</b>", s["center"]),
        Paragraph("───────────", s["center"]),
        Spacer(1, 4 * mm),
        Paragraph("Kính gửi: Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương).", s["center"]),
        Spacer(1, 4 * mm),
    ]
    for basis in printed_bases(decision):
        story.append(Paragraph(esc(basis), s["basis"]))
    story += [
        Paragraph(
            f"{_issuer_in_sentence(decision)} kính đề nghị Bộ Nội vụ xem xét, trình cấp có thẩm quyền {_conferrals(lines)[:1].lower()}{_conferrals(lines)[1:]} "
            f"có tên trong danh sách kèm theo, {_achievement(decision, lines)}.",
            s["body"],
        ),
        Paragraph(
            "Hồ sơ kèm theo gồm: báo cáo thành tích, biên bản họp Hội đồng và các văn bản liên quan.",
            s["body"],
        ),
        Spacer(1, 6 * mm),
    ]
    footer = Table(
        [
            [
                [
                    _recipients_block(decision, s),
                    *_verification_block(decision, s, layout),
                ],
                _signer_block(decision, s, layout),
            ]
        ],
        colWidths=[80 * mm, 85 * mm],
    )
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [
        footer,
        PageBreak(),
        Paragraph("<b>DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG</b>", s["center"]),
    ]
    story += _annex_reference(decision, s, day, layout)
    story.append(Spacer(1, 4 * mm))
    rows = [
        [
            Paragraph(f"<b>{h}</b>", s["cell_c"])
            for h in ("TT", "Họ và tên, tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị")
        ]
    ]
    for line in lines:
        rows.append(
            [
                Paragraph(str(line.position), s["cell_c"]),
                Paragraph(esc(f"{honorific(line)} {line.nominee_name}".strip()), s["cell"]),
                Paragraph(esc(", ".join(_certificate_position(line))), s["cell"]),
                Paragraph(esc(line.award_type.name), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[12 * mm, 58 * mm, 50 * mm, 45 * mm], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()


# --- printing on pre-printed blanks (phôi) -------------------------------------------------------


def certificate_texts(line, decision) -> dict[str, str]:
    """The variable texts of one certificate, plain, by the blank's field names (the blank carries
    the national header, the authority and the award's name pre-printed)."""
    day = decision.decision_date
    award = line.award_type
    nomination = line.nomination if line.nomination_id else None
    if award.is_title:
        year = f" năm {nomination.year}" if nomination is not None and nomination.year else ""
        reason = f"Đã đạt danh hiệu “{award.name_in_text}”{year}"
    else:
        reason = f"Đã có thành tích xuất sắc {_movements_phrase([line], escape=False)}"
    return {
        "name": f"{honorific(line)} {line.nominee_name}".strip(),
        "position": ", ".join(_certificate_position(line)),
        "reason": reason,
        "decision": f"Quyết định số {decision.number} ngày {day:%d/%m/%Y}" if day else "",
        "register": f"Số vào sổ khen thưởng: {certificate_register_number(line, decision)}",
        "date": date_line_text(day, decision.place_name) if day else "",
        "signer": decision.signer.get_full_name() if decision.signer_id else "",
    }


def _fitted_size(text: str, font: str, size: float, width: float) -> float:
    """The font size at which ``text`` fits the blank's line (never below 7 pt)."""
    while size > 7 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _draw_on_blank(canv, blank, texts: dict) -> None:
    height = float(blank.height_mm) * mm
    for place in blank.fields.all():
        text = texts.get(place.field, "")
        if not text:
            continue
        font = "TNR-B" if place.bold else "TNR"
        size = _fitted_size(text, font, float(place.font_size), float(place.width_mm) * mm)
        canv.setFont(font, size)
        x, y = float(place.x_mm) * mm, height - float(place.y_mm) * mm
        if place.align == "center":
            canv.drawCentredString(x, y, text)
        else:
            canv.drawString(x, y, text)


def _blank_canvas(buffer, title: str, author: str):
    from reportlab.pdfgen import canvas

    canv = canvas.Canvas(buffer)
    canv.setTitle(title)
    canv.setAuthor(author)
    return canv


def render_certificates_on_blanks(lines, decision, blanks: dict) -> bytes:
    """The certificates printed on their blanks: only the variable texts, each where its blank's
    layout puts it, a sheet of the blank's size per awardee, in the annex's order. ``blanks`` maps
    an award type's id to its blank (every line's award must have one)."""
    register_fonts()
    buffer = io.BytesIO()
    canv = _blank_canvas(
        buffer, f"Bằng, giấy chứng nhận in trên phôi – Quyết định số {decision.number}", _issuer(decision)
    )
    for line in lines:
        blank = blanks[line.award_type_id]
        canv.setPageSize((float(blank.width_mm) * mm, float(blank.height_mm) * mm))
        _draw_on_blank(canv, blank, certificate_texts(line, decision))
        canv.showPage()
    canv.save()
    return buffer.getvalue()


SAMPLE_TEXTS = {
    "name": "Ông Nguyễn Văn Mẫu",
    "position": "Trưởng phòng Tổng hợp, Sở Nội vụ tỉnh",
    "reason": "Đã có thành tích xuất sắc trong phong trào thi đua “Mẫu in thử”",
    "decision": "Quyết định số 123/QĐ-UBND ngày 01/12/2026",
    "register": "Số vào sổ khen thưởng: 123/QĐ-UBND-1",
    "date": "Hưng Yên, ngày 01 tháng 12 năm 2026",
    "signer": "Nguyễn Văn Ký",
}


def render_blank_test_print(blank) -> bytes:
    """A calibration sheet for a blank: a millimetre grid (a line each 10 mm, numbered from the top
    left corner) and, at each field's position, a cross and a sample text. Printed on a blank and
    held to the light, it shows how far each text must move."""
    register_fonts()
    width, height = float(blank.width_mm) * mm, float(blank.height_mm) * mm
    buffer = io.BytesIO()
    canv = _blank_canvas(buffer, f"In thử phôi: {blank.name}", blank.name)
    canv.setPageSize((width, height))
    canv.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
    canv.setFillColor(colors.Color(0.5, 0.5, 0.5))
    canv.setLineWidth(0.2)
    canv.setFont("TNR", 6)
    for x in range(0, int(float(blank.width_mm)) + 1, 10):
        canv.line(x * mm, 0, x * mm, height)
        canv.drawString(x * mm + 0.5 * mm, height - 3 * mm, str(x))
    for y in range(0, int(float(blank.height_mm)) + 1, 10):
        canv.line(0, height - y * mm, width, height - y * mm)
        canv.drawString(0.5 * mm, height - y * mm - 2.5 * mm, str(y))
    canv.setStrokeColor(colors.red)
    canv.setFillColor(colors.red)
    for place in blank.fields.all():
        x, y = float(place.x_mm) * mm, height - float(place.y_mm) * mm
        canv.line(x - 3 * mm, y, x + 3 * mm, y)
        canv.line(x, y - 3 * mm, x, y + 3 * mm)
        canv.setFont("TNR", 6)
        canv.drawString(
            x + 1 * mm, y + 1 * mm, f"{place.get_field_display()} ({place.x_mm}; {place.y_mm} mm)"
        )
    canv.setFillColor(colors.black)
    _draw_on_blank(canv, blank, SAMPLE_TEXTS)
    canv.showPage()
    canv.save()
    return buffer.getvalue()
