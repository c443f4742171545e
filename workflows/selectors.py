"""Engine reads: work queues, due dates and notifications, scoped in SQL, in a fixed number of queries.

viewflow's own inbox()/queue() filter by global permission only (a reviewer of
block B would see block A's tasks), so queues are built here: the stage of
the task decides the role (the stage table), and the nomination decides the scope.
"""

from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations.models import Cluster, Unit
from nominations.policy.stages import STAGES, Scope
from nominations.text import normalize_search

from .calendar import WorkingCalendar
from .flows import NominationFlow
from .models import DeadlineEvent, Notification, RequestDeadline, TaskDeadline

NOM = "process__nominationprocess__nomination"
# The human task nodes, in the stage table's order
STAGE_NODES = [getattr(NominationFlow, stage.key) for stage in STAGES]


def _scope(user) -> Q:
    """Open human tasks this user may take: by stage role, and by cluster or unit.

    Read on the task's deadline row (its stage, its nomination), which the queues walk in due
    order: conditions on the deadline's own columns let PostgreSQL stop at the page."""
    if user.is_superuser:
        return Q(deadline__stage__in=[stage.key for stage in STAGES])
    scope = Q(pk__in=[])
    for stage in STAGES:
        if not any(user.has_role(role) for role in stage.roles):
            continue
        if stage.scope == Scope.CLUSTER:
            clusters = Cluster.reviewers.through.objects.filter(user_id=user.pk).values("cluster_id")
            scope |= Q(deadline__stage=stage.key, deadline__nomination__cluster_id__in=clusters)
        elif stage.scope == Scope.UNIT:
            scope |= Q(deadline__stage=stage.key, deadline__nomination__unit_id=user.unit_id)
        else:
            scope |= Q(deadline__stage=stage.key)
    return scope


def _tasks() -> QuerySet:
    """Open human tasks read from their open deadlines in due order: with the partial index
    (stage, due_at, task) WHERE closed_at IS NULL and every condition on the deadline row (stage,
    owner, nomination), a page sorts the stage's open deadlines, not their joins. Every human
    task opens its deadline (flows.py); it is closed when the task ends."""
    return (
        # No status or task-type filter here: each queue names its status, and the stage
        # filter implies a human task. Repeating them made PostgreSQL multiply their
        # selectivities, expect 30 rows, and sort the whole stage instead of walking the index.
        Task.objects.filter(deadline__closed_at__isnull=True)
        .select_related(
            "owner",
            "deadline",
            f"{NOM}__unit",
            f"{NOM}__award_type",
        )
        .order_by("deadline__due_at", "deadline__task_id")
    )


def stage_keys(user) -> list[str]:
    """The stages whose tasks this user may take (the deadline index's leading column)."""
    if user.is_superuser:
        return [stage.key for stage in STAGES]
    return [stage.key for stage in STAGES if any(user.has_role(role) for role in stage.roles)]


def _scoped(user) -> QuerySet:
    return _tasks().filter(_scope(user))


def tasks_inbox(*, user) -> QuerySet:
    """Tasks I have taken."""
    return _scoped(user).filter(deadline__owner=user)


def tasks_queue(*, user) -> QuerySet:
    """Tasks of my stage and scope that nobody has taken yet."""
    return _scoped(user).filter(deadline__owner__isnull=True)


def tasks_overdue(*, user) -> QuerySet:
    """Past due, among my inbox and my queue."""
    mine = Q(deadline__owner=user) | Q(deadline__owner__isnull=True)
    return _scoped(user).filter(mine, deadline__due_at__lt=timezone.now())


TASK_QUEUES = {"inbox": tasks_inbox, "queue": tasks_queue, "overdue": tasks_overdue}


def task_counts(*, user) -> dict[str, int]:
    """The three tabs' counts in one aggregate over the user's open tasks (the deadline rows)."""
    inbox = Q(deadline__owner=user)
    queue = Q(deadline__owner__isnull=True)
    overdue = (inbox | queue) & Q(deadline__due_at__lt=timezone.now())
    return (
        _scoped(user)
        .order_by()
        .aggregate(
            inbox=Count("id", filter=inbox),
            queue=Count("id", filter=queue),
            overdue=Count("id", filter=overdue),
        )
    )


DUE_SOON_DAYS = 2  # "due within 2 working days" on the home page and the queues' filter
DUE_CHOICES = ("overdue", "soon")
SORTS = {
    "due": ("deadline__due_at", "deadline__task_id"),
    "received": ("-deadline__started_at", "-deadline__task_id"),
}


def due_soon_limit(now=None) -> datetime:
    """The end of the second working day from today: what is due before it is "due soon"."""
    now = now or timezone.now()
    calendar = WorkingCalendar()
    day = calendar.add_working_days(timezone.localdate(now), DUE_SOON_DAYS)
    return timezone.make_aware(datetime.combine(day, datetime.max.time()))


