"""The report screens on the demo province, with the reports' demo data the seed applies."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from demo.reports import apply_demo_report_data
from nominations.models import AwardType, Decision

pytestmark = pytest.mark.django_db


def test_the_demo_report_data_fills_the_forms_and_is_idempotent(client, demo):
    # The seed applied it already: a second time changes nothing.
    assert apply_demo_report_data(year=2026) == {"award_types": 0, "movements": 0, "nominations": 0}
    assert AwardType.objects.get(code="BANG_KHEN_TINH").report_group == "bang_khen"
    signed = Decision.objects.filter(status="signed", kind="decision").order_by("decision_date")
    first_day, last_day = signed.first().decision_date, signed.last().decision_date
    period = {"from": f"{first_day:%Y-%m-%d}", "to": f"{last_day:%Y-%m-%d}"}
    api = APIClient()
    api.force_authenticate(demo["truongban"])
    summary = api.get("/api/reports/summary/", period).json()
    assert summary["totals"]["awarded"] > 0 and summary["totals"]["amount"] > 0
    client.force_login(demo["truongban"])
    page = client.get(reverse("reports:index"), period)
    assert page.status_code == 200 and page.content.decode().count("<svg") == 3
    # A unit's clerk sees the same screen with its own figures only.
    client.force_login(demo["donvi_sogd"])
    assert client.get(reverse("reports:index"), period).status_code == 200
