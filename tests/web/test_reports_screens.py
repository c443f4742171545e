"""The report screens as people use them: figures, charts, the forms, the DOCX report, exports."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from nominations.models import ReportExport
from nominations.services import report_export
from tests.reports_data import PERIOD

pytestmark = pytest.mark.django_db


def test_the_agency_head_sees_figures_charts_and_forms(client, report_world):
    w = report_world
    client.force_login(w.head)
    page = client.get(reverse("reports:index"), {**PERIOD, "group_by": "unit"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Từ ngày 01/12/2025 đến ngày 30/11/2026" in html
    assert w.so_gd.name in html and "7.100.000 đ" in html and "13.600.000 đ" in html
    # Three server-side charts, no script from elsewhere.
    assert html.count("<svg") == 3 and "cdn" not in html.lower()
    assert "Khen thưởng theo hình thức: kỳ này và cùng kỳ năm trước" in html
    assert "0603.N/BNV-TĐKT" in html
    assert "Báo cáo, thống kê" in html  # the menu entry


def test_a_unit_clerk_sees_only_its_unit_on_the_screen(client, report_world):
    w = report_world
    client.force_login(w.clerk2)
    html = client.get(reverse("reports:index"), {**PERIOD, "group_by": "unit"}).content.decode()
    assert w.so_yte.name in html
    assert w.so_gd.name not in html and w.so_tc.name not in html


def test_a_bad_date_on_the_screen_is_told_and_the_reporting_year_shown(client, report_world):
    client.force_login(report_world.head)
    html = client.get(reverse("reports:index"), {"from": "31/02/2026", "to": "2026-11-30"}).content.decode()
    assert "không hợp lệ" in html


def test_the_form_screen_matches_the_api(client, report_world):
    client.force_login(report_world.head)
    html = client.get(reverse("reports:form", args=["0603"]), PERIOD).content.decode()
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ" in html and "Ban hành theo Thông tư" in html
    assert (
        'class="total"><td>Tổng số</td><td>01</td><td>Lượt</td><td>6</td><td>4</td><td>1</td><td>1</td><td>0</td>'
        in html
    )


def test_the_docx_report_has_the_outline_and_annex_tables_equal_to_the_api(client, report_world):
    client.force_login(report_world.head)
    response = client.get(reverse("reports:docx"), PERIOD)
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    for heading in (
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "III. CÔNG TÁC KHEN THƯỞNG",
        "VI. PHƯƠNG HƯỚNG",
        "PHỤ LỤC SỐ LIỆU",
    ):
        assert heading in text
    assert "Tổng kết công tác thi đua, khen thưởng năm 2026" in text
    assert "[Văn phòng soạn" in text  # the narrative is left to the office
    assert "tổng tiền thưởng 13.600.000 đồng" in text
    api = APIClient()
    api.force_authenticate(report_world.head)
    summary = api.get("/api/reports/summary/", PERIOD).json()
    annex = doc.tables[1]  # after the header block
    total = [c.text for c in annex.rows[-1].cells]
    assert total == ["Tổng cộng", "11", "8", "13.600.000"]
    labels = {row.cells[0].text: row.cells[2].text for row in annex.rows[1:-1]}
    assert labels == {r["label"]: str(r["awarded"]) for r in summary["rows"]}
    f603 = api.get("/api/reports/forms/0603/", PERIOD).json()
    table_603 = doc.tables[-1]
    by_code = {row.cells[1].text: [c.text for c in row.cells[2:]] for row in table_603.rows[1:]}
    for row in f603["rows"]:
        assert by_code[row["code"]] == [f"{v:,}".replace(",", ".") for v in row["values"].values()]


def test_an_export_is_asked_once_runs_once_and_is_downloaded(
    client, report_world, django_capture_on_commit_callbacks
):
    w = report_world
    client.force_login(w.head)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("reports:export_create"), PERIOD)
        second = client.post(reverse("reports:export_create"), PERIOD)
    assert first.status_code == 302 and first["Location"] == second["Location"]
    export = ReportExport.objects.get()
    # The test settings run django-q synchronously: it is done already.
    assert export.status == ReportExport.Status.DONE and export.progress == 100
    assert report_export.export_run(export_id=export.pk) == "skipped"  # a second delivery does nothing
    status = client.get(reverse("reports:export", args=[export.pk]), {"format": "json"}).json()
    assert status["status"] == "done" and status["download"]
    sheet = load_workbook(io.BytesIO(b"".join(client.get(status["download"]).streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ"
    assert rows[-1][:2] == ("Tổng số", 11)  # the nominations submitted in the period
    # Someone else's export is not found.
    client.force_login(w.clerk)
    assert client.get(reverse("reports:export", args=[export.pk])).status_code == 404


def test_an_export_whose_worker_died_is_run_again(report_world):
    from datetime import timedelta

    from django.utils import timezone

    from nominations.reports import parse_period

    export, created = report_export.export_request(
        actor=report_world.head, kind="nominations", period=parse_period(PERIOD["from"], PERIOD["to"])
    )
    assert created
    # A worker claimed it and died: "running", its heartbeat ten minutes old.
    long_ago = timezone.now() - timedelta(minutes=10)
    ReportExport.objects.filter(pk=export.pk).update(status="running", heartbeat_at=long_ago, progress=40)
    export.refresh_from_db()
    assert report_export.export_is_stale(export)
    assert report_export.export_run(export_id=export.pk) == "done"
    export.refresh_from_db()
    assert export.status == "done" and export.rows_done == 11


def test_the_minute_sweep_restarts_an_export_whose_worker_died(
    report_world, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from nominations.reports import parse_period
    from workflows.tasks import run_sweep

    export, _ = report_export.export_request(
        actor=report_world.head, kind="nominations", period=parse_period(PERIOD["from"], PERIOD["to"])
    )
    ReportExport.objects.filter(pk=export.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(minutes=10), progress=40
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = run_sweep()
    assert counts["exports_restarted"] == 1
    export.refresh_from_db()
    assert export.status == "done" and export.rows_done == 11


def test_the_admin_enters_the_yearly_figures_of_forms_0604_and_0605(client, world):
    from nominations.models import User

    admin = User.objects.create_superuser("quantri_bc", "qt@example.vn", "Demo@2025")
    client.force_login(admin)
    page = client.get(reverse("admin:nominations_workforcereport_add"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Biểu 0604.N/BNV-TĐKT" in html and "Cấp phòng thuộc Sở Nội vụ" in html and "Trên 60 tuổi" in html


def test_the_report_screen_in_english(client, report_world):
    client.force_login(report_world.head)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("reports:index"), PERIOD).content.decode()
    assert "Emulation and commendation reports" in html and ">Reports<" in html
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})


def test_the_forms_print_the_circular_in_force_for_their_period(client, report_world):
    """The "Ban hành theo Thông tư …" line is dated data: a newer circular entered by the admin
    heads the forms of the periods it governs, and older periods keep the one of their day."""
    from datetime import date

    from nominations.models import LegalBasis

    client.force_login(report_world.head)
    old = LegalBasis.objects.get(document=LegalBasis.Document.STATISTICAL_FORM)
    old.effective_to = date(2026, 11, 30)
    old.save()
    LegalBasis.objects.create(
        document=LegalBasis.Document.STATISTICAL_FORM,
        text="Ban hành theo Thông tư số 99/2026/TT-BNV (thử)",
        effective_from=date(2026, 12, 1),
    )
    later = {"from": "2026-12-01", "to": "2027-11-30"}
    html = client.get(reverse("reports:form", args=["0603"]), later).content.decode()
    assert "Thông tư số 99/2026/TT-BNV" in html and "02/2023/TT-BNV" not in html
    api = APIClient()
    api.force_authenticate(report_world.head)
    workbook = api.get("/api/reports/forms/0603/", {**later, "format": "xlsx"})
    book = load_workbook(io.BytesIO(workbook.content))
    assert book.worksheets[0]["A2"].value == "Ban hành theo Thông tư số 99/2026/TT-BNV (thử)"
    assert (
        api.get("/api/reports/forms/0603/", PERIOD)
        .json()["legal_basis"]
        .startswith("Ban hành theo Thông tư số 02/2023/TT-BNV")
    )
    html = client.get(reverse("reports:form", args=["0603"]), PERIOD).content.decode()
    assert "02/2023/TT-BNV" in html and "99/2026" not in html


def test_the_period_is_typed_as_dd_mm_yyyy_and_a_day_that_does_not_exist_is_told(client, report_world):
    client.force_login(report_world.head)
    html = client.get(reverse("reports:index"), {"from": "01/12/2025", "to": "30/11/2026"}).content.decode()
    assert "Từ ngày 01/12/2025 đến ngày 30/11/2026" in html
    assert 'name="from" value="01/12/2025"' in html and 'placeholder="dd/mm/yyyy"' in html
    html = client.get(reverse("reports:index"), {"from": "31/02/2026", "to": "30/11/2026"}).content.decode()
    assert "Ngày “31/02/2026” không hợp lệ; hãy ghi theo dạng dd/mm/yyyy, ví dụ 01/12/2025." in html
    # The form pages take the same typing.
    html = client.get(reverse("reports:form", args=["0602"]), {"from": "01/12/2025", "to": "30/11/2026"})
    assert "Từ ngày 01/12/2025 đến ngày 30/11/2026" in html.content.decode()
