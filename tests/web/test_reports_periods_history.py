"""What the report screen opens on, the year before it compares with, the imported history it
counts, and the movements of form 0601: figures counted by hand on tests/reports_data.py."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from nominations.models import AwardRecord, Movement
from nominations.reports import Period, default_period, reporting_year
from tests.reports_data import PERIOD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def cells(data):
    return {row["code"]: row["values"] for row in data["rows"]}


def december(day=7):
    return time_machine.travel(timezone.make_aware(datetime(2026, 12, day, 9)), tick=False)


def test_in_december_the_default_is_the_reporting_year_just_ended():
    assert default_period(date(2026, 12, 1)) == reporting_year(2026)
    assert default_period(date(2026, 12, 31)) == reporting_year(2026)
    assert default_period(date(2026, 11, 30)) == reporting_year(2026)  # the year in progress
    assert default_period(date(2027, 1, 1)) == reporting_year(2027)


@pytest.mark.parametrize(
    "period,previous",
    [
        # Reporting years: the year before, whatever the leap day.
        (reporting_year(2024), reporting_year(2023)),
        (reporting_year(2025), reporting_year(2024)),
        # February: its own last day on both sides.
        (Period(date(2025, 2, 1), date(2025, 2, 28)), Period(date(2024, 2, 1), date(2024, 2, 29))),
        (Period(date(2024, 2, 1), date(2024, 2, 29)), Period(date(2023, 2, 1), date(2023, 2, 28))),
        # Any other range: as many days, from the same day a year earlier.
        (Period(date(2024, 2, 10), date(2024, 3, 10)), Period(date(2023, 2, 10), date(2023, 3, 11))),
        (Period(date(2024, 2, 29), date(2024, 6, 30)), Period(date(2023, 2, 28), date(2023, 6, 30))),
        (Period(date(2026, 5, 5), date(2026, 5, 20)), Period(date(2025, 5, 5), date(2025, 5, 20))),
    ],
)
def test_the_same_period_a_year_earlier_spans_as_many_days(period, previous):
    assert period.previous_year() == previous
    if not period.whole_months():
        assert previous.days == period.days


def test_the_api_with_no_dates_answers_the_period_the_screen_opens_on(report_world):
    with december():
        data = api(report_world.head).get("/api/reports/forms/0603/").json()
    assert data["period"]["from"] == "2025-12-01" and data["period"]["to"] == "2026-11-30"
    assert cells(data)["01"]["1"] == 6  # the same six provincial awards as with the dates given
    with december():
        summary = api(report_world.head).get("/api/reports/summary/").json()
    assert summary["period"]["from"] == "2025-12-01" and summary["totals"]["awarded"] == 8


def test_in_december_the_screen_opens_on_the_year_just_ended_with_the_two_before(client, report_world):
    client.force_login(report_world.head)
    with december():
        html = client.get(reverse("reports:index")).content.decode()
    assert '<p id="period">Từ ngày 01/12/2025 đến ngày 30/11/2026</p>' in html
    assert "Cùng kỳ năm trước: từ ngày 01/12/2024 đến ngày 30/11/2025" in html
    assert '<strong aria-current="true">Năm báo cáo 2026 (01/12/2025 – 30/11/2026)</strong>' in html
    assert ">Năm báo cáo 2025 (01/12/2024 – 30/11/2025)</a>" in html
    assert ">Năm báo cáo 2024 (01/12/2023 – 30/11/2024)</a>" in html
    assert ">Năm báo cáo 2027 (01/12/2026 – 30/11/2027)</a>" in html  # the one just begun
    assert "13.600.000 đ" in html  # the year's figures, not an empty new year
    with december():
        html = client.get(reverse("reports:index"), {"preset": "reporting_year", "year": "2025"}).content
    assert '<p id="period">Từ ngày 01/12/2024 đến ngày 30/11/2025</p>' in html.decode()


def _history(w):
    """The award history imported for the years before the system: no decision made here."""
    for name in ("Trường A", "Trường B"):
        AwardRecord.objects.create(
            nominee_kind="collective",
            nominee_name=name,
            unit=w.so_gd,
            award_type=w.award,
            year=2025,
            decision_number="15/QĐ-UBND",
            decision_date=date(2025, 3, 1),
            issuer="UBND tỉnh",
        )
    # Undated: the reporting year of its year (2025).
    AwardRecord.objects.create(
        nominee_kind="individual", nominee_name="Ông C", unit=w.so_yte, award_type=w.cstd, year=2025
    )
    # Revoked, and a year outside: not counted.
    AwardRecord.objects.create(
        nominee_kind="individual",
        nominee_name="Ông D",
        unit=w.so_yte,
        award_type=w.cstd,
        year=2025,
        revoked=True,
    )
    AwardRecord.objects.create(
        nominee_kind="individual", nominee_name="Ông E", unit=w.so_yte, award_type=w.cstd, year=2023
    )


def test_last_years_figures_include_the_imported_history(report_world):
    w = report_world
    _history(w)
    data = api(w.head).get("/api/reports/summary/", {**PERIOD, "group_by": "award_type"}).json()
    before = {r["label"]: r["awarded"] for r in data["previous"]["rows"]}
    # 30/11/2025's decision line, the two dated records (Bằng khen) and the undated CSTĐ.
    assert before == {"Bằng khen của Chủ tịch UBND tỉnh": 3, "Chiến sĩ thi đua cấp tỉnh": 1}
    assert data["previous"]["totals"]["awarded"] == 4
    assert data["totals"]["awarded"] == 8  # this year unchanged
    # The form of last year counts them too: 1 individual line + 2 collectives + 1 individual.
    last_year = {"from": "2024-12-01", "to": "2025-11-30"}
    v = cells(api(w.head).get("/api/reports/forms/0603/", last_year).json())
    assert v["01"] == {"1": 4, "2": 3, "3": 1, "4": 0, "5": 0}
    assert v["02"]["1"] == 2 and v["05"]["1"] == 2
    # A unit sees its own history only.
    mine = api(w.clerk2).get("/api/reports/summary/", {**PERIOD, "group_by": "unit"}).json()
    assert mine["previous"]["totals"]["awarded"] == 1  # Sở Y tế's undated CSTĐ


def test_the_report_screen_shows_last_years_history(client, report_world):
    _history(report_world)
    client.force_login(report_world.head)
    html = client.get(reverse("reports:index"), PERIOD).content.decode()
    # Tổng cộng: this year 11 nominations, 8 awards; the year before 1 nomination, 4 awards.
    assert '<tr id="totals"><th>Tổng cộng</th><th>11</th><th>8</th>' in html
    assert "<th>1</th><th>4</th></tr>" in html


def test_form_0601_counts_the_catalogs_movements_with_what_they_say(report_world, client):
    """Movements entered without the form's attributes still count: a yearly regular movement
    every reporting year it runs; blanks taken from the other fields, and told."""
    Movement.objects.create(name="Thi đua yêu nước hằng năm", start_year=2021, launched_on=date(2021, 2, 20))
    Movement.objects.create(name="Chuyển đổi số 2026–2030", start_year=2026, end_year=2030)
    Movement.objects.create(name="Phong trào đã kết thúc", start_year=2019, end_year=2024)
    data = api(report_world.head).get("/api/reports/forms/0601/", PERIOD).json()
    v = cells(data)
    # The fixture's three, the yearly one (20/2/2026) and the 2026–2030 one (from 1/1/2026).
    assert v["01"] == {"1": 5, "2": 1, "3": 3, "4": 1}
    assert [v[c]["1"] for c in ("02", "03", "04", "05")] == [1, 3, 0, 1]  # blanks: the province's
    assert [v[c]["1"] for c in ("06", "07", "08", "09", "10")] == [1, 2, 0, 0, 2]  # 1 year; 5 years
    assert (v["11"]["1"], v["12"]["1"]) == (3, 2)
    assert "Thi đua yêu nước hằng năm" in " ".join(data["notes"])
    # The DOCX report says the same number.
    import io

    from docx import Document

    client.force_login(report_world.head)
    doc = Document(io.BytesIO(client.get(reverse("reports:docx"), PERIOD).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Trong kỳ đã phát động 5 phong trào thi đua (3 phong trào theo chuyên đề, 2 phong trào" in text


def test_the_form_api_rows_carry_their_cells_and_the_forms_sums(report_world):
    data = api(report_world.head).get("/api/reports/forms/0603/", PERIOD).json()
    total = data["rows"][0]
    assert total["cells"] == [
        {"column": "1", "value": 6},
        {"column": "2", "value": 4},
        {"column": "3", "value": 1},
        {"column": "4", "value": 1},
        {"column": "5", "value": 0},
    ]
    assert {"of": "columns", "total": "1", "parts": ["2", "3", "4", "5"], "at_most": False} in data["sums"]
    assert {"of": "rows", "total": "01", "parts": ["02", "04", "05"], "at_most": False} in data["sums"]
    schema = api(report_world.head).get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    assert "ReportFormCell" in components and "ReportFormSum" in components
    assert components["ReportFormRow"]["properties"]["cells"]["type"] == "array"
