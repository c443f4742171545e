"""Organisational change: unit mergers (the 2025 reform) move, never delete."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, NotPermitted
from ..models import AwardRecord, Batch, ClusterMembership, Initiative, Nomination, Unit, UnitMerge, User


@transaction.atomic
def unit_merge(
    *, predecessor: Unit, successor: Unit, effective_date, actor, ip: str | None = None
) -> UnitMerge:
    """Merge a unit into its successor (the 2025 reform): move, never delete.

    Open nominations, users, memberships from the merger's year on, award
    history, initiatives and open batches move to the successor; the
    predecessor ends the day before and points to its successor.
    """
    if not actor.is_superuser and not actor.is_staff:
        raise NotPermitted(_("Chỉ quản trị viên được sáp nhập đơn vị."))
    if predecessor.pk == successor.pk:
        raise InvalidInput(_("Đơn vị kế thừa phải khác đơn vị bị sáp nhập."))
    if successor.valid_to and successor.valid_to < effective_date:
        raise InvalidInput(_("Đơn vị kế thừa đã hết hiệu lực trước ngày sáp nhập."))
    predecessor = Unit.objects.select_for_update().get(pk=predecessor.pk)
    moved = {}
    moved["nominations"] = (
        Nomination.objects.filter(unit=predecessor)
        .exclude(status__in=Nomination.FINAL_STATUSES)
        .update(unit=successor)
    )
    moved["users"] = User.objects.filter(unit=predecessor).update(unit=successor)
    kept = 0
    memberships = 0
    for membership in ClusterMembership.objects.filter(unit=predecessor, year__gte=effective_date.year):
        if ClusterMembership.objects.filter(unit=successor, year=membership.year).exists():
            kept += 1  # the successor already has its cluster that year; the old row stays as history
            continue
        ClusterMembership.objects.filter(pk=membership.pk).update(unit=successor)
        memberships += 1
    moved["memberships"] = memberships
    moved["memberships_kept"] = kept
    moved["award_records"] = AwardRecord.objects.filter(unit=predecessor).update(unit=successor)
    moved["initiatives"] = Initiative.objects.filter(unit=predecessor).update(unit=successor)
    moved["batches"] = Batch.objects.filter(unit=predecessor, submitted_at__isnull=True).update(
        unit=successor
    )
    predecessor.valid_to = effective_date - timedelta(days=1)
    predecessor.successor = successor
    predecessor.save(update_fields=["valid_to", "successor"])
    merge = UnitMerge.objects.create(
        predecessor=predecessor,
        successor=successor,
        effective_date=effective_date,
        moved=moved,
        performed_by=actor,
    )
    record_event(
        action="unit_merge",
        actor=actor,
        ip=ip,
        data={
            "predecessor": predecessor.code,
            "successor": successor.code,
            "date": effective_date.isoformat(),
            **moved,
        },
    )
    return merge
