"""Every award on its real path, over the API as the people who do the work.

The unit's own titles: the unit council (where a vote is needed) and the unit
head's decision in the unit's own register. The upward path: the provincial
Council, the Chairman's proposal letter, the central result line by line, and a
central "returned" that goes back to the unit and up again.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from nominations.models import AwardAuthority, AwardRecord, AwardType, BaseSalary, Nomination, Role
from tests.conftest import docx_file, pdf_file
from tests.factories import AwardTypeFactory, UserFactory
from tests.web.api.test_api_lifecycle import token_client, transition

pytestmark = pytest.mark.django_db
A = AwardAuthority
VOTE = {"votes_for": 20, "votes_against": 0, "members_present": 21, "members_total": 21}


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


@pytest.fixture
def paths(world):
    """The catalog's authority rows for a grassroots title, a voted one, and an upward award."""
    BaseSalary.objects.create(amount=2_340_000, effective_from=date(2024, 7, 1))
    world.so_gd.register_code = "SGDĐT"
    world.so_gd.save()
    world.ldtt = AwardTypeFactory(
        code="LDTT",
        name="Lao động tiên tiến",
        level=AwardType.Level.GRASSROOTS,
        nominee_kinds=["individual"],
        routes=["annual"],
        required_documents=["bao_cao_thanh_tich"],
        reward_coefficient=Decimal("0.3"),
    )
    A.objects.create(
        award_type=world.ldtt, decider=A.Decider.UNIT_HEAD, council=A.Council.UNIT, vote_required=False
    )
    world.cstd_cs = AwardTypeFactory(
        code="CSTD_CO_SO",
        name="Chiến sĩ thi đua cơ sở",
        level=AwardType.Level.GRASSROOTS,
        nominee_kinds=["individual"],
        routes=["annual"],
        required_documents=["bao_cao_thanh_tich"],
        reward_coefficient=Decimal("1.0"),
    )
    A.objects.create(
        award_type=world.cstd_cs,
        decider=A.Decider.UNIT_HEAD,
        council=A.Council.UNIT,
        vote_required=True,
        vote_threshold_percent=Decimal(80),
        vote_base="members_total",
    )
    world.bk_ttg = AwardTypeFactory(
        code="BANG_KHEN_TTG",
        name="Bằng khen của Thủ tướng Chính phủ",
        level=AwardType.Level.NATIONAL,
        proposed_upward=True,
        required_documents=["bao_cao_thanh_tich"],
        reward_coefficient=Decimal("3.5"),
    )
    A.objects.create(
        award_type=world.bk_ttg,
        decider=A.Decider.PRIME_MINISTER,
        council=A.Council.PROVINCE,
        vote_required=True,
    )
    world.head = UserFactory(
        username="thutruong_sogd",
        full_name="Phan Minh Đức",
        position="Giám đốc Sở Giáo dục và Đào tạo",
        unit=world.so_gd,
        roles=[Role.UNIT_HEAD],
    )
    world.head_yte = UserFactory(username="thutruong_soyte", unit=world.so_yte, roles=[Role.UNIT_HEAD])
    return world


def new_nomination(client, award, name="Đỗ Văn Kiên", expect=201):
    body = {
        "nominee_kind": "individual",
        "nominee_name": name,
        "nominee_gender": "male",
        "nominee_birth_year": 1979,
        "nominee_position": "Giáo viên",
        "award_type": award,
        "route": "annual",
        "year": 2026,
        "achievements": "Hoàn thành tốt nhiệm vụ năm 2026.",
    }
    response = client.post("/api/nominations/", body, format="json")
    assert response.status_code == expect, response.content
    pk = response.json()["id"]
    upload = client.post(
        f"/api/nominations/{pk}/documents/",
        {"kind": "bao_cao_thanh_tich", "file": docx_file()},
        format="multipart",
    )
    assert upload.status_code == 201, upload.content
    return pk