def tasks_filtered(
    qs: QuerySet,
    *,
    search: str = "",
    award_type: str = "",
    unit: int | None = None,
    stage: str = "",
    due: str = "",
    sort: str = "due",
    now=None,
) -> QuerySet:
    """A queue narrowed by what a reviewer with hundreds of dossiers looks for: the nominee's name
    (accent-insensitive), the unit's name or the dossier's number; the award, the unit, the stage;
    what is overdue or due within two working days; sorted by due date or by arrival."""
    now = now or timezone.now()
    nom = "deadline__nomination__"
    if search:
        text = search.strip()[:100]
        key = normalize_search(text)
        match = Q(**{f"{nom}nominee_name_search__contains": key}) if key else Q(pk__in=[])
        units = list(Unit.objects.filter(name_search__contains=key).values_list("pk", flat=True)[:1000])
        if key and units:
            match |= Q(deadline__unit_id__in=units)
        if text.isdigit() and len(text) < 12:
            match |= Q(deadline__nomination_id=int(text))
        qs = qs.filter(match)
    if award_type:
        qs = qs.filter(**{f"{nom}award_type__code": award_type})
    if unit:
        qs = qs.filter(deadline__unit_id=unit)
    if stage:
        qs = qs.filter(deadline__stage=stage)
    if due == "overdue":
        qs = qs.filter(deadline__due_at__lt=now)
    elif due == "soon":
        qs = qs.filter(deadline__due_at__gte=now, deadline__due_at__lte=due_soon_limit(now))
    return qs.order_by(*SORTS.get(sort, SORTS["due"]))


def home_counts(*, user, now=None) -> list[dict]:
    """Per stage this user may take: waiting (theirs or nobody's yet), due within two working days,
    and overdue, in one aggregate over their open deadline rows; the stage table's order."""
    now = now or timezone.now()
    mine = Q(deadline__owner=user) | Q(deadline__owner__isnull=True)
    soon = Q(deadline__due_at__gte=now, deadline__due_at__lte=due_soon_limit(now))
    rows = {
        row["deadline__stage"]: row
        for row in _scoped(user)
        .filter(mine)
        .order_by()
        .values("deadline__stage")
        .annotate(
            waiting=Count("id"),
            soon=Count("id", filter=soon),
            overdue=Count("id", filter=Q(deadline__due_at__lt=now)),
        )
    }
    return [
        {"stage": stage, **{k: rows.get(stage.key, {}).get(k, 0) for k in ("waiting", "soon", "overdue")}}
        for stage in STAGES
        if stage.key in stage_keys(user)
    ]


def task_for(*, user, task_id: int) -> Task | None:
    """One open task within the user's scope (claim/release), or None."""
    return _tasks().filter(_scope(user), pk=task_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]).first()


def with_due_date(qs: QuerySet) -> QuerySet:
    """Nominations annotated with the due moment of their pending task (``due_date``), in the same query."""
    due = TaskDeadline.objects.filter(nomination=OuterRef("pk"), closed_at__isnull=True).order_by("due_at")
    return qs.annotate(due_date=Subquery(due.values("due_at")[:1]))


DOSSIER_SORTS = ("action", "due", "received")


def dossiers_due(qs: QuerySet, *, due: str = "", sort: str = "", now=None) -> QuerySet:
    """A list of dossiers with their due moment (``due_date``), narrowed to what is overdue or due
    within two working days, and sorted by due date or by arrival at their stage (otherwise the
    list's own order)."""
    now = now or timezone.now()
    qs = with_due_date(qs)
    open_deadline = TaskDeadline.objects.filter(nomination=OuterRef("pk"), closed_at__isnull=True)
    if due == "overdue":
        qs = qs.filter(Exists(open_deadline.filter(due_at__lt=now)))
    elif due == "soon":
        qs = qs.filter(Exists(open_deadline.filter(due_at__gte=now, due_at__lte=due_soon_limit(now))))
    if sort == "due":
        qs = qs.order_by(F("due_date").asc(nulls_last=True), "pk")
    elif sort == "received":
        qs = qs.order_by("-status_changed_at", "-pk")
    return qs


def deadline_events(*, nomination) -> QuerySet[DeadlineEvent]:
    return (
        DeadlineEvent.objects.filter(nomination=nomination).select_related("deadline").order_by("created_at")
    )


def oversight(*, now=None) -> dict:
    """The agency head's board: open and overdue per stage, overdue per unit, escalations."""
    now = now or timezone.now()
    # Over the open deadlines (one per open human task, a partial index), not the task table.
    open_deadlines = TaskDeadline.objects.filter(closed_at__isnull=True)
    per_stage = {
        row["stage"]: row
        for row in open_deadlines.order_by()
        .values("stage")
        .annotate(total=Count("task_id"), overdue=Count("task_id", filter=Q(due_at__lt=now)))
    }
    stages = []
    for node in STAGE_NODES:
        row = per_stage.get(node.name, {})
        stages.append(
            {
                "name": node.name,
                "title": node.task_title,
                "total": row.get("total", 0),
                "overdue": row.get("overdue", 0),
            }
        )
    # On the deadline's own copy of the unit: no join to the nominations (0.6 s at 1M).
    per_unit = list(
        open_deadlines.filter(due_at__lt=now)
        .values("unit_id", unit_name=F("unit__name"))
        .annotate(overdue=Count("task_id"))
        .order_by("-overdue", "unit_name")[:50]
    )
    escalations = list(
        DeadlineEvent.objects.filter(kind=DeadlineEvent.Kind.ESCALATION, deadline__isnull=False)
        .select_related("nomination__unit", "deadline")
        .order_by("-created_at")[:50]
    )
    return {"stages": stages, "per_unit": per_unit, "escalations": escalations}


