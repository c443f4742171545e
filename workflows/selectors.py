"""Engine reads: work queues, scoped in SQL, in a fixed number of queries.

viewflow's own inbox()/queue() filter by global permission only (a reviewer of
block B would see block A's tasks), so queues are built here: the stage of
the task decides the role, and the nomination decides the scope.
"""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations.models import Cluster, Nomination, Role

from .flows import NominationFlow
from .models import DeadlineEvent

ROLE_NODES = {
    Role.CLUSTER_REVIEWER: NominationFlow.cluster_review,
    Role.APPRAISER: NominationFlow.appraisal,
    Role.COUNCIL_SECRETARY: NominationFlow.council_vote,
    Role.LEADER: NominationFlow.signature,
    Role.UNIT_CLERK: NominationFlow.revise,
}
NOM = "process__nominationprocess__nomination"


def _scope(user) -> Q:
    """Open human tasks this user may take: by stage role, and by cluster or unit."""
    if user.is_superuser:
        return Q(flow_task__in=list(ROLE_NODES.values()))
    scope = Q(pk__in=[])
    for role, node in ROLE_NODES.items():
        if not user.has_role(role):
            continue
        if role == Role.CLUSTER_REVIEWER:
            clusters = Cluster.reviewers.through.objects.filter(user_id=user.pk).values("cluster_id")
            scope |= Q(flow_task=node, **{f"{NOM}__cluster_id__in": clusters})
        elif role == Role.UNIT_CLERK:
            scope |= Q(flow_task=node, **{f"{NOM}__unit_id": user.unit_id})
        else:
            scope |= Q(flow_task=node)
    return scope


def _tasks() -> QuerySet:
    return (
        Task.objects.filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .select_related(
            "owner",
            "deadline",
            f"{NOM}__unit",
            f"{NOM}__award_type",
        )
        .order_by(F("deadline__due_at").asc(nulls_last=True), "id")
    )


def tasks_inbox(*, user) -> QuerySet:
    """Tasks I have taken."""
    return _tasks().filter(_scope(user), owner=user, status=STATUS.ASSIGNED)


def tasks_queue(*, user) -> QuerySet:
    """Tasks of my stage and scope that nobody has taken yet."""
    return _tasks().filter(_scope(user), owner__isnull=True, status=STATUS.NEW)


def tasks_overdue(*, user) -> QuerySet:
    """Past due, among my inbox and my queue."""
    mine = Q(owner=user, status=STATUS.ASSIGNED) | Q(owner__isnull=True, status=STATUS.NEW)
    return _tasks().filter(_scope(user)).filter(mine, deadline__due_at__lt=timezone.now())


def task_for(*, user, task_id: int) -> Task | None:
    """One open task within the user's scope (claim/release), or None."""
    return _tasks().filter(_scope(user), pk=task_id).first()


def awaiting_signature(*, user) -> QuerySet[Nomination]:
    """The Chairman's office queue: what waits for a signature, oldest first."""
    from nominations.selectors import nominations_visible_to

    return (
        nominations_visible_to(user)
        .filter(status=Nomination.Status.AWAITING_SIGNATURE)
        .select_related("unit", "award_type", "movement")
        .order_by("status_changed_at", "id")
    )


def awaiting_signature_groups(*, user) -> list[dict]:
    """Counts by award type and movement, with the oldest waiting date of each group."""
    from django.db.models import Min

    return list(
        awaiting_signature(user=user)
        .order_by()
        .values("award_type__code", "award_type__name", "movement_id", "movement__name")
        .annotate(count=Count("id"), since=Min("status_changed_at"))
        .order_by("award_type__name", "movement__name")
    )


def oversight(*, now=None) -> dict:
    """The agency head's board: open and overdue per stage, overdue per unit, escalations."""
    now = now or timezone.now()
    open_tasks = Task.objects.filter(
        flow_task_type="HUMAN",
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
        flow_task__in=list(ROLE_NODES.values()),
    )
    per_stage = {
        row["flow_task"]: row
        for row in open_tasks.values("flow_task").annotate(
            total=Count("id"), overdue=Count("id", filter=Q(deadline__due_at__lt=now))
        )
    }
    stages = []
    for node in ROLE_NODES.values():
        row = per_stage.get(node, {})
        stages.append(
            {
                "name": node.name,
                "title": node.task_title,
                "total": row.get("total", 0),
                "overdue": row.get("overdue", 0),
            }
        )
    per_unit = list(
        open_tasks.filter(deadline__due_at__lt=now)
        .values(unit_id=F(f"{NOM}__unit_id"), unit_name=F(f"{NOM}__unit__name"))
        .annotate(overdue=Count("id"))
        .order_by("-overdue", "unit_name")[:50]
    )
    escalations = list(
        DeadlineEvent.objects.filter(kind=DeadlineEvent.Kind.ESCALATION)
        .select_related("nomination__unit", "deadline")
        .order_by("-created_at")[:50]
    )
    return {"stages": stages, "per_unit": per_unit, "escalations": escalations}
