"""Due dates of human tasks: SLA in working days, opened with the task, closed when it ends.

How many working days a stage gets: the award type's override, then the
admin's SLA policy for (stage, route) or (stage, any route), then the stage
table's default. Reminders two working days before, escalation three after.
"""

from datetime import datetime

from django.utils import timezone

from nominations.models import Route
from nominations.policy.stages import STAGE_BY_KEY

from .calendar import LOCAL, WorkingCalendar
from .models import SlaPolicy, TaskDeadline

REMIND_BEFORE = 2  # working days
ESCALATE_AFTER = 3  # working days


def sla_working_days(*, stage: str, route: str, award_type=None) -> int:
    """award_type.sla_overrides, then the policy for (stage, route), then (stage, any route), then the default."""
    override = (getattr(award_type, "sla_overrides", None) or {}).get(stage)
    if isinstance(override, int) and override > 0:
        return override
    rows = dict(
        SlaPolicy.objects.filter(stage=stage, route__in=[route, ""]).values_list("route", "working_days")
    )
    if route in rows:
        return rows[route]
    if "" in rows:
        return rows[""]
    spec = STAGE_BY_KEY[stage]
    if route == Route.AD_HOC and spec.sla_days_ad_hoc:
        return spec.sla_days_ad_hoc
    return spec.sla_days


def compute_due(*, stage: str, route: str, start: datetime, award_type=None, calendar=None) -> datetime:
    """17:00 local time on the n-th working day after the task opened."""
    calendar = calendar or WorkingCalendar()
    days = sla_working_days(stage=stage, route=route, award_type=award_type)
    return calendar.due_at(start, days)


def reminder_at(due: datetime, calendar=None) -> datetime:
    """08:00 on the working day two working days before the due date."""
    calendar = calendar or WorkingCalendar()
    day = calendar.add_working_days(due.astimezone(LOCAL).date(), -REMIND_BEFORE)
    return calendar.morning_of(day)


def escalation_at(due: datetime, calendar=None) -> datetime:
    """17:00 on the third working day after the due date."""
    calendar = calendar or WorkingCalendar()
    return calendar.due_at(due, ESCALATE_AFTER)


def open_deadline(*, task, nomination) -> TaskDeadline:
    """Store the due date of a task that has just been created (one calendar for all three moments)."""
    stage = task.flow_task.name
    start = task.created or timezone.now()
    calendar = WorkingCalendar()
    days = sla_working_days(stage=stage, route=nomination.route, award_type=nomination.award_type)
    due = calendar.due_at(start, days)
    deadline, _created = TaskDeadline.objects.get_or_create(
        task=task,
        defaults={
            "nomination": nomination,
            "stage": stage,
            "working_days": days,
            "started_at": start,
            "due_at": due,
            "remind_at": reminder_at(due, calendar),
            "escalate_at": escalation_at(due, calendar),
        },
    )
    return deadline


def close_deadlines(*, task_ids) -> int:
    """Mark the deadlines of finished or cancelled tasks closed (idempotent)."""
    return TaskDeadline.objects.filter(task_id__in=list(task_ids), closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
