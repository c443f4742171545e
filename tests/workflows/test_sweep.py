"""Reminders, overdue notices and escalations: each once, to the right people."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nominations.models import Role, User
from tests.factories import UserFactory
from workflows import actions
from workflows.models import DeadlineEvent, Notification, TaskDeadline
from workflows.notify import send_digests
from workflows.sweep import sweep_deadlines

Kind = DeadlineEvent.Kind
T0 = timezone.now()


@pytest.fixture
def task_deadline(world, draft):
    """A cluster review task due in 3 days (its row replaced so the test sets the clock)."""
    for user in (world.reviewer, world.reviewer2, world.head, world.leader):
        user.email = f"{user.username}@tdkt.test"
        user.save()
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    task = actions.open_task(draft.pk)
    TaskDeadline.objects.filter(task=task).delete()
    return TaskDeadline.objects.create(
        task=task,
        nomination=draft,
        stage="cluster_review",
        working_days=5,
        started_at=T0,
        remind_at=T0 + timedelta(days=1),
        due_at=T0 + timedelta(days=3),
        escalate_at=T0 + timedelta(days=6),
    )


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    def run(**kwargs):
        # E-mails are queued on commit, as in production.
        with django_capture_on_commit_callbacks(execute=True):
            return sweep_deadlines(**kwargs)

    return run


def notified(kind):
    return sorted(
        Notification.objects.filter(kind=f"deadline_{kind}").values_list("recipient__username", flat=True)
    )


def test_nothing_happens_before_the_reminder(task_deadline, sweep):
    assert sweep(now=T0) == {"reminder": 0, "overdue": 0, "escalation": 0}
    assert Notification.objects.count() == 0


def test_time_travel_reminder_overdue_escalation_each_once(world, task_deadline, sweep):
    # Day 1: the reviewers of the block are reminded, and only them.
    assert sweep(now=T0 + timedelta(days=1, hours=1))["reminder"] == 1
    assert notified("reminder") == ["cum_vhxh", "cum_vhxh_2"]
    assert len(mail.outbox) == 2
    assert "Sắp đến hạn" in mail.outbox[0].subject

    # The sweep runs again the same minute, and the next: nothing new.
    assert sweep(now=T0 + timedelta(days=1, hours=1))["reminder"] == 0
    assert sweep(now=T0 + timedelta(days=2)) == {"reminder": 0, "overdue": 0, "escalation": 0}

    # Day 3: overdue, to the reviewers and the agency head.
    assert sweep(now=T0 + timedelta(days=3, minutes=1))["overdue"] == 1
    assert notified("overdue") == ["cum_vhxh", "cum_vhxh_2", "truongban"]

    # Day 6: escalation to the agency head.
    counts = sweep(now=T0 + timedelta(days=6, minutes=1))
    assert counts == {"reminder": 0, "overdue": 0, "escalation": 1}
    assert notified("escalation") == ["truongban"]
    assert sweep(now=T0 + timedelta(days=9))["escalation"] == 0

    events = DeadlineEvent.objects.filter(deadline=task_deadline).order_by("created_at")
    assert [e.kind for e in events] == [Kind.REMINDER, Kind.OVERDUE, Kind.ESCALATION]
    assert events[0].recipients == ["cum_vhxh", "cum_vhxh_2"]


def test_a_claimed_task_reminds_only_its_owner(world, task_deadline, sweep):
    actions.claim(user=world.reviewer2, task_id=task_deadline.task_id)
    sweep(now=T0 + timedelta(days=1, hours=1))
    assert notified("reminder") == ["cum_vhxh_2"]


def test_a_sweep_that_starts_late_sends_no_stale_reminder(task_deadline, sweep):
    counts = sweep(now=T0 + timedelta(days=4))
    assert counts == {"reminder": 0, "overdue": 1, "escalation": 0}


def test_a_completed_task_is_left_alone(world, task_deadline, sweep):
    actions.perform(user=world.reviewer, nomination_id=task_deadline.nomination_id, action="approve_cluster")
    task_deadline.closed_at = timezone.now()
    task_deadline.save()
    counts = sweep(now=T0 + timedelta(days=10))
    assert counts["overdue"] == 0 and counts["escalation"] == 0


def test_signature_escalations_also_reach_the_leaders(world, task_deadline, sweep):
    task_deadline.stage = "signature"
    task_deadline.save()
    sweep(now=T0 + timedelta(days=7))
    assert "chutich" in notified("escalation")


def test_digest_users_get_one_mail_a_day(world, task_deadline, sweep):
    world.reviewer.notification_mode = User.NotificationMode.DIGEST
    world.reviewer.save()
    sweep(now=T0 + timedelta(days=1, hours=1))
    assert [m.to for m in mail.outbox] == [["cum_vhxh_2@tdkt.test"]]
    sweep(now=T0 + timedelta(days=3, hours=1))
    mail.outbox.clear()
    assert send_digests() == 1
    assert mail.outbox[0].to == ["cum_vhxh@tdkt.test"]
    assert "Sắp đến hạn" in mail.outbox[0].body and "Quá hạn" in mail.outbox[0].body
    assert send_digests() == 0


def test_users_without_email_still_see_the_notification_in_app(world, task_deadline, sweep):
    nobody = UserFactory(username="no_mail", email="", roles=[Role.AGENCY_HEAD])
    sweep(now=T0 + timedelta(days=3, hours=1))
    row = Notification.objects.get(recipient=nobody)
    assert row.email_status == Notification.EmailStatus.SKIPPED
    assert row.read_at is None


def test_the_sweep_walks_past_one_page_of_candidates(world, task_deadline, sweep, monkeypatch):
    from workflows import sweep as sweep_module

    monkeypatch.setattr(sweep_module, "BATCH", 1)
    second = TaskDeadline.objects.create(
        task=task_deadline.task.__class__.objects.create(
            process=task_deadline.task.process, flow_task=task_deadline.task.flow_task, status="NEW"
        ),
        nomination=task_deadline.nomination,
        stage="appraisal",
        working_days=10,
        started_at=T0,
        remind_at=T0,
        due_at=T0 + timedelta(hours=1),
        escalate_at=T0 + timedelta(days=9),
    )
    counts = sweep(now=T0 + timedelta(days=4))
    assert counts["overdue"] == 2
    assert DeadlineEvent.objects.filter(deadline=second, kind="overdue").exists()
