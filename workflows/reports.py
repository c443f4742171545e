"""Processing time per stage: the engine's deadlines (TaskDeadline) read for the reports.

Tasks opened in the period are grouped in SQL by (stage, opening day, closing day, on time);
working days are counted once per distinct pair of days with a cumulative calendar, and the
median and 90th percentile are taken over those weighted groups — never over rows in Python.
"""

import math
from bisect import bisect_left
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations.models import Comment, Nomination
from nominations.policy.stages import STAGE_BY_STATUS, STAGES
from nominations.reports import Period
from nominations.reports.facts import scoped

from .calendar import LOCAL, WorkingCalendar
from .models import TaskDeadline


class _WorkingDayIndex:
    """Working days between two dates in O(1): a running count over the span."""

    def __init__(self, first: date, last: date):
        calendar = WorkingCalendar()
        self.first = first
        self.running = [0]
        day = first
        while day < last:
            day += timedelta(days=1)
            self.running.append(self.running[-1] + (1 if calendar.is_working_day(day) else 0))

    def between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (as WorkingCalendar)."""
        return self.running[(end - self.first).days] - self.running[(start - self.first).days]


def _percentile(weighted: list[tuple[int, int]], share: float) -> float | None:
    """The nearest-rank percentile of values given as (value, count) pairs."""
    total = sum(n for _, n in weighted)
    if not total:
        return None
    weighted = sorted(weighted)
    rank = max(1, math.ceil(share * total))
    running = []
    acc = 0
    for _value, n in weighted:
        acc += n
        running.append(acc)
    return float(weighted[bisect_left(running, rank)][0])


def _median(weighted: list[tuple[int, int]]) -> float | None:
    total = sum(n for _, n in weighted)
    if not total:
        return None
    ordered = sorted(weighted)
    lower = _percentile(ordered, 0.5)
    if total % 2:
        return lower
    # An even count: the mean of the two middle values.
    acc = 0
    upper = None
    for value, n in ordered:
        acc += n
        if acc >= total // 2 + 1:
            upper = value
            break
    return (lower + upper) / 2


def processing_times(period: Period, user) -> dict:
    """Per stage: tasks opened in the period, median and p90 in working days, overdue share, returns."""
    start, end = period.bounds()
    now = timezone.now()
    tasks = scoped(TaskDeadline.objects.filter(started_at__gte=start, started_at__lt=end), user)
    groups = list(
        tasks.annotate(
            opened=TruncDate("started_at", tzinfo=LOCAL),
            closed=TruncDate("closed_at", tzinfo=LOCAL),
        )
        .values("stage", "opened", "closed")
        .annotate(
            n=Count("pk"),
            overdue=Count(
                "pk",
                filter=Q(closed_at__gt=F("due_at")) | Q(closed_at__isnull=True, due_at__lt=now),
            ),
        )
        .order_by()
    )
    days = [g["opened"] for g in groups] + [g["closed"] for g in groups if g["closed"]]
    index = _WorkingDayIndex(min(days), max(days)) if days else None
    per_stage: dict[str, dict] = {}
    for g in groups:
        s = per_stage.setdefault(g["stage"], {"count": 0, "open": 0, "overdue": 0, "durations": {}})
        s["count"] += g["n"]
        s["overdue"] += g["overdue"]
        if g["closed"] is None:
            s["open"] += g["n"]
        else:
            wd = max(0, index.between(g["opened"], g["closed"]))
            s["durations"][wd] = s["durations"].get(wd, 0) + g["n"]
    returns = dict(
        scoped(
            Comment.objects.filter(kind=Comment.Kind.RETURN, created_at__gte=start, created_at__lt=end), user
        )
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    stages = []
    for stage in STAGES:
        s = per_stage.get(stage.key)
        returned = sum(n for status, n in returns.items() if STAGE_BY_STATUS.get(status) is stage)
        if s is None and not returned:
            continue
        s = s or {"count": 0, "open": 0, "overdue": 0, "durations": {}}
        weighted = list(s["durations"].items())
        stages.append(
            {
                "stage": stage.key,
                "label": str(stage.label),
                "count": s["count"],
                "open": s["open"],
                "median_days": _median(weighted),
                "p90_days": _percentile(weighted, 0.9),
                "overdue": s["overdue"],
                "overdue_share": round(s["overdue"] / s["count"], 4) if s["count"] else None,
                "returns": returned,
            }
        )
    overdue_now = Q(closed_at__gt=F("due_at")) | Q(closed_at__isnull=True, due_at__lt=now)
    units = [
        {
            "unit": u["nomination__unit_id"],
            "label": u["nomination__unit__name"],
            "count": u["n"],
            "overdue": u["late"],
            "overdue_share": round(u["late"] / u["n"], 4) if u["n"] else None,
        }
        for u in tasks.values("nomination__unit_id", "nomination__unit__name")
        .annotate(n=Count("pk"), late=Count("pk", filter=overdue_now))
        .order_by("-late", "nomination__unit__name")
    ]
    dossiers = tasks.values("nomination").distinct().count()
    total_returns = sum(returns.values())
    return {
        "period": period.as_dict(),
        "stages": stages,
        "units": units,
        "dossiers": dossiers,
        "returns": total_returns,
        "returns_per_dossier": round(total_returns / dossiers, 3) if dossiers else None,
        "unit": _("ngày làm việc"),
    }


def monthly_throughput(period: Period, user) -> list[dict]:
    """Per month of the period: dossiers submitted and dossiers that reached a final status."""
    from django.db.models.functions import TruncMonth

    start, end = period.bounds()
    visible = scoped(Nomination.objects.all(), user, field="")
    submitted = dict(
        visible.filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(month=TruncMonth("submitted_at", tzinfo=LOCAL))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    finished = dict(
        visible.filter(
            status__in=Nomination.FINAL_STATUSES, status_changed_at__gte=start, status_changed_at__lt=end
        )
        .annotate(month=TruncMonth("status_changed_at", tzinfo=LOCAL))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    months = []
    day = period.start.replace(day=1)
    while day <= period.end:
        key = [k for k in (*submitted, *finished) if _month(k) == day]
        months.append(
            {
                "month": f"{day:%m/%Y}",
                "submitted": sum(submitted.get(k, 0) for k in set(key)),
                "finished": sum(finished.get(k, 0) for k in set(key)),
            }
        )
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _month(value) -> date:
    if hasattr(value, "date"):
        value = value.astimezone(LOCAL).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)
