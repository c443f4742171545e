"""New work announces itself: whoever may take a dossier's new stage is told when it arrives."""

import pytest

from nominations.models import Nomination, Role, User
from tests.conftest import attach_required
from tests.factories import NominationFactory, UserFactory
from tests.web.api.test_api_lifecycle import token_client, transition
from tests.web.api.test_api_paths import new_nomination
from tests.web.api.test_api_paths import paths as paths  # noqa: F401 (the fixture)
from workflows import announce, notify
from workflows.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    """The token endpoint's throttle counts logins across tests: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


APPRAISAL = {"checklist": {"criteria": True, "documents": True}, "justification": "Đã đối chiếu."}
VOTE = {"votes_for": 15, "votes_against": 0, "members_present": 15, "members_total": 15}


def told(user, nomination=None):
    qs = Notification.objects.filter(recipient=user, kind="arrival")
    if nomination is not None:
        qs = qs.filter(nomination=nomination)
    return list(qs)


def test_the_cluster_reviewer_reads_the_dossier_in_the_api_right_after_the_unit_submits(
    world, draft, django_capture_on_commit_callbacks
):
    unit = token_client(world.clerk)
    reviewer = token_client(world.reviewer)
    assert reviewer.get("/api/notifications/").json()["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        transition(unit, draft.pk, "submit")
    body = reviewer.get("/api/notifications/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["nomination"] == draft.pk and item["unread"] is True
    assert draft.nominee_name in item["title"] and "Cụm/Khối xét duyệt" in item["title"]
    assert item["url"] == f"/ho-so/{draft.pk}/"
    # The reviewer of another block hears nothing; nor does the clerk who submitted it.
    assert token_client(world.other_reviewer).get("/api/notifications/").json()["count"] == 0
    assert told(world.clerk) == []
    # Anonymous callers are not told anything.
    from rest_framework.test import APIClient

    assert APIClient().get("/api/notifications/").status_code == 401


def test_each_stage_tells_the_people_the_stage_table_names(world, draft, django_capture_on_commit_callbacks):
    appraiser2 = UserFactory(username="thamdinh2", roles=[Role.APPRAISER])
    leader2 = UserFactory(username="phochutich", roles=[Role.LEADER])
    walk = [
        (
            world.clerk,
            "submit",
            {},
            [world.reviewer, world.reviewer2],
            [world.other_reviewer, world.appraiser],
        ),
        (world.reviewer, "approve_cluster", {}, [world.appraiser, appraiser2], [world.secretary]),
        (world.appraiser, "pass_appraisal", APPRAISAL, [world.secretary], [world.appraiser, world.leader]),
        (world.secretary, "record_vote", VOTE, [world.leader, leader2], [world.secretary, world.head]),
    ]
    for actor, action, params, expected, not_told in walk:
        with django_capture_on_commit_callbacks(execute=True):
            transition(token_client(actor), draft.pk, action, **params)
        for person in expected:
            assert len(told(person, draft)) == 1, (action, person.username)
        for person in not_told:
            assert all(action not in n.key for n in told(person, draft))
        assert {n.recipient_id for n in Notification.objects.filter(kind="arrival", nomination=draft)} >= {
            p.pk for p in expected
        }
    # The leader's notice leads to the signature queue's dossier; the count of arrivals per stage is one.
    assert len(told(world.leader, draft)) == 1
    assert len(told(world.secretary, draft)) == 1


@pytest.mark.usefixtures("paths")
def test_the_unit_head_hears_of_the_units_own_title_waiting_for_signature(
    world, django_capture_on_commit_callbacks
):
    unit = token_client(world.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        pk = new_nomination(unit, "LDTT")
        transition(unit, pk, "submit")
    nomination = Nomination.objects.get(pk=pk)
    assert nomination.status == "unit_signature"
    assert len(told(world.head, nomination)) == 1
    assert told(world.head_yte) == [] and told(world.leader) == [] and told(world.reviewer) == []


def test_arrivals_are_told_once_and_a_batch_in_one_notice(world, django_capture_on_commit_callbacks):
    dossiers = []
    for i in range(7):
        n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk,
                              nominee_name=f"Nguyễn Văn {chr(65 + i)}")  # fmt: skip
        attach_required(n, world.clerk)
        dossiers.append(n)
    from django.db import transaction

    from nominations import services
    from workflows.actions.door import start_process

    # Seven dossiers submitted in one transaction (as a batch is): one job, one notice for all.
    queued = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        for n in dossiers:
            services.nomination_submit(nomination=n, actor=world.clerk)
            start_process(n)
    original = announce.enqueue_arrivals
    announce.enqueue_arrivals = queued.append
    try:
        for callback in callbacks:
            callback()
    finally:
        announce.enqueue_arrivals = original
    assert queued == [sorted(n.pk for n in dossiers)]
    assert announce.announce_arrivals(queued[0]) == 2  # one row per reviewer of the block
    notice = told(world.reviewer)[0]
    assert notice.title == f"7 hồ sơ của {world.so_gd.name} chờ bước Cụm/Khối xét duyệt"
    assert "stage=cluster_review" in notice.url and f"unit={world.so_gd.pk}" in notice.url
    # A job delivered twice tells nobody twice.
    assert announce.announce_arrivals(queued[0]) == 0
    assert len(told(world.reviewer)) == 1


def test_the_digest_preference_holds_for_arrivals(
    world, draft, django_capture_on_commit_callbacks, mailoutbox
):
    world.reviewer.email = "cum@tdkt.test"
    world.reviewer.notification_mode = User.NotificationMode.DIGEST
    world.reviewer.save()
    world.reviewer2.email = "cum2@tdkt.test"
    world.reviewer2.save()
    with django_capture_on_commit_callbacks(execute=True):
        transition(token_client(world.clerk), draft.pk, "submit")
    mine = told(world.reviewer, draft)[0]
    assert mine.email_status == Notification.EmailStatus.DIGEST
    assert told(world.reviewer2, draft)[0].email_status == Notification.EmailStatus.SENT
    assert [m.to for m in mailoutbox] == [["cum2@tdkt.test"]]
    assert notify.send_digests() == 1
    assert draft.nominee_name in mailoutbox[-1].body
    assert notify.send_digests() == 0  # the digest is sent once


def test_the_office_of_the_issuer_hears_of_a_signed_document_to_issue(world, settings):
    from tests.web.api.test_api_signatures import draft_for

    settings.DECISION_OFFICE_ISSUANCE = True
    office = UserFactory(username="vanthu", roles=[Role.CLERK_OFFICE])
    unit_office = UserFactory(username="vanthu_sogd", unit=world.so_gd, roles=[Role.CLERK_OFFICE])
    world.so_gd.office_issuance = True
    world.so_gd.save()
    draft, _nominations = draft_for(world)
    assert (
        token_client(world.leader).post(f"/api/decisions/{draft.pk}/sign/").json()["status"]
        == "leader_signed"
    )
    notices = list(Notification.objects.filter(kind="arrival_issue"))
    assert [n.recipient for n in notices] == [office]  # not another organisation's văn thư
    assert notices[0].url == "/ho-so/van-thu/cho-phat-hanh/" and "chờ phát hành" in notices[0].title
    assert told(unit_office) == [] and not Notification.objects.filter(recipient=unit_office).exists()
