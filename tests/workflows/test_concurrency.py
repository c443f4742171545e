"""Two people acting on the same task at once: exactly one wins (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from nominations.exceptions import ActionError, DossierChanged
from nominations.models import AuditEvent, Nomination
from workflows import actions

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def race(*calls):
    """Run the calls in threads released together; return each outcome."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except ActionError as exc:
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_two_reviewers_approving_at_once_make_exactly_one_transition(world, draft):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")

    outcomes = race(
        lambda: actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster"),
        lambda: actions.perform(user=world.reviewer2, nomination_id=draft.pk, action="approve_cluster"),
    )

    winners = [o for o in outcomes if isinstance(o, Nomination)]
    losers = [o for o in outcomes if isinstance(o, DossierChanged)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "người khác thay đổi" in str(losers[0].message)
    draft.refresh_from_db()
    assert draft.status == Nomination.Status.COUNCIL_REVIEW
    assert AuditEvent.objects.filter(nomination=draft, action="approve_cluster").count() == 1
    assert actions.open_task(draft.pk).flow_task.name == "appraisal"


def test_approve_and_return_at_once_leave_one_consistent_outcome(world, draft):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")

    outcomes = race(
        lambda: actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster"),
        lambda: actions.perform(
            user=world.reviewer2, nomination_id=draft.pk, action="return_for_changes", comment="Thiếu"
        ),
    )

    assert sum(isinstance(o, Nomination) for o in outcomes) == 1, outcomes
    draft.refresh_from_db()
    expected_task = {"council_review": "appraisal", "returned": "revise"}[draft.status]
    assert actions.open_task(draft.pk).flow_task.name == expected_task
    assert AuditEvent.objects.filter(nomination=draft).exclude(action="document_add").count() == 2


def test_audit_chain_stays_whole_under_concurrent_actions_on_different_dossiers(world, draft):
    from nominations.audit import verify_chain
    from tests.conftest import attach_required
    from tests.factories import NominationFactory

    other = NominationFactory(unit=world.so_yte, award_type=world.award, created_by=world.clerk2)
    attach_required(other, world.clerk2)
    race(
        lambda: actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit"),
        lambda: actions.perform(user=world.clerk2, nomination_id=other.pk, action="submit"),
    )
    assert verify_chain().ok


def test_two_sweeps_at_once_notify_each_event_once(world, draft):
    from datetime import timedelta

    from django.utils import timezone

    from workflows.models import DeadlineEvent, Notification, TaskDeadline
    from workflows.sweep import sweep_deadlines

    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    task = actions.open_task(draft.pk)
    now = timezone.now()
    TaskDeadline.objects.update_or_create(
        task=task,
        defaults={
            "nomination": draft,
            "stage": "cluster_review",
            "working_days": 5,
            "started_at": now - timedelta(days=10),
            "remind_at": now - timedelta(days=9),
            "due_at": now - timedelta(days=7),
            "escalate_at": now - timedelta(days=4),
        },
    )
    # The submission itself told the reviewers that work arrived; only the sweeps' notices count here.
    before = Notification.objects.count()
    outcomes = race(lambda: sweep_deadlines(now=now), lambda: sweep_deadlines(now=now))
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert DeadlineEvent.objects.filter(kind="overdue").count() == 1
    assert DeadlineEvent.objects.filter(kind="escalation").count() == 1
    # reviewers x2 + agency head for overdue, agency head for escalation
    assert Notification.objects.count() - before == 4


def test_a_deadline_firing_while_the_reviewer_completes_the_task_ends_cleanly(world, draft):
    """The sweep and the door on the same task at once: both finish, the dossier moves once, and
    the overdue notice is recorded at most once."""
    from datetime import timedelta

    from django.utils import timezone

    from workflows.models import DeadlineEvent, TaskDeadline
    from workflows.sweep import sweep_deadlines

    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    now = timezone.now()
    TaskDeadline.objects.filter(nomination=draft, closed_at__isnull=True).update(
        due_at=now - timedelta(days=1), remind_at=now - timedelta(days=3), escalate_at=now + timedelta(days=3)
    )
    outcomes = race(
        lambda: sweep_deadlines(now=now),
        lambda: actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster"),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    draft.refresh_from_db()
    assert draft.status == Nomination.Status.COUNCIL_REVIEW
    assert DeadlineEvent.objects.filter(nomination=draft, kind="overdue").count() <= 1
    assert actions.open_task(draft.pk).flow_task.name == "appraisal"