def test_a_unit_decides_its_own_titles_in_its_own_register(paths):
    clerk, head = token_client(paths.clerk), token_client(paths.head)
    ldtt = new_nomination(clerk, "LDTT", "Đỗ Văn Kiên")
    cstd = new_nomination(clerk, "CSTD_CO_SO", "Hà Thị Lụa")

    n = transition(clerk, ldtt, "submit")
    assert n["path"] == "unit" and n["status"] == "unit_signature"  # no vote needed for LĐTT
    n = transition(clerk, cstd, "submit")
    assert n["status"] == "unit_vote"
    # The unit council's vote is the same transition and body as the province's.
    assert "record_vote" in clerk.get(f"/api/nominations/{cstd}/").json()["available_actions"]
    n = transition(clerk, cstd, "record_vote", **VOTE)
    assert n["status"] == "unit_signature"
    assert "sign" not in n["available_actions"]  # signing goes through a decision

    # Nobody outside the unit acts on it: the provincial chairman cannot sign, the province's
    # council secretary cannot vote, another unit's head does not even find it.
    leader = token_client(paths.leader)
    assert leader.post("/api/decisions/", {"nominations": [ldtt]}, format="json").status_code == 409
    other_head = token_client(paths.head_yte)
    assert other_head.get(f"/api/nominations/{ldtt}/").status_code == 404
    assert other_head.post("/api/decisions/", {"nominations": [ldtt]}, format="json").status_code == 409

    draft = head.post("/api/decisions/", {"nominations": [ldtt, cstd]}, format="json")
    assert draft.status_code == 201, draft.content
    decision = draft.json()
    assert decision["unit"] == paths.so_gd.pk
    assert decision["total_amount"] == sum(line["amount"] for line in decision["lines"]) > 0
    # The provincial leader cannot sign a unit's decision.
    assert leader.post(f"/api/decisions/{decision['id']}/sign/").status_code in (403, 404)
    signed = head.post(f"/api/decisions/{decision['id']}/sign/")
    assert signed.status_code == 200, signed.content
    assert re.fullmatch(r"\d+/QĐ-SGDĐT", signed.json()["number"])
    for pk in (ldtt, cstd):
        assert clerk.get(f"/api/nominations/{pk}/").json()["status"] == "awarded"
    # History the provincial rules read, under the unit's decision number.
    record = AwardRecord.objects.get(nomination_id=cstd)
    assert record.award_type.code == "CSTD_CO_SO" and record.decision_number == signed.json()["number"]
    # The province sees it in lists.
    assert token_client(paths.head).get("/api/decisions/").json()["count"] == 1
    assert any(
        r["id"] == ldtt for r in token_client(paths.appraiser).get("/api/nominations/").json()["results"]
    )


def test_a_unit_council_vote_below_80_percent_of_all_members_fails(paths):
    clerk = token_client(paths.clerk)
    cstd = new_nomination(clerk, "CSTD_CO_SO", "Hà Thị Lụa")
    transition(clerk, cstd, "submit")
    n = transition(
        clerk, cstd, "record_vote", votes_for=16, votes_against=0, members_present=16, members_total=21
    )
    assert n["status"] == "rejected"


def test_the_unit_head_cannot_sign_a_provincial_award(paths, draft):
    from workflows import actions

    for user, action, params in [
        (paths.clerk, "submit", {}),
        (paths.reviewer, "approve_cluster", {}),
        (paths.appraiser, "pass_appraisal", {}),
        (paths.secretary, "record_vote", VOTE),
    ]:
        actions.perform(user=user, nomination_id=draft.pk, action=action, **params)
    head = token_client(paths.head)
    assert head.get(f"/api/nominations/{draft.pk}/").json()["status"] == "awaiting_signature"
    assert head.post("/api/decisions/", {"nominations": [draft.pk]}, format="json").status_code == 409


