"""SLA policy and the due dates stored when a task opens."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from workflows import actions
from workflows.calendar import LOCAL
from workflows.deadlines import compute_due, escalation_at, reminder_at, sla_working_days
from workflows.models import DeadlineEvent, SlaPolicy, TaskDeadline
from workflows.sweep import sweep_deadlines

pytestmark = pytest.mark.django_db


def test_defaults_and_priority(world):
    assert sla_working_days(stage="cluster_review", route="annual") == 5
    assert sla_working_days(stage="appraisal", route="ad_hoc") == 3
    SlaPolicy.objects.filter(stage="appraisal", route="").update(working_days=12)
    assert sla_working_days(stage="appraisal", route="annual") == 12
    world.award.sla_overrides = {"appraisal": 7}
    assert sla_working_days(stage="appraisal", route="annual", award_type=world.award) == 7
    assert sla_working_days(stage="appraisal", route="ad_hoc", award_type=world.award) == 7


def test_reminder_and_escalation_moments():
    due = compute_due(stage="cluster_review", route="annual", start=datetime(2025, 1, 24, 10, tzinfo=LOCAL))
    assert due == datetime(2025, 2, 7, 17, tzinfo=LOCAL)
    assert reminder_at(due) == datetime(2025, 2, 5, 8, tzinfo=LOCAL)
    # Three working days after Friday 7/2: Saturday 8/2/2025 was worked (the Tết swap), then 10 and 11/2.
    assert escalation_at(due) == datetime(2025, 2, 11, 17, tzinfo=LOCAL)


def test_every_task_gets_its_due_date_and_it_closes_with_the_task(world, draft):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    review = TaskDeadline.objects.get(nomination=draft, stage="cluster_review")
    assert review.closed_at is None and review.working_days == 5
    assert review.due_at > timezone.now()
    actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster")
    review.refresh_from_db()
    assert review.closed_at is not None
    appraisal = TaskDeadline.objects.get(nomination=draft, stage="appraisal")
    assert appraisal.closed_at is None and appraisal.working_days == 10


def test_withdrawal_closes_the_open_deadline(world, draft):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="withdraw")
    assert not TaskDeadline.objects.filter(nomination=draft, closed_at__isnull=True).exists()


def test_time_travel_through_reminder_overdue_and_escalation(
    world, draft, django_capture_on_commit_callbacks
):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    deadline = TaskDeadline.objects.get(nomination=draft, closed_at__isnull=True)

    def at(moment):
        with django_capture_on_commit_callbacks(execute=True):
            return sweep_deadlines(now=moment)

    assert at(deadline.remind_at - timedelta(minutes=1)) == {"reminder": 0, "overdue": 0, "escalation": 0}
    assert at(deadline.remind_at + timedelta(minutes=1))["reminder"] == 1
    assert at(deadline.remind_at + timedelta(minutes=2))["reminder"] == 0
    assert at(deadline.due_at + timedelta(minutes=1))["overdue"] == 1
    assert at(deadline.due_at + timedelta(hours=5))["overdue"] == 0
    assert at(deadline.escalate_at + timedelta(minutes=1))["escalation"] == 1
    assert at(deadline.escalate_at + timedelta(days=30)) == {"reminder": 0, "overdue": 0, "escalation": 0}
    kinds = list(DeadlineEvent.objects.filter(deadline=deadline).values_list("kind", flat=True))
    assert sorted(kinds) == ["escalation", "overdue", "reminder"]


def test_the_nomination_page_shows_the_due_date_and_the_notices(
    client, world, draft, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    deadline = TaskDeadline.objects.get(nomination=draft, closed_at__isnull=True)
    client.force_login(world.reviewer)
    html = client.get(reverse("nominations:detail", args=[draft.pk])).content.decode()
    assert timezone.localtime(deadline.due_at).strftime("%d/%m/%Y") in html
    assert "quá hạn" not in html
    with django_capture_on_commit_callbacks(execute=True):
        sweep_deadlines(now=deadline.due_at + timedelta(minutes=5))
    TaskDeadline.objects.filter(pk=deadline.pk).update(due_at=timezone.now() - timedelta(hours=1))
    html = client.get(reverse("nominations:detail", args=[draft.pk])).content.decode()
    assert "quá hạn" in html
    assert "Quá hạn" in html and "cum_vhxh" in html  # the recorded notice and who was told
