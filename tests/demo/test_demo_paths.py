"""Each path end to end over HTTP as the demo's own people, on the seeded demo.

A department's and a commune's titles decided by their heads in their own
registers; the province's proposal to the Prime Minister with results recorded
for some lines; a central "returned" that comes back to the unit and goes up
again; and the scope refusals between them.
"""

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from nominations.models import AwardRecord, Decision, DecisionLine, Nomination
from tests.conftest import pdf_file
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def api(demo, username):
    client = APIClient()
    client.force_authenticate(demo[username])
    return client


def staff_title(client, name):
    body = {
        "nominee_kind": "individual",
        "nominee_name": name,
        "nominee_gender": "female",
        "nominee_birth_year": 1990,
        "nominee_position": "Chuyên viên",
        "award_type": "LDTT",
        "route": "annual",
        "year": 2026,
        "achievements": "Xếp loại hoàn thành tốt nhiệm vụ năm 2026.",
    }
    created = client.post("/api/nominations/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    for kind in ("to_trinh", "bien_ban"):
        up = client.post(
            f"/api/nominations/{pk}/documents/", {"kind": kind, "file": pdf_file()}, format="multipart"
        )
        assert up.status_code == 201, up.content
    submitted = client.post(f"/api/nominations/{pk}/transitions/submit/", {}, format="json")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["path"] == "unit" and submitted.json()["status"] == "unit_signature"
    return pk


def test_the_demo_shows_every_path(demo):
    decisions = Decision.objects.filter(status="signed")
    assert decisions.get(unit__code="HY_SO_GDDT").lines.count() == 150
    assert decisions.get(unit__code="XA_HONG_VIET").lines.count() == 80
    proposal = Decision.objects.get(kind="proposal", lines__nominee_name="Vũ Thị Thanh Xuân")
    results = set(proposal.lines.values_list("result", flat=True))
    assert results == {"awarded", "not_awarded", ""}  # some recorded, some still waiting
    assert Nomination.objects.filter(status="unit_signature").count() >= 3
    assert Nomination.objects.filter(status="awaiting_proposal").exists()


def test_a_department_and_a_commune_decide_their_own_titles(demo):
    sogd = staff_title(api(demo, "donvi_sogd"), "Đinh Thị Hằng")
    xa = staff_title(api(demo, "donvi_xa"), "Lưu Thị Nhàn")

    # The province cannot decide them, nor another unit's head; the commune's head does not see the department's.
    assert (
        api(demo, "chutich").post("/api/decisions/", {"nominations": [sogd]}, format="json").status_code
        == 409
    )
    assert api(demo, "chutich_xa").get(f"/api/nominations/{sogd}/").status_code == 404
    assert (
        api(demo, "chutich_xa").post("/api/decisions/", {"nominations": [sogd]}, format="json").status_code
        == 409
    )

    provincial = set(
        Decision.objects.filter(unit__isnull=True, kind="decision").values_list("number", flat=True)
    )
    for head, pk, register in [("thutruong_sogd", sogd, "SGDĐT"), ("chutich_xa", xa, "UBND")]:
        client = api(demo, head)
        draft = client.post("/api/decisions/", {"nominations": [pk]}, format="json")
        assert draft.status_code == 201, draft.content
        signed = client.post(f"/api/decisions/{draft.json()['id']}/sign/")
        assert signed.status_code == 200, signed.content
        # The unit's own register: the seed's decision was number 1, this is number 2.
        assert signed.json()["number"] == f"2/QĐ-{register}"
        assert AwardRecord.objects.get(nomination_id=pk).decision_number == signed.json()["number"]
    # The commune's 2/QĐ-UBND is not the province's register: the province's next decision is still its own.
    assert (
        set(Decision.objects.filter(unit__isnull=True, kind="decision").values_list("number", flat=True))
        == provincial
    )
    # The province sees the units' decisions in its lists; a unit head only their own.
    assert api(demo, "truongban").get("/api/decisions/").json()["count"] >= 4
    assert {d["unit"] for d in api(demo, "chutich_xa").get("/api/decisions/").json()["results"]} == {
        demo["chutich_xa"].unit_id
    }


def test_a_central_return_goes_back_to_the_unit_and_up_again(demo):
    proposal = Decision.objects.get(kind="proposal", lines__nominee_name="Vũ Thị Thanh Xuân")
    waiting = DecisionLine.objects.get(decision=proposal, nominee_name="Nguyễn Đức Thịnh")
    returned = api(demo, "thamdinh").post(
        f"/api/proposals/{proposal.pk}/result/",
        {
            "decision_number": "214/BNV-TĐKT",
            "decision_date": "2026-11-02",
            "issuer": "Bộ Nội vụ",
            "lines": [
                {
                    "nomination": waiting.nomination_id,
                    "result": "returned",
                    "reason": "Bổ sung bản sao quyết định.",
                }
            ],
        },
        format="json",
    )
    assert returned.status_code == 200, returned.content
    clerk = api(demo, "donvi_sogd")
    pk = waiting.nomination_id
    assert clerk.get(f"/api/nominations/{pk}/").json()["status"] == "returned"
    clerk.post(
        f"/api/nominations/{pk}/documents/", {"kind": "to_trinh", "file": pdf_file()}, format="multipart"
    )
    assert clerk.post(f"/api/nominations/{pk}/transitions/resubmit/", {}, format="json").json()["status"] == (
        "awaiting_proposal"
    )
    other = Nomination.objects.get(nominee_name="Lê Thị Thu Hương")
    leader = api(demo, "chutich")
    draft = leader.post("/api/proposals/", {"nominations": [pk, other.pk]}, format="json")
    assert draft.status_code == 201, draft.content
    signed = leader.post(f"/api/proposals/{draft.json()['id']}/sign/")
    # Issue 18: the province issues through its văn thư; the letter is numbered and forwarded then,
    # its number following the demo's last letter in the register (the year's letters come first).
    assert signed.json()["status"] == "leader_signed" and signed.json()["number"] == ""
    assert set(Nomination.objects.filter(pk__in=[pk, other.pk]).values_list("status", flat=True)) == {
        "awaiting_proposal"
    }
    # The demo's letters of the year (the upward titles', the citizens' medal's) are in the register.
    letters = Decision.objects.filter(
        kind="proposal", number__endswith="/TTr-UBND", issued_at__year=timezone.localdate().year
    )
    last = max(int(number.split("/")[0]) for number in letters.values_list("number", flat=True))
    assert last >= int(proposal.number.split("/")[0])
    issued = api(demo, "vanthu").post(f"/api/proposals/{draft.json()['id']}/issue/")
    assert issued.json()["number"] == f"{last + 1}/TTr-UBND"
    assert set(Nomination.objects.filter(pk__in=[pk, other.pk]).values_list("status", flat=True)) == {
        "forwarded"
    }
    # Only the Standing agency records results.
    refused = api(demo, "chutich").post(
        f"/api/proposals/{draft.json()['id']}/result/",
        {
            "decision_number": "1/QĐ-TTg",
            "decision_date": "2026-11-20",
            "issuer": "Thủ tướng Chính phủ",
            "lines": [],
        },
        format="json",
    )
    assert refused.status_code == 403


def test_the_unit_head_sees_their_queue_and_signs_from_the_screen(client, demo):
    client.force_login(demo["thutruong_sogd"])
    page = client.get("/cong-viec/cho-ky/").content.decode()
    assert "Trương Thị Bích Ngọc" in page and "Hoàng Văn Khải" in page
    assert "Phạm Thị Duyên" not in page  # the commune's
    waiting = list(
        Nomination.objects.filter(status="unit_signature", unit__code="HY_SO_GDDT").values_list(
            "pk", flat=True
        )
    )
    draft = client.post("/cong-viec/cho-ky/du-thao-quyet-dinh/", {"nominations": waiting})
    assert draft.status_code == 200 and "Chiến sĩ thi đua cơ sở" in draft.content.decode()
    created = client.post("/ho-so/quyet-dinh/lap/", {"nominations": waiting})
    assert created.status_code == 302
    decision = Decision.objects.filter(unit__code="HY_SO_GDDT", status="draft").get()
    signed = client.post(f"/ho-so/quyet-dinh/{decision.pk}/ky/", {"confirmed": "on"}, follow=True)
    assert "2/QĐ-SGDĐT" in signed.content.decode()
    # The leader of the province cannot open the unit's decision to sign it.
    client.force_login(demo["chutich"])
    assert client.post(f"/ho-so/quyet-dinh/{decision.pk}/ky/", {"confirmed": "on"}).status_code == 302
    assert Decision.objects.get(pk=decision.pk).signer == demo["thutruong_sogd"]


def _pdf_text(client, decision, tmp_path) -> str:
    from django.urls import reverse

    response = client.get(reverse("nominations:decision_pdf", args=[decision.pk]))
    assert response.status_code == 200
    return pdf_text(b"".join(response.streaming_content) if response.streaming else response.content)


def test_unit_decisions_of_2026_carry_hung_yen_headers_as_decree_30_has_them(client, demo, tmp_path):
    """The department prints under the province of the decision date (not a global setting); the
    commune's decision is its own People's Committee's, dated at the commune."""
    client.force_login(demo["thutruong_sogd"])
    text = _pdf_text(client, Decision.objects.get(unit__code="HY_SO_GDDT", number="1/QĐ-SGDĐT"), tmp_path)
    assert "UBND TỈNH HƯNG YÊN" in text and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text
    assert "THÁI BÌNH" not in text.upper()
    assert "Hưng Yên, ngày" in text
    client.force_login(demo["chutich_xa"])
    text = _pdf_text(client, Decision.objects.get(unit__code="XA_HONG_VIET", number="1/QĐ-UBND"), tmp_path)
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ HỒNG VIỆT" in text
    assert "UBND TỈNH" not in text  # a People's Committee prints no governing body above it
    assert "Hồng Việt, ngày" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HỒNG VIỆT" in " ".join(text.split())


def test_a_unit_hears_of_its_whole_staffs_decision_once_not_150_times(demo):
    from workflows.models import Notification

    told = Notification.objects.filter(recipient=demo["donvi_sogd"], kind="awarded")
    assert told.filter(title__startswith="Quyết định số 1/QĐ-SGDĐT: 150 hồ sơ").count() == 1
    assert not told.filter(title__contains="1/QĐ-SGDĐT", nomination__isnull=False).exists()
