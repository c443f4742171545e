"""The appraisal travels with the dossier: the checklist and the justification are shown to every
later stage and to the unit, the signature queue and the Council session mark a failed automatic
check, the signing confirmation names those dossiers; the vote reads the same everywhere."""

import pytest
from django.urls import reverse

from nominations.models import BaseSalary
from nominations.services import decision_create_draft
from tests.conftest import attach_required
from tests.factories import NominationFactory
from tests.web.api.test_api_lifecycle import token_client
from tests.web.test_end_to_end import login
from workflows import actions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    """The token endpoint's throttle counts logins across tests: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


WHY = "Đã đối chiếu bản giấy Quyết định 12/QĐ-UBND năm 2024"
VOTE = {"votes_for": 20, "votes_against": 1, "members_present": 21, "members_total": 25}
VOTE_TEXT = "20 đồng ý, 1 không đồng ý; 21/25 thành viên có mặt; ngưỡng:"


def appraised(world, name="Hoàng Thị Lan", failed=True):
    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=name)
    attach_required(n, world.clerk)
    actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    actions.perform(user=world.reviewer, nomination_id=n.pk, action="approve_cluster")
    checklist = {"documents": True, "criteria": not failed}
    actions.perform(
        user=world.appraiser,
        nomination_id=n.pk,
        action="pass_appraisal",
        checklist=checklist,
        justification=WHY if failed else "",
    )
    n.refresh_from_db()
    return n


def test_the_api_and_the_dossier_show_the_appraisal_to_later_stages_and_to_the_unit(client, world):
    n = appraised(world)
    body = token_client(world.secretary).get(f"/api/nominations/{n.pk}/").json()
    appraisal = body["appraisal"]
    assert appraisal["justification"] == WHY
    assert appraisal["appraiser"] == world.appraiser.get_full_name() and appraisal["check_failed"] is True
    items = {c["key"]: c["passed"] for c in appraisal["checklist"]}
    assert items == {"documents": True, "criteria": False}
    assert "Đạt tiêu chuẩn của danh hiệu, hình thức khen thưởng" in appraisal["failed"]
    assert body["vote"] is None
    # The unit sees it on its own dossier; so do the secretary and, later, the leader.
    for who in (world.clerk, world.secretary):
        login(client, who)
        html = client.get(reverse("nominations:detail", args=[n.pk])).content.decode()
        assert 'id="appraisal"' in html and WHY in html and "Kiểm tra tự động chưa đạt" in html
    # Another unit still gets 404 for the dossier and its appraisal.
    assert token_client(world.clerk2).get(f"/api/nominations/{n.pk}/").status_code == 404


def test_the_vote_reads_the_same_on_the_dossier_the_queue_and_the_api(client, world):
    n = appraised(world)
    actions.perform(user=world.secretary, nomination_id=n.pk, action="record_vote", **VOTE)
    vote = token_client(world.leader).get(f"/api/nominations/{n.pk}/").json()["vote"]
    assert (vote["votes_for"], vote["votes_against"], vote["members_present"], vote["members_total"]) == (
        20, 1, 21, 25,
    )  # fmt: skip
    assert vote["threshold_base"] in ("members_total", "members_present") and vote["passed"] is True
    assert vote["text"].startswith(VOTE_TEXT) and vote["rule"] in vote["text"]
    login(client, world.leader)
    dossier = client.get(reverse("nominations:detail", args=[n.pk])).content.decode()
    queue = client.get(reverse("queues:signature")).content.decode()
    assert vote["text"] in dossier and vote["text"] in queue
    # The signature queue marks the failed check with the appraiser's words.
    row = queue[queue.index(n.nominee_name) :].split("</tr>")[0]
    assert "Kiểm tra tự động chưa đạt" in row and WHY in row


def test_the_council_session_marks_failed_checks_and_the_signing_confirmation_names_them(client, world):
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    bad = appraised(world, "Hoàng Thị Lan", failed=True)
    good = appraised(world, "Vũ Văn Minh", failed=False)
    login(client, world.secretary)
    meeting = client.get(reverse("queues:meeting")).content.decode()
    bad_row = meeting[meeting.index(f'data-nomination="{bad.pk}"') :].split("</tr>")[0]
    good_row = meeting[meeting.index(f'data-nomination="{good.pk}"') :].split("</tr>")[0]
    assert "Kiểm tra tự động chưa đạt" in bad_row and WHY in bad_row
    assert "Kiểm tra tự động chưa đạt" not in good_row
    for n in (bad, good):
        actions.perform(user=world.secretary, nomination_id=n.pk, action="record_vote", **VOTE)
    # The rule the meeting's preview showed before the vote is the one the dossier shows after it.
    from nominations.models import Nomination
    from nominations.review_record import latest_vote

    fresh = appraised(world, "Lương Thị Hà")
    preview = client.post(
        reverse("queues:meeting"),
        {"meeting_date": "01/12/2026", "members_total": 25, "members_present": 21,
         f"for-{fresh.pk}": 20, f"against-{fresh.pk}": 1, "preview": "1"},
    ).content.decode()  # fmt: skip
    row = preview[preview.index(f'data-nomination="{fresh.pk}"') :].split("</tr>")[0]
    assert f"ngưỡng: {latest_vote(Nomination.objects.get(pk=bad.pk)).rule}" in row
    draft = decision_create_draft(actor=world.leader, nomination_ids=[bad.pk, good.pk])
    login(client, world.leader)
    page = client.get(reverse("nominations:decision_detail", args=[draft.pk])).content.decode()
    confirm = page[page.index('id="sign-form"') :].split("</form>")[0]
    assert "1 hồ sơ có tiêu chí kiểm tra tự động chưa đạt" in confirm
    assert "Hoàng Thị Lan" in confirm and WHY in confirm and "Vũ Văn Minh" not in confirm
