"""A dossier's route is fixed when it is submitted: a catalog edit afterwards changes new dossiers only.

The path (unit, province, upward) and whether the Council votes both come from the authority in
force at submission; the appraisal and the vote read what the dossier stored, not today's catalog.
"""

import importlib

import pytest
from django.apps import apps

from nominations.models import AuditEvent, AwardAuthority, Nomination
from nominations.policy.paths import AUTHORITIES
from tests.conftest import attach_required
from tests.factories import NominationFactory
from workflows import actions
from workflows.progress import path_keys

A = AwardAuthority
S = Nomination.Status
VOTE_OK = {"votes_for": 20, "votes_against": 1, "members_present": 21, "members_total": 25}


def act(user, nomination, action, **params):
    return actions.perform(user=user, nomination_id=nomination.pk, action=action, **params)


def edit_catalog(award_type, **fields):
    """The admin records a new authority for the award, in force at once."""
    A.objects.create(award_type=award_type, **fields)
    AUTHORITIES.forget()


def new_draft(world):
    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    attach_required(n, world.clerk)
    return n


def to_appraisal(world, nomination):
    act(world.clerk, nomination, "submit")
    return act(world.reviewer, nomination, "approve_cluster")


def test_a_dossier_submitted_under_a_vote_keeps_the_vote_when_the_catalog_drops_it(world, draft):
    n = act(world.clerk, draft, "submit")
    assert (n.path, n.vote_required) == ("province", True)
    edit_catalog(
        world.award, decider=A.Decider.PROVINCE_CHAIRMAN, council=A.Council.NONE, vote_required=False
    )
    act(world.reviewer, n, "approve_cluster")
    n = act(world.appraiser, n, "pass_appraisal", checklist={"documents": True})
    assert n.status == S.COUNCIL_VOTE
    assert "council_vote" in path_keys(n)
    # A dossier submitted after the edit takes the new route: no vote, straight to the Chairman.
    later = to_appraisal(world, new_draft(world))
    assert later.vote_required is False
    assert "council_vote" not in path_keys(later)
    assert act(world.appraiser, later, "pass_appraisal", checklist={"documents": True}).status == (
        S.AWAITING_SIGNATURE
    )


def test_a_dossier_submitted_without_a_vote_is_not_sent_to_one_the_catalog_adds_later(world, draft):
    edit_catalog(
        world.award, decider=A.Decider.PROVINCE_CHAIRMAN, council=A.Council.NONE, vote_required=False
    )
    n = to_appraisal(world, draft)
    assert n.vote_required is False
    edit_catalog(
        world.award, decider=A.Decider.PROVINCE_CHAIRMAN, council=A.Council.PROVINCE, vote_required=True
    )
    assert "council_vote" not in path_keys(n)
    assert act(world.appraiser, n, "pass_appraisal", checklist={"documents": True}).status == (
        S.AWAITING_SIGNATURE
    )


def test_a_provincial_dossier_stays_provincial_when_the_award_is_moved_upward(world, draft):
    n = to_appraisal(world, draft)
    edit_catalog(
        world.award, decider=A.Decider.PRIME_MINISTER, council=A.Council.PROVINCE, vote_required=True
    )
    act(world.appraiser, n, "pass_appraisal", checklist={"documents": True})
    n = act(world.secretary, n, "record_vote", **VOTE_OK)
    assert n.status == S.AWAITING_SIGNATURE
    assert path_keys(n)[-1] == "signature"


@pytest.mark.django_db
def test_the_migration_fills_the_vote_of_dossiers_in_flight_from_their_history(world):
    """Voted: kept; passed straight to the signature: no vote; not yet appraised: today's catalog."""
    migration = importlib.import_module("nominations.migrations.0021_lifecycle_route_fixed_at_submission")
    voted = to_appraisal(world, new_draft(world))
    act(world.appraiser, voted, "pass_appraisal", checklist={"documents": True})
    waiting = to_appraisal(world, new_draft(world))
    edit_catalog(
        world.award, decider=A.Decider.PROVINCE_CHAIRMAN, council=A.Council.NONE, vote_required=False
    )
    skipped = to_appraisal(world, new_draft(world))
    act(world.appraiser, skipped, "pass_appraisal", checklist={"documents": True})
    assert AuditEvent.objects.filter(nomination=skipped, to_status=S.AWAITING_SIGNATURE).exists()
    # Rows as they were before the column existed: every one at the column's default.
    Nomination.objects.update(vote_required=True)
    skipped_before = Nomination.objects.get(pk=skipped.pk).vote_required
    migration.backfill(apps, None)
    after = dict(Nomination.objects.values_list("pk", "vote_required"))
    assert skipped_before is True
    assert after[voted.pk] is True  # it waited for the vote
    assert after[skipped.pk] is False  # its appraisal went straight to the Chairman
    assert after[waiting.pk] is False  # not yet appraised: the catalog in force now says no vote
