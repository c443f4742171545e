"""Every read a page or the API needs, scoped to what the user may see.

Scope is applied in SQL (never by filtering Python lists), so a page costs a
fixed number of queries whatever the number of rows, and another unit's
dossier simply is not found (404).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import AuditEvent, Cluster, Comment, Document, Nomination, Role
from .permissions import PROVINCE_ROLES
from .text import normalize_search

S = Nomination.Status
MAX_SEARCH_LENGTH = 100


def nominations_visible_to(user) -> QuerySet[Nomination]:
    """The nominations ``user`` may see: own unit, own clusters, or province-wide after submission."""
    qs = Nomination.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    scope = Q(pk__in=[])
    if user.has_role(Role.UNIT_CLERK) and user.unit_id:
        scope |= Q(unit_id=user.unit_id)
    if user.has_role(Role.CLUSTER_REVIEWER):
        # A subquery, not a join: no duplicate rows, no DISTINCT on big lists.
        reviewed = Cluster.reviewers.through.objects.filter(user_id=user.pk).values("cluster_id")
        scope |= Q(cluster_id__in=reviewed)
    if any(user.has_role(r) for r in PROVINCE_ROLES):
        scope |= ~Q(status=S.DRAFT)
    return qs.filter(scope)


def nomination_list(
    *,
    user,
    status: str | None = None,
    year: int | None = None,
    award_type: str | None = None,
    unit: int | None = None,
    cluster: int | None = None,
    movement: int | None = None,
    route: str | None = None,
    overdue: bool = False,
    search: str | None = None,
) -> QuerySet[Nomination]:
    """Filtered, scoped list with what a list row shows, in one query."""
    qs = nominations_visible_to(user).select_related("unit", "award_type", "movement", "cluster")
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if award_type:
        qs = qs.filter(award_type__code=award_type)
    if unit:
        qs = qs.filter(unit_id=unit)
    if cluster:
        qs = qs.filter(cluster_id=cluster)
    if movement:
        qs = qs.filter(movement_id=movement)
    if route:
        qs = qs.filter(route=route)
    if overdue:
        # The open task's due date, through the reverse relation (no engine import).
        qs = qs.filter(deadlines__closed_at__isnull=True, deadlines__due_at__lt=timezone.now())
    if search:
        key = normalize_search(search[:MAX_SEARCH_LENGTH])
        if key:
            qs = qs.filter(Q(nominee_name_search__contains=key) | Q(unit__name_search__contains=key))
    return qs.order_by("-status_changed_at", "-id")


def nomination_for(*, user, pk: int) -> Nomination:
    """One nomination the user may see, or 404 (never a hint that it exists)."""
    return get_object_or_404(
        nominations_visible_to(user).select_related(
            "unit", "award_type", "movement", "cluster", "created_by"
        ),
        pk=pk,
    )


def nomination_documents(*, nomination: Nomination) -> QuerySet[Document]:
    return nomination.documents.select_related("uploaded_by").order_by("kind", "-uploaded_at")


def document_for(*, user, nomination_pk: int, document_pk: int) -> Document:
    nomination = nomination_for(user=user, pk=nomination_pk)
    return get_object_or_404(Document, pk=document_pk, nomination=nomination)


def nomination_comments(*, nomination: Nomination) -> QuerySet[Comment]:
    return nomination.comments.select_related("author").order_by("created_at", "id")


def nomination_timeline(*, nomination: Nomination) -> QuerySet[AuditEvent]:
    return nomination.audit_events.order_by("id")
