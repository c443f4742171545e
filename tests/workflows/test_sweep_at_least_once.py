"""The sweep under at-least-once delivery (django-q2 may run it twice, or twice at once): every
reminder, overdue notice and escalation is recorded once and told once (PostgreSQL row locks)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.utils import timezone

from tests.conftest import attach_required
from tests.factories import NominationFactory
from workflows import actions, sweep
from workflows.models import DeadlineEvent, Notification, TaskDeadline

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
DOSSIERS = 12


@pytest.fixture
def due(world, monkeypatch):
    """Twelve open cluster reviews, each with a reminder, an overdue notice and an escalation due,
    told over pages of five (so that two sweeps interleave page by page)."""
    for user in (world.reviewer, world.reviewer2, world.head):
        user.email = f"{user.username}@tdkt.test"
        user.save()
    for i in range(DOSSIERS):
        n = NominationFactory(
            unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=f"Hạn {i}"
        )
        attach_required(n, world.clerk)
        actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    now = timezone.now()
    # The reminder is told only before the due moment: the first sweep runs then, the next after.
    TaskDeadline.objects.update(
        remind_at=now - timedelta(days=2),
        due_at=now + timedelta(hours=1),
        escalate_at=now + timedelta(days=2),
    )
    monkeypatch.setattr(sweep, "BATCH", 5)
    mail.outbox.clear()
    return now


def _together(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:  # noqa: BLE001 — the test reports what failed
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def _assert_told_once(kind, recipients):
    events = DeadlineEvent.objects.filter(kind=kind)
    assert events.count() == DOSSIERS
    assert events.values("deadline").distinct().count() == DOSSIERS
    rows = Notification.objects.filter(kind=f"deadline_{kind}")
    assert rows.count() == DOSSIERS * recipients
    assert rows.values("key").distinct().count() == rows.count()


def test_two_sweeps_at_once_then_again_record_and_tell_each_event_once(world, due):
    first = _together(lambda: sweep.sweep_deadlines(now=due), lambda: sweep.sweep_deadlines(now=due))
    assert not any(isinstance(o, Exception) for o in first), first
    # Between them the two sweeps told every reminder, and none twice.
    assert sum(o["reminder"] for o in first) == DOSSIERS
    _assert_told_once(DeadlineEvent.Kind.REMINDER, recipients=2)  # the block's two reviewers
    assert len(mail.outbox) == DOSSIERS * 2

    # A retried job later the same minute: nothing new.
    assert sweep.sweep_deadlines(now=due) == {"reminder": 0, "overdue": 0, "escalation": 0}

    # Three days on, two sweeps at once again: overdue and escalation, each once.
    later = due + timedelta(days=3)
    second = _together(lambda: sweep.sweep_deadlines(now=later), lambda: sweep.sweep_deadlines(now=later))
    assert not any(isinstance(o, Exception) for o in second), second
    assert sum(o["overdue"] for o in second) == DOSSIERS
    assert sum(o["escalation"] for o in second) == DOSSIERS
    _assert_told_once(DeadlineEvent.Kind.OVERDUE, recipients=3)  # reviewers and the agency head
    _assert_told_once(DeadlineEvent.Kind.ESCALATION, recipients=1)  # the agency head
    assert sweep.sweep_deadlines(now=later) == {"reminder": 0, "overdue": 0, "escalation": 0}
    sent = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(sent) == len(set(sent)) == DOSSIERS * (2 + 3 + 1)


def test_rows_held_by_another_sweep_are_skipped_not_told_twice(world, due):
    """A sweep that finds some deadlines locked (another worker is telling them) leaves them to it;
    once that worker is gone without telling them, the next sweep does."""
    held = list(TaskDeadline.objects.order_by("pk").values_list("pk", flat=True)[:4])
    locked, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                list(TaskDeadline.objects.select_for_update().filter(pk__in=held))
                locked.set()
                release.wait(60)
                raise RuntimeError("the other worker dies")  # rolls back: it told nothing
        except RuntimeError:
            pass
        finally:
            connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    assert locked.wait(30)
    try:
        counts = sweep.sweep_deadlines(now=due)
    finally:
        release.set()
        thread.join(60)
    assert counts["reminder"] == DOSSIERS - len(held)
    assert not DeadlineEvent.objects.filter(deadline_id__in=held).exists()

    assert sweep.sweep_deadlines(now=due)["reminder"] == len(held)
    _assert_told_once(DeadlineEvent.Kind.REMINDER, recipients=2)
