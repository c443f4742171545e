"""Upward proposals: public comments for at least 10 working days before the Council votes."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from nominations.exceptions import InvalidState
from nominations.models import AuditEvent, PublicDisclosure
from tests.conftest import attach_required
from tests.factories import AwardTypeFactory, NominationFactory
from workflows import actions
from workflows.calendar import add_working_days

pytestmark = pytest.mark.django_db
VOTE = {"votes_for": 24, "votes_against": 0, "members_present": 24, "members_total": 25}


@pytest.fixture
def upward(world):
    cache.clear()
    award = AwardTypeFactory(
        code="CSTD_TOAN_QUOC",
        name="Chiến sĩ thi đua toàn quốc",
        needs_public_disclosure=True,
        vote_threshold_percent=90,
        vote_base="members_total",
        vote_threshold_strict=False,
        required_documents=["to_trinh"],
    )
    n = NominationFactory(
        unit=world.so_gd, award_type=award, created_by=world.clerk, nominee_name="Lương Thị Vân"
    )
    attach_required(n, world.clerk)
    actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    actions.perform(user=world.reviewer, nomination_id=n.pk, action="approve_cluster")
    return n


def test_the_council_cannot_vote_before_the_window_closes_and_sees_the_comments(client, world, upward):
    actions.perform(user=world.appraiser, nomination_id=upward.pk, action="pass_appraisal")
    with pytest.raises(InvalidState, match="công khai"):
        actions.perform(user=world.secretary, nomination_id=upward.pk, action="record_vote", **VOTE)

    client.force_login(world.appraiser)
    client.post(reverse("nominations:disclosure_open", args=[upward.pk]))
    disclosure = PublicDisclosure.objects.get(nomination=upward)
    assert disclosure.closes_on == add_working_days(disclosure.opens_on, 10)

    client.logout()
    page = client.get(reverse("public:disclosures")).content.decode()
    assert "Lương Thị Vân" in page
    started = re.search(r'name="started" value="([^"]+)"', page).group(1)
    client.post(
        reverse("public:disclosures"),
        {
            "disclosure": disclosure.pk,
            "name": "Nguyễn Văn Dân",
            "contact": "0912000000",
            "body": "Đồng tình với đề nghị.",
            "started": started,
        },
    )
    assert disclosure.comments.count() == 1

    with pytest.raises(InvalidState, match="Đang trong thời gian công khai"):
        actions.perform(user=world.secretary, nomination_id=upward.pk, action="record_vote", **VOTE)

    client.force_login(world.secretary)
    assert (
        "Đồng tình với đề nghị."
        in client.get(reverse("nominations:detail", args=[upward.pk])).content.decode()
    )

    # The window closes (time passes): the vote goes ahead, the comments in its record.
    PublicDisclosure.objects.filter(pk=disclosure.pk).update(
        opens_on=disclosure.opens_on - timedelta(days=30), closes_on=disclosure.opens_on - timedelta(days=1)
    )
    n = actions.perform(user=world.secretary, nomination_id=upward.pk, action="record_vote", **VOTE)
    assert n.status == "awaiting_signature"
    event = AuditEvent.objects.get(nomination=upward, action="record_vote")
    assert event.data["public_comments"] == [disclosure.comments.get().pk]


def test_comments_outside_the_window_are_refused(world, upward):
    from nominations import services

    d = PublicDisclosure.objects.create(
        nomination=upward,
        opens_on=upward.created_at.date() - timedelta(days=40),
        closes_on=upward.created_at.date() - timedelta(days=20),
        created_by=world.appraiser,
    )
    with pytest.raises(InvalidState):
        services.public_comment_add(disclosure=d, name="A", contact="", body="x")


def test_only_appraisers_or_the_agency_head_open_a_window(client, world, upward):
    client.force_login(world.clerk)
    client.post(reverse("nominations:disclosure_open", args=[upward.pk]))
    assert not PublicDisclosure.objects.exists()
