"""Property: whatever random people try in whatever order, no dossier leaves the lifecycle, no status
changes without its audit event, and the audit chain verifies (issue 16)."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nominations.audit import verify_chain
from nominations.exceptions import ActionError
from nominations.models import AuditEvent, Nomination
from nominations.policy.stages import TRANSITIONS
from tests.conftest import attach_required
from tests.factories import NominationFactory
from workflows import actions

pytestmark = pytest.mark.django_db

LIFECYCLE = set(Nomination.Status.values)
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
steps = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(PEOPLE), st.sampled_from(TRANSITIONS)),
    min_size=5,
    max_size=40,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_random_actions_by_random_people_keep_the_lifecycle_and_the_audit(world, steps):
    dossiers = []
    for i in range(3):
        n = NominationFactory(
            unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=f"Ngẫu nhiên {i}"
        )
        attach_required(n, world.clerk)
        dossiers.append(n.pk)
    for index, who, action in steps:
        pk = dossiers[index]
        before = Nomination.objects.get(pk=pk).status
        events_before = AuditEvent.objects.filter(nomination_id=pk).count()
        with contextlib.suppress(ActionError):
            actions.perform(
                user=getattr(world, who), nomination_id=pk, action=action, **PARAMS.get(action, {})
            )
        after = Nomination.objects.get(pk=pk).status
        assert after in LIFECYCLE
        if after != before:
            event = AuditEvent.objects.filter(nomination_id=pk).order_by("-id").first()
            assert AuditEvent.objects.filter(nomination_id=pk).count() > events_before
            assert (event.from_status, event.to_status) == (before, after)
    assert verify_chain().ok
