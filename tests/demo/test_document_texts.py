"""Each kind of document by its text, as a reader gets it from the issued PDF.

Rendered on the seeded demo, through the screens' and the API's own paths: the province's decision
signed by the Chairman then numbered and issued by the văn thư (two steps), a department's and a
commune's own decisions, the Chairman's proposal letter, and the certificate of each kind of award.
Each text is compared, whitespace normalised, with an expected text kept in
tests/documents/expected/ that was read and checked by hand; only what changes from run to run
(today's date on a document issued today) is a placeholder.

To write the files again after a deliberate change of wording: ``UPDATE_EXPECTED=1 pytest …`` and
read every changed line before committing it.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from nominations.models import Decision, Nomination
from nominations.publishing.decision_pdf import render_certificate
from tests.documents.pdftext import document_text, normalise_lines, placeholders, title_of, with_values

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).resolve().parents[1] / "documents" / "expected"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def api(demo, username):
    client = APIClient()
    client.force_authenticate(demo[username])
    return client


def today_values() -> dict:
    day = timezone.localdate()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return {
        "ngay": f"{day:%d/%m/%Y}",
        "ngay_chu": f"ngày {day.day:02d} tháng {month} năm {day.year}",
    }


def check(name: str, data: bytes, values: dict | None = None) -> str:
    """The document's text equals the checked expected text (values put in for the placeholders)."""
    # The demo's unit decisions are signed on the day it is seeded: today's date is a placeholder.
    values = {**today_values(), **(values or {})}
    text = normalise_lines(document_text(data))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    path = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        path.write_text(placeholders(text, values) + "\n", encoding="utf-8")
    expected = with_values(path.read_text(encoding="utf-8"), values)
    assert text == expected, _diff(expected, text)
    return text


def _diff(expected: str, actual: str) -> str:
    import difflib

    return "\n".join(
        difflib.unified_diff(expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm="")
    )


def stored(decision) -> bytes:
    decision.refresh_from_db()
    with decision.pdf.open("rb") as handle:
        return handle.read()


def test_the_provincial_decision_signed_then_issued_by_the_van_thu(demo):
    """Two steps: the Chairman signs without a number, the văn thư numbers and issues; the issued
    file's number, date and the annex's reference are filled, and its Title names it."""
    waiting = list(
        Nomination.objects.filter(status="awaiting_signature", award_type__code="BANG_KHEN_TINH")
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    assert len(waiting) == 3
    leader = api(demo, "chutich")
    draft = leader.post("/api/decisions/", {"nominations": waiting}, format="json")
    assert draft.status_code == 201, draft.content
    pk = draft.json()["id"]
    assert leader.post(f"/api/decisions/{pk}/sign/").json()["status"] == "leader_signed"
    issued = api(demo, "vanthu").post(f"/api/decisions/{pk}/issue/")
    assert issued.status_code == 200, issued.content
    decision = Decision.objects.get(pk=pk)
    data = stored(decision)
    check("provincial-decision", data, {"so": decision.number})
    assert title_of(data) == (
        f"Quyết định số {decision.number} về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    )


def test_a_department_decision(demo):
    decision = Decision.objects.get(unit__code="HY_SO_GDDT", number="1/QĐ-SGDĐT")
    text = check("department-decision", stored(decision))
    assert "Ban Thi đua - Khen thưởng Trung ương" not in text


def test_a_commune_decision(demo):
    decision = Decision.objects.get(unit__code="XA_HONG_VIET", number="1/QĐ-UBND")
    check("commune-decision", stored(decision))


def test_the_proposal_letter(demo):
    proposal = Decision.objects.get(kind="proposal", number="1/TTr-UBND")
    check("proposal-letter", stored(proposal))


CERTIFICATES = [
    ("certificate-bang-khen-individual", "BANG_KHEN_TINH", "individual"),
    ("certificate-bang-khen-collective", "BANG_KHEN_TINH", "collective"),
    ("certificate-cstd-tinh", "CSTD_TINH", "individual"),
    ("certificate-tap-the-ldxs", "TAP_THE_LDXS", "collective"),
    ("certificate-lao-dong-tien-tien", "LDTT", "individual"),
]


@pytest.mark.parametrize(("name", "code", "kind"), CERTIFICATES)
def test_the_certificate_of_each_kind_of_award(demo, name, code, kind):
    decision = (
        Decision.objects.filter(
            status="signed",
            kind="decision",
            lines__award_type__code=code,
            lines__nomination__nominee_kind=kind,
        )
        .order_by("pk")
        .first()
    )
    line = (
        decision.lines.select_related("award_type", "nomination__movement")
        .filter(award_type__code=code, nomination__nominee_kind=kind)
        .order_by("position")
        .first()
    )
    data = render_certificate(line, decision)
    text = check(name, data)
    # The award's own label, never "Bằng khen" for a title.
    if code in ("LDTT", "CSTD_TINH", "TAP_THE_LDXS"):
        assert "BẰNG KHEN" not in text
    if code == "LDTT":
        assert "GIẤY CHỨNG NHẬN" in text and "Đã đạt danh hiệu “Lao động tiên tiến”" in text