# --- notifications ---------------------------------------------------------------


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def unread_notification_count(*, user) -> int:
    """The unread count in the top bar: one indexed COUNT per page."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# --- the dashboard of the agency head and the leaders ------------------------------


def dashboard(*, now=None, months: int = 12) -> dict:
    """Open and overdue work by stage and by unit, dossiers finished per month, median days per stage,
    and awards by type this year against last year: a handful of grouped queries."""
    from statistics import median

    from django.db.models.functions import TruncMonth

    from nominations.models import Nomination
    from nominations.policy.stages import STAGE_BY_KEY

    now = now or timezone.now()
    board = oversight(now=now)
    for stage in board["stages"]:
        stage["status"] = STAGE_BY_KEY[stage["name"]].status
        stage["label"] = STAGE_BY_KEY[stage["name"]].label
    # Over the open deadlines (one per open human task) and their copy of the unit, like the board.
    per_unit = list(
        TaskDeadline.objects.filter(closed_at__isnull=True)
        .values("unit_id", unit_name=F("unit__name"))
        .annotate(total=Count("task_id"), overdue=Count("task_id", filter=Q(due_at__lt=now)))
        .order_by("-overdue", "-total", "unit_name")[:15]
    )
    today = timezone.localdate(now)
    first = today.replace(day=1)
    for _i in range(months - 1):
        first = (first - timezone.timedelta(days=1)).replace(day=1)
    finished = {
        (row["month"].year, row["month"].month): row["n"]
        for row in Nomination.objects.filter(
            status__in=[Nomination.Status.AWARDED, Nomination.Status.REJECTED],
            # A moment, not ``__date``: the (status, status_changed_at) index serves it (0.3 s at 1M).
            status_changed_at__gte=timezone.make_aware(datetime.combine(first, datetime.min.time())),
        )
        .annotate(month=TruncMonth("status_changed_at"))
        .values("month")
        .annotate(n=Count("id"))
    }
    throughput, cursor = [], first
    while cursor <= today:
        throughput.append(
            {
                "month": cursor,
                "key": cursor.strftime("%Y-%m"),
                "count": finished.get((cursor.year, cursor.month), 0),
            }
        )
        cursor = (cursor + timezone.timedelta(days=32)).replace(day=1)
    spans = {}
    for stage, started, closed in TaskDeadline.objects.filter(
        closed_at__isnull=False, closed_at__gte=now - timezone.timedelta(days=365)
    ).values_list("stage", "started_at", "closed_at")[:20000]:
        spans.setdefault(stage, []).append((closed - started).total_seconds() / 86400)
    medians = [
        {
            "name": stage["name"],
            "label": stage["label"],
            "status": stage["status"],
            "days": round(median(spans[stage["name"]]), 1),
            "count": len(spans[stage["name"]]),
        }
        for stage in board["stages"]
        if spans.get(stage["name"])
    ]
    year = today.year
    awards = {}
    for row in (
        Nomination.objects.filter(status=Nomination.Status.AWARDED, year__in=[year - 1, year])
        .values("award_type__code", "award_type__name", "year")
        .annotate(n=Count("id"))
    ):
        entry = awards.setdefault(
            row["award_type__code"], {"code": row["award_type__code"], "name": row["award_type__name"]}
        )
        entry["this" if row["year"] == year else "last"] = row["n"]
    return {
        **board,
        "per_unit_open": per_unit,
        "throughput": throughput,
        "medians": medians,
        "awards": sorted(awards.values(), key=lambda a: -(a.get("this", 0) + a.get("last", 0))),
        "year": year,
    }


# --- what movements ask of units ----------------------------------------------------------------


def request_reminders(*, request_ids) -> dict[int, list[DeadlineEvent]]:
    """The reminders, overdue notices and escalations each request's deadlines gave, oldest first."""
    found: dict[int, list[DeadlineEvent]] = {}
    events = (
        DeadlineEvent.objects.filter(request_deadline__request_id__in=list(request_ids))
        .select_related("request_deadline")
        .order_by("created_at", "pk")
    )
    for event in events:
        found.setdefault(event.request_deadline.request_id, []).append(event)
    return found


def open_request_deadline(*, request_id: int) -> RequestDeadline | None:
    return (
        RequestDeadline.objects.filter(request_id=request_id, closed_at__isnull=True).order_by("-pk").first()
    )
