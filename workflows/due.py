"""Due dates of human tasks: opened with the task, closed when it ends.

The figures come from ``workflows.deadlines`` (SLA policy in working days on
the Vietnamese calendar); this module only binds them to viewflow tasks.
"""

from django.utils import timezone

from .deadlines import compute_due, escalation_at, reminder_at, sla_working_days
from .models import TaskDeadline


def open_deadline(*, task, nomination) -> TaskDeadline:
    """Store the due date of a task that has just been created."""
    stage = task.flow_task.name
    start = task.created or timezone.now()
    days = sla_working_days(stage=stage, route=nomination.route, award_type=nomination.award_type)
    due = compute_due(stage=stage, route=nomination.route, start=start, award_type=nomination.award_type)
    deadline, _created = TaskDeadline.objects.get_or_create(
        task=task,
        defaults={
            "nomination": nomination,
            "stage": stage,
            "working_days": days,
            "started_at": start,
            "due_at": due,
            "remind_at": reminder_at(due),
            "escalate_at": escalation_at(due),
        },
    )
    return deadline


def close_deadlines(*, task_ids) -> int:
    """Mark the deadlines of finished or cancelled tasks closed (idempotent)."""
    return TaskDeadline.objects.filter(task_id__in=list(task_ids), closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
