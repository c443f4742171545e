"""Property: whatever random people try in whatever order, no dossier leaves the lifecycle, no status
changes without its audit event, the flow waits on the task of the dossier's stage, and the audit
chain verifies (issue 16).

Most steps are a move the dossier's stage offers to someone (as people mostly do what their screen
offers), the rest anything by anyone, so that the dossiers travel the whole way, to the leader's
signature and the award, and the invariants are checked at every stage, not only at the first.
"""

import contextlib
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nominations.audit import verify_chain
from nominations.exceptions import ActionError
from nominations.models import AuditEvent, BaseSalary, Nomination
from nominations.policy.stages import TRANSITIONS
from nominations.services import decision_create_draft
from tests.conftest import attach_required
from tests.factories import NominationFactory
from workflows import actions
from workflows.flows import TASK_FOR_STATUS

pytestmark = pytest.mark.django_db

S = Nomination.Status
LIFECYCLE = set(S.values)
PEOPLE = [
    "clerk",
    "clerk2",
    "reviewer",
    "reviewer2",
    "other_reviewer",
    "appraiser",
    "secretary",
    "leader",
    "head",
]
PARAMS = {
    "record_vote": {"votes_for": 20, "votes_against": 1, "members_present": 21, "members_total": 21},
    "return_for_changes": {"comment": "Bổ sung."},
    "reject": {"comment": "Không đạt."},
    "return_to_council": {"comment": "Xem lại."},
    "pass_appraisal": {"justification": "Đã đối chiếu."},
}
SIGN = "sign"  # the leader signs a decision for the dossier (not a door action: a decision's)
FORWARD = {"submit", "resubmit", "approve_cluster", "pass_appraisal", "record_vote", SIGN}
ANY_MOVE = [(who, action) for who in PEOPLE for action in (*TRANSITIONS, SIGN)]
DOSSIERS = 3


@pytest.fixture
def stages_reached(world, settings, tmp_path_factory):
    """How many steps brought a dossier to each stage, over every example of the run: every stage of
    the provincial path must be reached, or the property was checked at the first stages only."""
    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path_factory.getbasetemp() / "signing")
    world.leader.position = "Chủ tịch UBND tỉnh"
    world.leader.save()
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    counts = Counter()
    yield counts
    print("\nsteps:", counts.pop("steps"), "; arrivals at each stage:", dict(sorted(counts.items())))
    # Every stage of the provincial path (the unit's own and the upward ones are other tests').
    assert set(counts) == LIFECYCLE - {
        S.DRAFT,
        S.UNIT_VOTE,
        S.UNIT_SIGNATURE,
        S.AWAITING_PROPOSAL,
        S.FORWARDED,
    }


def offered(world, pk) -> list[tuple[str, str]]:
    """The moves the dossier's stage offers now: who may do what (the buttons people see)."""
    nomination = Nomination.objects.get(pk=pk)
    moves = [
        (who, action)
        for who in PEOPLE
        for action in actions.available_actions(getattr(world, who), nomination)
    ]
    if nomination.status == S.AWAITING_SIGNATURE:
        moves.append(("leader", SIGN))
    return moves


def make(world, who, action, pk):
    if action == SIGN:
        draft = decision_create_draft(actor=getattr(world, who), nomination_ids=[pk])
        actions.sign_decision(user=getattr(world, who), decision_id=draft.pk)
    else:
        actions.perform(user=getattr(world, who), nomination_id=pk, action=action, **PARAMS.get(action, {}))


def invariants_hold(pk, before, events_before) -> str:
    nomination = Nomination.objects.get(pk=pk)
    after = nomination.status
    assert after in LIFECYCLE
    if after != before:
        event = AuditEvent.objects.filter(nomination_id=pk).order_by("-id").first()
        assert AuditEvent.objects.filter(nomination_id=pk).count() > events_before
        assert (event.from_status, event.to_status) == (before, after)
    # The flow and the dossier agree: it waits on the task of the dossier's stage, or on none.
    task = actions.open_task(pk)
    if after in TASK_FOR_STATUS:
        assert task is not None and task.flow_task == TASK_FOR_STATUS[after], (after, task)
    else:
        assert task is None, (after, task)
    return after


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), length=st.integers(5, 40))
def test_random_actions_by_random_people_keep_the_lifecycle_and_the_audit(
    world, stages_reached, data, length
):
    dossiers = []
    for i in range(DOSSIERS):
        n = NominationFactory(
            unit=world.so_gd,
            # One dossier of the three for a title the Council votes on by its own rule.
            award_type=world.cstd if i == 2 else world.award,
            nominee_kind="individual",
            created_by=world.clerk,
            nominee_name=f"Ngẫu nhiên {i}",
        )
        attach_required(n, world.clerk)
        dossiers.append(n.pk)
    for _ in range(length):
        open_ones = list(
            Nomination.objects.filter(pk__in=dossiers)
            .exclude(status__in=Nomination.FINAL_STATUSES)
            .values_list("pk", flat=True)
        )
        # Mostly a dossier still under way (a closed one offers nothing), sometimes any.
        pool = open_ones if open_ones and data.draw(st.integers(0, 9), label="open") < 8 else dossiers
        pk = data.draw(st.sampled_from(sorted(pool)), label="dossier")
        moves = offered(world, pk)
        ahead = [m for m in moves if m[1] in FORWARD]
        # Mostly what the stage offers, more often the step ahead; sometimes anything by anyone.
        kind = data.draw(st.integers(0, 9), label="kind")
        choices = ahead if ahead and kind < 5 else moves if moves and kind < 8 else ANY_MOVE
        who, action = data.draw(st.sampled_from(choices), label="move")
        before = Nomination.objects.get(pk=pk).status
        events_before = AuditEvent.objects.filter(nomination_id=pk).count()
        with contextlib.suppress(ActionError):
            make(world, who, action, pk)
        after = invariants_hold(pk, before, events_before)
        stages_reached["steps"] += 1
        if after != before:
            stages_reached[after] += 1
    assert verify_chain().ok
