"""Due dates of human tasks: SLA in working days, opened with the task, closed when it ends.

How many working days a stage gets: the award type's override, then the
admin's SLA policy for (stage, route) or (stage, any route), then the stage
table's default. Reminders two working days before, escalation three after.
"""

from datetime import datetime
from time import monotonic

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from nominations.models import IssuanceTimeLimit, Nomination, Route
from nominations.policy.requests import REQUEST_STAGE_BY_KEY, request_stage
from nominations.policy.stages import STAGE_BY_KEY

from .calendar import END_OF_DAY, LOCAL, WorkingCalendar, cache_seconds
from .models import RequestDeadline, SlaPolicy, TaskDeadline
from .progress import urgency, working_days_left

REMIND_BEFORE = 2  # working days
ESCALATE_AFTER = 3  # working days


def sla_working_days(*, stage: str, route: str, award_type=None) -> int:
    """award_type.sla_overrides, then the policy for (stage, route), then (stage, any route), then the default."""
    override = (getattr(award_type, "sla_overrides", None) or {}).get(stage)
    if isinstance(override, int) and override > 0:
        return override
    policies = _policies()
    if (stage, route) in policies:
        return policies[(stage, route)]
    if (stage, "") in policies:
        return policies[(stage, "")]
    spec = STAGE_BY_KEY[stage]
    if route == Route.AD_HOC and spec.sla_days_ad_hoc:
        return spec.sla_days_ad_hoc
    return spec.sla_days


# The SLA table (a few dozen rows), shared by this process: read once per REFERENCE_CACHE_SECONDS,
# dropped at once on a local edit (signals in apps.py).
_policy_cache: list = []


def _policies() -> dict[tuple[str, str], int]:
    now = monotonic()
    if not _policy_cache or now - _policy_cache[0][0] >= cache_seconds():
        rows = {(s, r): d for s, r, d in SlaPolicy.objects.values_list("stage", "route", "working_days")}
        _policy_cache[:] = [(now, rows)]
    return _policy_cache[0][1]


def forget_policies(**kwargs) -> None:
    _policy_cache.clear()


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
    deadline = TaskDeadline(
        task=task,
        nomination=nomination,
        unit_id=nomination.unit_id,
        stage=stage,
        working_days=days,
        started_at=start,
        due_at=due,
        remind_at=reminder_at(due, calendar),
        escalate_at=escalation_at(due, calendar),
    )
    # One INSERT … ON CONFLICT DO NOTHING: a task's deadline is written once (idempotent).
    TaskDeadline.objects.bulk_create([deadline], ignore_conflicts=True)
    return deadline


def follow_moved_nominations(sender=None, *, nomination_ids, **kwargs) -> int:
    """A merger or split moved these nominations: their open deadlines take the new unit."""
    unit = Nomination.objects.filter(pk=OuterRef("nomination_id")).values("unit_id")
    return TaskDeadline.objects.filter(nomination_id__in=list(nomination_ids), closed_at__isnull=True).update(
        unit_id=Subquery(unit)
    )


def close_deadlines(*, task_ids) -> int:
    """Mark the deadlines of finished or cancelled tasks closed (idempotent)."""
    return TaskDeadline.objects.filter(task_id__in=list(task_ids), closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


# --- what a movement asks of a unit (same calendar, same three moments) ---------------------------


def request_working_days(stage_key: str) -> int | None:
    """The SLA table's days for a request's wait, else its table's default (None: its own date)."""
    policies = _policies()
    if (stage_key, "") in policies:
        return policies[(stage_key, "")]
    return REQUEST_STAGE_BY_KEY[stage_key].sla_days


def open_request_deadlines(*, requests, start: datetime | None = None) -> int:
    """A deadline for each request's current wait: a unit's plan or report by the date it was
    given (17:00 that day, or the next working day), the Standing agency's answer and a returned
    request's correction in working days from now. One calendar, one INSERT for all of them."""
    start = start or timezone.now()
    calendar = WorkingCalendar()
    moments = {}
    rows = []
    for request in requests:
        stage = request_stage(kind=request.kind, status=request.status)
        if stage is None:
            continue
        days = request_working_days(stage.key)
        key = (stage.key, request.due_date if days is None else None)
        if key not in moments:
            if days is None:
                due = datetime.combine(
                    calendar.add_working_days(request.due_date, 0), END_OF_DAY, tzinfo=LOCAL
                )
            else:
                due = calendar.due_at(start, days)
            moments[key] = (days, due, reminder_at(due, calendar), escalation_at(due, calendar))
        days, due, remind, escalate = moments[key]
        rows.append(
            RequestDeadline(
                request_id=request.pk,
                unit_id=request.unit_id,
                stage=stage.key,
                working_days=days,
                started_at=start,
                due_at=due,
                remind_at=min(remind, due),
                escalate_at=escalate,
            )
        )
    RequestDeadline.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def close_request_deadlines(*, request_ids) -> int:
    """The waits of these requests are over (sent, answered): their open deadlines close."""
    return RequestDeadline.objects.filter(request_id__in=list(request_ids), closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


ISSUANCE_DUE_FILTERS = ("overdue", "today", "soon")


def issuance_dues(documents, *, today=None, calendar=None) -> list:
    """The văn thư's documents with their time limit: ``due_at`` (17:00 on the n-th working day
    after the day of signing, n as the ``IssuanceTimeLimit`` row in force on that day says; None
    when no row covers it), ``days_left`` (working days, negative once overdue) and ``urgency``."""
    calendar = calendar or WorkingCalendar()
    rows = IssuanceTimeLimit.rows()
    out = []
    for document in documents:
        signed = document.signed_at
        limit = IssuanceTimeLimit.in_force(rows, timezone.localdate(signed)) if signed else None
        document.due_at = calendar.due_at(signed, limit.working_days) if limit else None
        document.issue_limit = limit
        document.days_left = working_days_left(document.due_at, today=today, calendar=calendar)
        document.urgency = urgency(document.days_left)
        document.days_overdue = -document.days_left if document.days_left and document.days_left < 0 else 0
        out.append(document)
    return out


def issuance_narrowed(documents: list, *, due: str = "", sort: str = "") -> list:
    """Of ``issuance_dues``' documents, those overdue, due today or due within two working days
    (overdue excluded); sorted by due date (no limit last) when ``sort == "due"``."""
    if due == "overdue":
        documents = [d for d in documents if d.urgency == "overdue"]
    elif due == "today":
        documents = [d for d in documents if d.days_left == 0]
    elif due == "soon":
        documents = [d for d in documents if d.urgency == "soon"]
    if sort == "due":
        documents = sorted(documents, key=lambda d: (d.due_at is None, d.due_at or d.signed_at, d.pk))
    return documents
