"""Irreversible actions ask first: a ticked box without JS, a dialog with it; a failing vote shows its result."""

import pytest
from django.urls import reverse

from nominations.models import Nomination
from tests.web.test_end_to_end import do, login, page

S = Nomination.Status
pytestmark = pytest.mark.django_db


def test_a_reject_without_the_box_ticked_changes_nothing_and_says_why(client, world, draft):
    login(client, world.clerk)
    do(client, draft, "submit")
    login(client, world.reviewer)
    html = page(client, draft)
    assert 'data-confirm="Hồ sơ sẽ không được khen thưởng; thao tác không hoàn tác được."' in html
    assert 'id="confirm-dialog"' in html and "js/app.js" in html
    response = do(client, draft, "reject", expect=400, comment="Không đủ tiêu chuẩn")
    assert draft.status == S.CLUSTER_REVIEW
    assert "Hãy đánh dấu ô xác nhận" in response.content.decode()
    do(client, draft, "reject", comment="Không đủ tiêu chuẩn", confirmed="on")
    assert draft.status == S.REJECTED


def test_a_withdrawal_asks_too(client, world, draft):
    login(client, world.clerk)
    do(client, draft, "withdraw", expect=400)
    assert draft.status == S.DRAFT
    do(client, draft, "withdraw", confirmed="on")
    assert draft.status == S.WITHDRAWN


def test_a_failing_vote_shows_the_threshold_result_and_asks_before_saving(client, world, draft):
    from workflows import actions

    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster")
    actions.perform(user=world.appraiser, nomination_id=draft.pk, action="pass_appraisal")
    login(client, world.secretary)
    votes = {"votes_for": 10, "votes_against": 11, "members_present": 21, "members_total": 25}
    response = do(client, draft, "record_vote", expect=200, **votes)
    html = response.content.decode()
    assert draft.status == S.COUNCIL_VOTE
    assert 'id="confirm-vote"' in html and "Hồ sơ sẽ không được khen thưởng" in html
    assert 'name="record_vote-votes_for" value="10"' in html
    response = client.post(
        reverse("nominations:action", args=[draft.pk, "record_vote"]),
        {"confirm_failing": "1", **{f"record_vote-{k}": v for k, v in votes.items()}},
    )
    draft.refresh_from_db()
    assert draft.status == S.REJECTED
