"""A closed window refuses late submissions unless the agency head extends it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nominations import services
from nominations.exceptions import InvalidInput, InvalidState, NotPermitted
from nominations.models import AuditEvent, Nomination
from workflows import actions

TODAY = timezone.localdate()


def submit(world, draft):
    return actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")


def test_an_open_window_accepts(world, draft):
    world.award.submission_closes = TODAY
    world.award.save()
    assert submit(world, draft).status == Nomination.Status.CLUSTER_REVIEW


def test_a_closed_award_window_refuses_with_the_date(world, draft):
    world.award.submission_closes = TODAY - timedelta(days=1)
    world.award.save()
    with pytest.raises(InvalidState) as err:
        submit(world, draft)
    assert (TODAY - timedelta(days=1)).strftime("%d/%m/%Y") in str(err.value.message)
    draft.refresh_from_db()
    assert draft.status == Nomination.Status.DRAFT


def test_a_closed_movement_window_refuses(world, draft):
    from tests.factories import MovementFactory

    movement = MovementFactory(submission_closes=TODAY - timedelta(days=3))
    draft.movement = movement
    draft.save()
    with pytest.raises(InvalidState):
        submit(world, draft)


def test_an_extension_reopens_the_window_for_that_unit_only(world, draft):
    world.award.submission_closes = TODAY - timedelta(days=1)
    world.award.save()
    services.submission_extension_grant(
        actor=world.head,
        unit=world.so_gd,
        award_type=world.award,
        until=TODAY + timedelta(days=5),
        reason="Đơn vị bị ảnh hưởng bão số 3",
    )
    assert submit(world, draft).status == Nomination.Status.CLUSTER_REVIEW
    event = AuditEvent.objects.get(action="extension_grant")
    assert event.actor == world.head and "bão số 3" in event.comment

    from tests.conftest import attach_required
    from tests.factories import NominationFactory

    other = NominationFactory(unit=world.so_yte, award_type=world.award, created_by=world.clerk2)
    attach_required(other, world.clerk2)
    with pytest.raises(InvalidState):
        actions.perform(user=world.clerk2, nomination_id=other.pk, action="submit")


def test_only_the_agency_head_extends_and_a_reason_is_required(world):
    with pytest.raises(NotPermitted):
        services.submission_extension_grant(
            actor=world.appraiser, unit=world.so_gd, award_type=world.award, until=TODAY, reason="x"
        )
    with pytest.raises(InvalidInput):
        services.submission_extension_grant(
            actor=world.head, unit=world.so_gd, award_type=world.award, until=TODAY, reason=" "
        )


def test_the_extension_screen_is_for_the_agency_head(client, world):
    from django.urls import reverse

    client.force_login(world.clerk)
    assert client.get(reverse("nominations:extensions")).status_code == 403
    client.force_login(world.head)
    response = client.post(
        reverse("nominations:extensions"),
        {
            "unit": world.so_gd.pk,
            "award_type": world.award.pk,
            "until": (TODAY + timedelta(days=3)).strftime("%d/%m/%Y"),
            "reason": "Bổ sung hồ sơ do thay đổi tổ chức",
        },
    )
    assert response.status_code == 302
    assert (
        "Bổ sung hồ sơ do thay đổi tổ chức" in client.get(reverse("nominations:extensions")).content.decode()
    )
