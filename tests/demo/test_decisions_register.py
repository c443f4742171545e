"""The decisions list and the văn thư's register, as the demo's people use them over HTTP."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from nominations.models import AuditEvent, Decision, Nomination

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def rows(page: str) -> list[str]:
    body = page.split('id="decision-list"', 1)[1].split("</table>", 1)[0]
    return [row for row in body.split("<tr>")[2:] if "colspan" not in row]


def test_the_list_shows_the_issuer_and_tells_a_communes_number_from_the_provinces(client, demo):
    client.force_login(demo["truongban"])
    page = client.get(reverse("nominations:decisions"), {"q": "1/QD-UBND"}).content.decode()
    found = rows(page)
    # Two documents carry "1/QĐ-UBND": the province's and Xã Hồng Việt's, each with its issuer.
    assert len(found) == 2
    assert any("Ủy ban nhân dân tỉnh" in row for row in found)
    assert any("Xã Hồng Việt" in row for row in found)
    commune = Decision.objects.get(unit__code="XA_HONG_VIET", number="1/QĐ-UBND")
    only = rows(
        client.get(
            reverse("nominations:decisions"), {"q": "01/qđ-ubnd", "issuer": str(commune.unit_id)}
        ).content.decode()
    )
    assert len(only) == 1 and "Xã Hồng Việt" in only[0]


def test_the_list_filters_by_status_signer_period_and_name(client, demo):
    client.force_login(demo["truongban"])
    url = reverse("nominations:decisions")
    drafts = rows(client.get(url, {"status": "draft"}).content.decode())
    assert all("Dự thảo" in row for row in drafts)
    issued = rows(client.get(url, {"status": "signed"}).content.decode())
    assert issued and all("(dự thảo)" not in row for row in issued)
    signer = demo["phochutich"]
    by_signer = rows(client.get(url, {"signer": signer.pk}).content.decode())
    assert by_signer and all(signer.get_full_name() in row for row in by_signer)
    line = Decision.objects.get(number="3/QĐ-UBND", unit__isnull=True).lines.first()
    by_name = rows(client.get(url, {"q": line.nominee_name.lower()}).content.decode())
    assert any("3/QĐ-UBND" in row for row in by_name)
    period = rows(client.get(url, {"from": "01/06/2026", "to": "30/06/2026"}).content.decode())
    assert period and all("/06/2026" in row for row in period)
    bad = client.get(url, {"from": "31/02/2026"}, follow=True).content.decode()
    assert "ngày không hợp lệ" in bad


def test_a_proposal_shows_its_line_count_not_zero_dong(client, demo):
    client.force_login(demo["truongban"])
    page = client.get(reverse("nominations:decisions"), {"q": "1/TTr-UBND"}).content.decode()
    (row,) = rows(page)
    proposal = Decision.objects.get(number="1/TTr-UBND")
    assert f">{proposal.lines.count()}</td>" in row and "0 đ" not in row


def test_the_van_thu_issues_with_confirmation_and_her_register_lists_it(client, demo):
    waiting = list(
        Nomination.objects.filter(status="awaiting_signature", award_type__code="BANG_KHEN_TINH")
        .order_by("pk")
        .values_list("pk", flat=True)[:2]
    )
    leader = APIClient()
    leader.force_authenticate(demo["chutich"])
    pk = leader.post("/api/decisions/", {"nominations": waiting}, format="json").json()["id"]
    leader.post(f"/api/decisions/{pk}/sign/")
    client.force_login(demo["vanthu"])
    detail = client.get(reverse("nominations:decision_detail", args=[pk])).content.decode()
    assert (
        "Quyết định đã ký, chờ văn thư cấp số và phát hành" in detail and "Dự thảo quyết định" not in detail
    )
    assert "với số 8/QĐ-UBND" in detail
    client.post(reverse("nominations:decision_issue", args=[pk]), {"confirmed": "on"})
    assert Decision.objects.get(pk=pk).number == "8/QĐ-UBND"
    # The dossier's timeline records the issuance as her act, naming the signer.
    event = AuditEvent.objects.filter(nomination_id=waiting[0], action="sign").get()
    assert event.actor == demo["vanthu"] and event.data["signed_by"] == demo["chutich"].get_full_name()
    register = client.get(reverse("nominations:issued_register"), {"q": "8/qd-ubnd"}).content.decode()
    assert "8/QĐ-UBND" in register and demo["chutich"].get_full_name() in register
    book = load_workbook(
        io.BytesIO(client.get(reverse("nominations:issued_register"), {"format": "xlsx"}).content)
    )
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    assert any(row[0] == "8/QĐ-UBND" for row in values)
    assert any("Số, ký hiệu" in [str(v) for v in row] for row in values)