def up_to_the_vote(paths, names):
    clerk = token_client(paths.clerk)
    pks = [new_nomination(clerk, "BANG_KHEN_TTG", name) for name in names]
    for pk in pks:
        assert transition(clerk, pk, "submit")["path"] == "upward"
        transition(token_client(paths.reviewer), pk, "approve_cluster")
        transition(token_client(paths.appraiser), pk, "pass_appraisal")
        assert (
            transition(token_client(paths.secretary), pk, "record_vote", **VOTE)["status"]
            == "awaiting_proposal"
        )
    return pks


def test_the_upward_path_a_proposal_its_result_and_a_central_return(paths):
    a, b, c = up_to_the_vote(paths, ["Nguyễn Thị Ánh", "Trần Quốc Bảo", "Lê Minh Châu"])
    leader = token_client(paths.leader)
    # A forwarded nomination cannot be signed locally: it never waits for a provincial decision.
    assert leader.post("/api/decisions/", {"nominations": [a]}, format="json").status_code == 409

    draft = leader.post("/api/proposals/", {"nominations": [a, b, c]}, format="json")
    assert draft.status_code == 201, draft.content
    proposal = draft.json()
    assert proposal["kind"] == "proposal"

    staff = token_client(paths.appraiser)
    body = {
        "decision_number": "1234/QĐ-TTg",
        "decision_date": "2026-10-20",
        "issuer": "Thủ tướng Chính phủ",
        "lines": [{"nomination": a, "result": "awarded"}],
    }
    # A result for a proposal that is not signed: 409.
    early = staff.post(f"/api/proposals/{proposal['id']}/result/", body, format="json")
    assert early.status_code == 409 and early.json()["code"] == "invalid_state"

    signed = leader.post(f"/api/proposals/{proposal['id']}/sign/")
    assert signed.status_code == 200, signed.content
    assert re.fullmatch(r"\d+/TTr-UBND", signed.json()["number"])
    for pk in (a, b, c):
        assert staff.get(f"/api/nominations/{pk}/").json()["status"] == "forwarded"

    # Wrong role: the unit clerk and the leader do not record central results.
    assert token_client(paths.clerk).post(
        f"/api/proposals/{proposal['id']}/result/", body, format="json"
    ).status_code in (403, 404)
    assert leader.post(f"/api/proposals/{proposal['id']}/result/", body, format="json").status_code == 403

    # Results for some lines now, others later.
    body["lines"] = [
        {"nomination": a, "result": "awarded"},
        {"nomination": b, "result": "not_awarded", "reason": "Chưa đủ tiêu chuẩn về thời gian."},
    ]
    recorded = staff.post(f"/api/proposals/{proposal['id']}/result/", body, format="json")
    assert recorded.status_code == 200, recorded.content
    assert staff.get(f"/api/nominations/{a}/").json()["status"] == "awarded"
    assert staff.get(f"/api/nominations/{b}/").json()["status"] == "rejected"
    assert staff.get(f"/api/nominations/{c}/").json()["status"] == "forwarded"
    assert AwardRecord.objects.get(nomination_id=a).decision_number == "1234/QĐ-TTg"
    # Each line once.
    again = staff.post(f"/api/proposals/{proposal['id']}/result/", body, format="json")
    assert again.status_code == 409

    # The central level returns one for more documents: back to the unit ...
    returned = staff.post(
        f"/api/proposals/{proposal['id']}/result/",
        {
            "decision_number": "88/BNV-TĐKT",
            "decision_date": "2026-10-25",
            "issuer": "Bộ Nội vụ",
            "lines": [
                {"nomination": c, "result": "returned", "reason": "Bổ sung xác nhận của Sở Tài chính."}
            ],
        },
        format="json",
    )
    assert returned.status_code == 200, returned.content
    clerk = token_client(paths.clerk)
    n = clerk.get(f"/api/nominations/{c}/").json()
    assert n["status"] == "returned" and "resubmit" in n["available_actions"]
    # ... and, supplemented, up again in a new proposal.
    clerk.post(
        f"/api/nominations/{c}/documents/",
        {"kind": "bao_cao_thanh_tich", "file": pdf_file()},
        format="multipart",
    )
    assert transition(clerk, c, "resubmit")["status"] == "awaiting_proposal"
    second = leader.post("/api/proposals/", {"nominations": [c]}, format="json").json()
    assert leader.post(f"/api/proposals/{second['id']}/sign/").status_code == 200
    assert Nomination.objects.get(pk=c).status == "forwarded"
    assert second["id"] != proposal["id"]


