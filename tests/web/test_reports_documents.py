"""The report's files as an office receives them: the DOCX numbered from its issuer's register, file
names in words, the export page's dates as dd/mm/yyyy."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document
from rest_framework.test import APIClient

from nominations.models import AuditEvent, DecisionCounter, ReportExport
from nominations.services.report_number import issuing_unit, register_symbol
from tests.factories import UnitFactory
from tests.reports_data import PERIOD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def docx_text(content: bytes) -> tuple[str, str]:
    doc = Document(io.BytesIO(content))
    head = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    return head, "\n".join(p.text for p in doc.paragraphs)


def test_the_report_takes_its_number_from_the_standing_agencys_register_once(client, report_world):
    w = report_world
    w.ban_tdkt.register_code = "SNV"
    w.ban_tdkt.save()
    client.force_login(w.head)
    query = "from=2025-12-01&to=2026-11-30"
    # Before a number is taken: the draft leaves it blank.
    draft = client.get(f"{reverse('reports:docx')}?{query}")
    head, _ = docx_text(draft.content)
    assert "Số:        /BC-SNV" in head and "BAN THI ĐUA – KHEN THƯỞNG" in head
    assert 'filename="bao-cao-tdkt-20251201-20261130.docx"' in draft["Content-Disposition"]
    page = client.get(reverse("reports:index"), PERIOD).content.decode()
    assert "Lấy số và tải báo cáo tổng kết (DOCX)" in page and 'id="report-number"' not in page
    # Taking it: 1/BC-SNV, in the file and its name; asking again gives the same number.
    first = client.post(f"{reverse('reports:docx')}?{query}")
    assert first.status_code == 200
    head, _ = docx_text(first.content)
    assert "Số: 1/BC-SNV" in head
    assert 'filename="bao-cao-tdkt-1-bc-snv-20251201-20261130.docx"' in first["Content-Disposition"]
    again = client.post(f"{reverse('reports:docx')}?{query}")
    assert "Số: 1/BC-SNV" in docx_text(again.content)[0]
    assert "Số: 1/BC-SNV" in docx_text(client.get(f"{reverse('reports:docx')}?{query}").content)[0]
    page = client.get(reverse("reports:index"), PERIOD).content.decode()
    assert "Báo cáo của kỳ này đã lấy số 1/BC-SNV." in page
    # Another period is another report: the register's next number.
    half = client.post(f"{reverse('reports:docx')}?from=2026-01-01&to=2026-06-30")
    head, text = docx_text(half.content)
    assert "Số: 2/BC-SNV" in head and "6 tháng đầu năm 2026" in text
    counter = DecisionCounter.objects.get(issuer_symbol=f"BC-SNV#{w.ban_tdkt.pk}")
    assert counter.last == 2
    assert [e.data["number"] for e in AuditEvent.objects.filter(action="report_numbered").order_by("pk")] == [
        "1/BC-SNV",
        "2/BC-SNV",
    ]
    # The numbers are not exports: the export list and pages do not show them.
    numbered = ReportExport.objects.filter(kind="narrative_report").first()
    assert client.get(reverse("reports:export", args=[numbered.pk])).status_code == 404


def test_an_office_reports_as_its_department_and_a_unit_as_itself(world):
    department = UnitFactory(code="SNV_X", name="Sở Nội vụ tỉnh Hưng Yên")
    world.ban_tdkt.parent = department
    world.ban_tdkt.save()
    assert issuing_unit(world.head) == department
    assert register_symbol(department) == "BC-SNV"
    assert issuing_unit(world.clerk) == world.so_gd
    assert register_symbol(world.so_gd) == "BC-SGDĐT"  # "và" is not in the initials


def test_file_names_carry_the_groupings_label_not_its_key(report_world):
    api = APIClient()
    api.force_authenticate(report_world.head)
    expected = {
        "award_type": "tong-hop-theo-hinh-thuc-khen-thuong-20251201-20261130.xlsx",
        "unit": "tong-hop-theo-don-vi-20251201-20261130.xlsx",
        "awardee_class": "tong-hop-theo-doi-tuong-ca-nhan-20251201-20261130.xlsx",
        "cluster": "tong-hop-theo-cum-khoi-thi-dua-20251201-20261130.xlsx",
    }
    for group_by, name in expected.items():
        response = api.get("/api/reports/summary/", {**PERIOD, "group_by": group_by, "format": "xlsx"})
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    times = api.get("/api/reports/processing-times/", {**PERIOD, "format": "xlsx"})
    assert times["Content-Disposition"] == 'attachment; filename="thoi-gian-xu-ly-20251201-20261130.xlsx"'


def test_the_export_page_prints_its_period_as_dd_mm_yyyy(
    client, report_world, django_capture_on_commit_callbacks
):
    client.force_login(report_world.head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:export_create"), PERIOD)
    html = client.get(response["Location"]).content.decode()
    assert '<p id="export-period">Kỳ: 01/12/2025 – 30/11/2026</p>' in html
    assert "2025-12-01" not in html
    export = ReportExport.objects.get(kind="nominations")
    download = client.get(reverse("reports:export_file", args=[export.pk]))
    assert 'filename="ho-so-20251201-20261130.xlsx"' in download["Content-Disposition"]


def test_the_forms_pdf_adds_up_and_names_what_it_leaves_out(report_world):
    import shutil
    import subprocess
    from datetime import date

    from nominations.models import AwardType, NomineeKind
    from tests.factories import AwardTypeFactory
    from tests.reports_data import Builder

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    title = AwardTypeFactory(code="TTLDXS", name="Tập thể lao động xuất sắc", level=AwardType.Level.PROVINCE)
    builder = Builder(report_world)
    builder.sequence = 100
    for _ in range(2):
        builder.award(report_world.so_gd, title, date(2026, 5, 5), kind=NomineeKind.COLLECTIVE)
    api = APIClient()
    api.force_authenticate(report_world.head)
    pdf = api.get("/api/reports/forms/0603/", {**PERIOD, "format": "pdf"}).content
    text = " ".join(
        subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True)
        .stdout.decode()
        .split()
    )
    # The total row: 6 = 4 + 1 + 1 + 0 (the two titles are in no column, so not in the total).
    assert "Tổng số 01 Lượt 6 4 1 1 0" in text
    assert (
        "Ghi chú: Không tính vào biểu: 2 lượt Tập thể lao động xuất sắc (biểu không có cột cho hình thức này)."
        in text
    )
