"""The unit gets its decision: the unit whose people a decision names reads it, downloads it and
prints their certificates, over HTTP as the demo's own clerks; another unit learns nothing.
And public verification finds a number however it is typed."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from nominations.models import Decision, DecisionLine
from tests.documents.pdftext import page_texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def api(demo, username):
    client = APIClient()
    client.force_authenticate(demo[username])
    return client


def a_provincial_decision_and_its_clerk(demo):
    """The first issued provincial decision, and the clerk of a unit one of its lines belongs to."""
    decision = (
        Decision.objects.filter(kind="decision", status="signed", unit__isnull=True).order_by("pk").first()
    )
    units = set(decision.lines.values_list("nomination__unit_id", flat=True))
    clerk = next(
        u
        for _name, u in sorted(demo.items())
        if u.unit_id in units and u.groups.filter(name="unit_clerk").exists()
    )
    return decision, clerk


def test_the_api_gives_a_unit_clerk_the_decisions_naming_their_people_and_404_to_others(demo):
    decision, clerk = a_provincial_decision_and_its_clerk(demo)
    own = APIClient()
    own.force_authenticate(clerk)
    for path in (f"/api/decisions/{decision.pk}/", f"/api/decisions/{decision.pk}/pdf/"):
        assert own.get(path).status_code == 200, path
    assert own.get(f"/api/decisions/{decision.pk}/pdf/").getvalue().startswith(b"%PDF")
    listed = {d["id"] for d in own.get("/api/decisions/").json()["results"]}
    assert decision.pk in listed
    # A unit that has no line in it: 404, as if it did not exist.
    other = DecisionLine.objects.filter(decision=decision).values_list("nomination__unit_id", flat=True)
    outsider = next(
        u
        for u in demo.values()
        if u.groups.filter(name="unit_clerk").exists() and u.unit_id not in set(other)
    )
    client = APIClient()
    client.force_authenticate(outsider)
    for path in (f"/api/decisions/{decision.pk}/", f"/api/decisions/{decision.pk}/pdf/"):
        assert client.get(path).status_code == 404, path
    assert decision.pk not in {d["id"] for d in client.get("/api/decisions/").json()["results"]}
    # Drafts stay the signer's: a clerk never sees a document before it is issued.
    assert not {d["status"] for d in own.get("/api/decisions/").json()["results"]} - {"signed"}


def test_all_certificates_of_the_150_person_decision_in_one_file_in_annex_order(demo):
    decision = Decision.objects.get(unit__code="HY_SO_GDDT", number="1/QĐ-SGDĐT")
    response = api(demo, "donvi_sogd").get(f"/api/decisions/{decision.pk}/certificates.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    assert len(PdfReader(io.BytesIO(data)).pages) == 150
    pages = page_texts(data)
    lines = list(decision.lines.order_by("position"))
    for page, line in zip(pages, lines, strict=True):
        assert f" {line.nominee_name} " in f" {page} "
        assert "GIẤY CHỨNG NHẬN" in page and "BẰNG KHEN" not in page
        assert f"Số vào sổ khen thưởng: {line.register_number}" in page
    # The register numbers were kept at issuance, one per line.
    assert len({line.register_number for line in lines}) == 150 and all(
        line.register_number for line in lines
    )


def test_the_unit_sees_its_decision_and_prints_its_people_on_the_screen(client, demo):
    decision, clerk = a_provincial_decision_and_its_clerk(demo)
    client.force_login(clerk)
    page = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    own = DecisionLine.objects.filter(decision=decision, nomination__unit_id=clerk.unit_id)
    others = DecisionLine.objects.filter(decision=decision).exclude(nomination__unit_id=clerk.unit_id)
    for line in own:
        assert line.nominee_name in page
    for line in others:
        assert line.nominee_name not in page  # another unit's people: not this unit's business
    assert 'id="print-all"' in page and 'id="decision-download"' in page
    printed = client.get(reverse("nominations:certificates_pdf", args=[decision.pk]))
    assert len(PdfReader(io.BytesIO(printed.content)).pages) == own.count()
    if others.exists():
        refused = client.get(reverse("nominations:certificate_pdf", args=[decision.pk, others.first().pk]))
        assert refused.status_code == 404


@pytest.mark.parametrize("typed", ["{n}/QD-UBND", "0{n}/QĐ-UBND", " {n} / qđ-ubnd ", "{n}/qd-ubnd"])
def test_verification_finds_the_number_however_it_is_typed(client, demo, typed):
    decision = Decision.objects.get(kind="decision", unit__isnull=True, number="3/QĐ-UBND")
    number = typed.format(n=decision.sequence)
    found = APIClient().get("/api/public/decisions/verify", {"number": number}).json()
    assert found["status"] == "exists", (number, found)
    assert decision.number in str(found)
    page = client.get(reverse("public:verify"), {"number": number}).content.decode()
    assert "Không hợp lệ" not in page and decision.number in page