def test_a_provincial_award_the_standing_agency_appraises_goes_straight_to_the_chairman(paths, draft):
    """Where the province's regulation says the appraisal suffices, there is no Council vote."""
    A.objects.create(
        award_type=draft.award_type,
        decider=A.Decider.PROVINCE_CHAIRMAN,
        council=A.Council.NONE,
        vote_required=False,
    )
    clerk, reviewer, appraiser = (token_client(u) for u in (paths.clerk, paths.reviewer, paths.appraiser))
    assert transition(clerk, draft.pk, "submit")["path"] == "province"
    transition(reviewer, draft.pk, "approve_cluster")
    n = transition(appraiser, draft.pk, "pass_appraisal")
    assert n["status"] == "awaiting_signature"
    assert (
        token_client(paths.secretary).get(f"/api/nominations/{draft.pk}/").json()["available_actions"] == []
    )
    decision = token_client(paths.leader).post("/api/decisions/", {"nominations": [draft.pk]}, format="json")
    assert decision.status_code == 201, decision.content
    signed = token_client(paths.leader).post(f"/api/decisions/{decision.json()['id']}/sign/")
    assert re.fullmatch(r"\d+/QĐ-UBND", signed.json()["number"])


def test_the_staff_grades_become_the_units_titles_over_http(client, paths):
    """The clerk uploads the year's grades: HTT and above are proposed, the rest listed, nothing half-done."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from nominations import services
    from nominations.models import Batch

    paths.ldtt.rule_params = {"min_grade": "hoan_thanh_tot"}
    paths.ldtt.save()

    def grades(rows):
        book = Workbook()
        for row in [services.GRADE_COLUMNS, *rows]:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue())

    client.force_login(paths.clerk)
    client.post("/ho-so/to-trinh/", {"title": "Đề nghị công nhận Lao động tiên tiến năm 2026", "year": 2026})
    batch = Batch.objects.get(unit=paths.so_gd)
    url = f"/ho-so/to-trinh/{batch.pk}/xep-loai/"
    bad = client.post(
        url, {"file": grades([["Lê Văn Một", "Nam", 1980, "Chuyên viên", "", "giỏi lắm"]])}, follow=True
    )
    assert "không hợp lệ" in bad.content.decode() and batch.nominations.count() == 0
    page = client.post(
        url,
        {
            "file": grades(
                [
                    ["Lê Văn Một", "Nam", 1980, "Chuyên viên", "", "HTXS"],
                    ["Trần Thị Hai", "Nữ", 1985, "Kế toán", "", "Hoàn thành tốt nhiệm vụ"],
                    ["Phạm Văn Ba", "Nam", 1990, "Văn thư", "", "hoàn thành"],
                    ["Đỗ Thị Bốn", "Nữ", 1992, "Chuyên viên", "", "KHT"],
                ]
            )
        },
        follow=True,
    ).content.decode()
    assert "Đã thêm 2 người" in page
    assert "Phạm Văn Ba (Hoàn thành nhiệm vụ)" in page and "Đỗ Thị Bốn" in page
    assert set(batch.nominations.values_list("nominee_name", flat=True)) == {"Lê Văn Một", "Trần Thị Hai"}
    assert set(batch.nominations.values_list("award_type__code", flat=True)) == {"LDTT"}
