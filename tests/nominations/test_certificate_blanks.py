"""Printing certificates on pre-printed blanks (phôi), read as the office reads the sheet.

A blank of the issuer and award says where each variable text goes, in millimetres from the
sheet's top left corner; the print carries only those texts (the blank has the national header, the
authority and the award pre-printed), each at its place, and the register number kept on the line.
An administrator calibrates the positions with a test print: a millimetre grid with sample texts.
"""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader
from reportlab.lib.units import mm

from nominations.models import BaseSalary, CertificateBlank, CertificateBlankField, User
from nominations.publishing.decision_pdf import render_blank_test_print
from tests.pdf import pdf_text
from tests.workflows.test_sign_decision import at_signature

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


def keep(name: str, data: bytes) -> None:
    """The rendered sheet, for a person to look at (pdftoppm)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)


@pytest.fixture
def signed(world, settings, demo_signing_dir):
    settings.DECISION_SIGNING_DEMO_DIR = demo_signing_dir
    cache.clear()
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    from nominations.services import decision_create_draft
    from workflows.actions import sign_decision

    n = at_signature(
        world, nominee_name="Trần Thị Mai", nominee_gender="female", nominee_position="Giáo viên"
    )
    return sign_decision(
        user=world.leader, decision_id=decision_create_draft(actor=world.leader, nomination_ids=[n.pk]).pk
    )


def blank_for(award_type) -> CertificateBlank:
    blank = CertificateBlank.objects.create(award_type=award_type, name="Phôi Bằng khen UBND tỉnh 2026")
    for field, x, y, align, size in [
        ("name", 148.5, 92, "center", 22),
        ("position", 148.5, 104, "center", 14),
        ("reason", 148.5, 118, "center", 14),
        ("decision", 30, 178, "left", 11),
        ("register", 30, 185, "left", 11),
    ]:
        CertificateBlankField.objects.create(
            blank=blank, field=field, x_mm=Decimal(str(x)), y_mm=Decimal(y), align=align, font_size=size
        )
    return blank


def placed_texts(data: bytes) -> list[tuple[str, float, float, float]]:
    """(text, x in mm, y in mm from the top, page height in mm) for each run of text drawn."""
    reader = PdfReader(io.BytesIO(data))
    out = []
    for page in reader.pages:
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font, size, out=out, height=height):
            if text.strip():
                out.append((text.strip(), tm[4] / mm, (height - tm[5]) / mm, height / mm))

        page.extract_text(visitor_text=visit)
    return out


def test_a_certificate_prints_on_its_blank_each_text_at_its_place(client, world, signed):
    blank_for(world.award)
    line = signed.lines.get()
    client.force_login(world.leader)
    response = client.get(reverse("nominations:certificate_pdf", args=[signed.pk, line.pk]) + "?phoi=1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    keep("certificate-on-blank.pdf", response.content)
    text = pdf_text(response.content)
    line.refresh_from_db()
    assert line.register_number  # kept on the line at issuance, printed on the sheet
    expected = (
        "Bà Trần Thị Mai Giáo viên, Sở Giáo dục và Đào tạo Đã có thành tích xuất sắc trong thực hiện nhiệm vụ "
        f"năm {line.nomination.year} Quyết định số {signed.number} ngày {signed.decision_date:%d/%m/%Y} "
        f"Số vào sổ khen thưởng: {line.register_number}"
    )
    assert text == expected, text
    # Nothing the blank already carries is printed again.
    assert "CỘNG HÒA" not in text and "BẰNG KHEN" not in text
    placed = {t: (x, y, h) for t, x, y, h in placed_texts(response.content)}
    x, y, height = placed[f"Số vào sổ khen thưởng: {line.register_number}"]
    assert abs(x - 30) < 0.5 and abs(y - 185) < 0.5 and abs(height - 210) < 0.5
    # The name is centred on its line: it starts left of the centre by half its width.
    x, y, _h = placed["Bà Trần Thị Mai"]
    assert 100 < x < 148.5 and abs(y - 92) < 0.5


def test_print_all_on_blanks_needs_a_blank_for_every_award(client, world, signed):
    client.force_login(world.leader)
    url = reverse("nominations:certificates_pdf", args=[signed.pk]) + "?phoi=1"
    refused = client.get(url, follow=True)
    assert "Chưa có phôi của cơ quan ban hành cho" in refused.content.decode()
    blank_for(world.award)
    page = client.get(reverse("nominations:decision_detail", args=[signed.pk])).content.decode()
    assert "In tất cả trên phôi" in page
    printed = client.get(url)
    assert printed.status_code == 200
    assert len(PdfReader(io.BytesIO(printed.content)).pages) == 1
    assert "Bà Trần Thị Mai" in pdf_text(printed.content)


def test_the_test_print_shows_the_grid_and_each_field_with_a_sample(world):
    blank = blank_for(world.award)
    data = render_blank_test_print(blank)
    keep("blank-test-print.pdf", data)
    text = pdf_text(data)
    for label in (
        "Họ và tên, tập thể (kèm Ông/Bà) (148.5; 92.0 mm)",
        "Số vào sổ khen thưởng (30.0; 185.0 mm)",
    ):
        assert label in text
    assert "Ông Nguyễn Văn Mẫu" in text and "Số vào sổ khen thưởng: 123/QĐ-UBND-1" in text
    assert " 290 " in f" {text} " and " 200 " in f" {text} "  # the grid's millimetres, both ways


def test_the_admin_prints_a_test_sheet(client, world):
    blank = blank_for(world.award)
    admin = User.objects.create_superuser(username="quantri_phoi", password="x", email="q@example.org")
    client.force_login(admin)
    response = client.post(
        reverse("admin:nominations_certificateblank_changelist"),
        {"action": "test_print", "_selected_action": [blank.pk]},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Ông Nguyễn Văn Mẫu" in pdf_text(response.content)
