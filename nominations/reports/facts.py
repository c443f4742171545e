"""The facts every report counts, as querysets (aggregated in SQL by the callers).

- a **nomination** of the period: submitted within it;
- an **award** of the period: a line of a signed decision (province or unit register) dated within
  it, or a line of a proposal that the central level awarded, decided within it;
- an **award of the history**: an ``AwardRecord`` imported into the system, with no decision or
  dossier of this system behind it (the years before it was used), dated within the period; one
  without its decision's date belongs to the reporting year of its ``year`` (dated 30/11).

Scope is the selectors' (a unit its own, a reviewer their clusters', province roles everything that
left its unit). Province-wide users skip the filter: nothing counted here is ever a draft, so the
result is the same and the 1M-row queries stay one scan.
"""

from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Case, DateField, F, Q, QuerySet, When
from django.db.models.functions import Coalesce, TruncDate

from ..models import AwardRecord, ClusterMembership, Decision, DecisionLine, Nomination, Role
from ..policy.permissions import sees_province
from ..selectors import nominations_visible_to
from .period import Period


def scoped(qs: QuerySet, user, field: str = "nomination") -> QuerySet:
    if user is None or sees_province(user):
        return qs
    visible = nominations_visible_to(user).values("pk")
    return qs.filter(**{f"{field}__in": visible}) if field else qs.filter(pk__in=visible)


def nominations_in(period: Period, user) -> QuerySet[Nomination]:
    """Nominations submitted in the period that ``user`` may see (``user=None``: everything)."""
    start, end = period.bounds()
    qs = Nomination.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    return scoped(qs, user, field="")


def decided_lines(period: Period, user) -> QuerySet[DecisionLine]:
    """Awards decided in the province or in a unit (signed decisions) within the period."""
    qs = DecisionLine.objects.filter(
        decision__kind=Decision.Kind.DECISION,
        decision__status=Decision.Status.SIGNED,
        decision__decision_date__range=(period.start, period.end),
    )
    return scoped(qs, user)


def central_lines(period: Period, user) -> QuerySet[DecisionLine]:
    """State-level awards: proposal lines the central level awarded within the period."""
    start, end = period.bounds()
    qs = DecisionLine.objects.filter(
        decision__kind=Decision.Kind.PROPOSAL, result=DecisionLine.Result.AWARDED
    ).filter(
        Q(result_decision_date__range=(period.start, period.end))
        | Q(result_decision_date__isnull=True, result_recorded_at__gte=start, result_recorded_at__lt=end)
    )
    return scoped(qs, user)


def award_lines(period: Period, user) -> QuerySet[DecisionLine]:
    """Every award of the period, whoever decided it."""
    return decided_lines(period, user) | central_lines(period, user)


# The day an award line was decided: the decision's date, or for a central result the date of the
# central decision (the day it was recorded when that date is unknown).
AWARDED_ON = Case(
    When(decision__kind=Decision.Kind.DECISION, then=F("decision__decision_date")),
    default=Coalesce(F("result_decision_date"), TruncDate("result_recorded_at")),
    output_field=DateField(),
)


def award_lines_any(periods: list[Period], user) -> QuerySet[DecisionLine]:
    """Awards of any of ``periods`` (one scan for a period and the same period a year earlier)."""
    return reduce(or_, (award_lines(p, user) for p in periods)).annotate(awarded_on=AWARDED_ON)


def nominations_any(periods: list[Period], user) -> QuerySet[Nomination]:
    condition = Q()
    for period in periods:
        start, end = period.bounds()
        condition |= Q(submitted_at__gte=start, submitted_at__lt=end)
    return scoped(Nomination.objects.filter(condition), user, field="")


def submitted_in(period: Period) -> Q:
    start, end = period.bounds()
    return Q(submitted_at__gte=start, submitted_at__lt=end)


def _years_ending_in(period: Period) -> list[int]:
    """The years whose reporting year ends (30/11) within the period: an undated record's day."""
    return [
        y
        for y in range(period.start.year, period.end.year + 1)
        if period.start <= date(y, 11, 30) <= period.end
    ]


def history_records(period: Period, user) -> QuerySet[AwardRecord]:
    """Imported award history dated in the period (no decision, no dossier of this system)."""
    qs = AwardRecord.objects.filter(decision__isnull=True, nomination__isnull=True, revoked=False).filter(
        Q(decision_date__range=(period.start, period.end))
        | Q(decision_date__isnull=True, year__in=_years_ending_in(period))
    )
    if user is None or sees_province(user) or user.is_superuser:
        return qs
    scope = Q(pk__in=[])
    if (user.has_role(Role.UNIT_CLERK) or user.has_role(Role.UNIT_HEAD)) and user.unit_id:
        scope |= Q(unit_id=user.unit_id)
    if user.has_role(Role.CLUSTER_REVIEWER):
        reviewed = ClusterMembership.objects.filter(cluster__reviewers=user).values("unit_id")
        scope |= Q(unit_id__in=reviewed)
    return qs.filter(scope)
