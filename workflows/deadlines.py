"""SLA policy: how many working days each stage gets, and the moments that follow."""

from datetime import datetime

from .calendar import LOCAL, WorkingCalendar

# domain/award-catalog.md, "Processing times"; the SlaPolicy table overrides.
DEFAULT_SLA = {
    "cluster_review": 5,
    "appraisal": 10,
    "council_vote": 10,
    "signature": 5,
    "revise": 10,
}
DEFAULT_SLA_AD_HOC = {"appraisal": 3, "council_vote": 3, "signature": 2}
REMIND_BEFORE = 2  # working days
ESCALATE_AFTER = 3  # working days


def sla_working_days(*, stage: str, route: str, award_type=None) -> int:
    """award_type.sla_overrides, then the policy for (stage, route), then (stage, any route), then the default."""
    from .models import SlaPolicy

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
    if route == "ad_hoc" and stage in DEFAULT_SLA_AD_HOC:
        return DEFAULT_SLA_AD_HOC[stage]
    return DEFAULT_SLA[stage]


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
