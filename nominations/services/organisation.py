"""Organisational change: unit mergers (the 2025 reform) move, never delete."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, NotPermitted
from ..models import AwardRecord, Batch, ClusterMembership, Initiative, Nomination, Unit, UnitMerge, User
from ..signals import nominations_moved


@transaction.atomic
def unit_merge(
    *, predecessor: Unit, successor: Unit, effective_date, actor, ip: str | None = None
) -> UnitMerge:
    """Merge a unit into its successor (the 2025 reform): move the living work, keep the history.

    Open nominations, users, memberships from the merger's year on and open
    batches move to the successor; award history and initiatives keep the unit
    they were earned in (the rules find them by the person, whatever the unit);
    the predecessor ends the day before and points to its successor. Several
    predecessors merged into one successor (N:1) is this, once for each.
    """
    if not actor.is_superuser and not actor.is_staff:
        raise NotPermitted(_("Chỉ quản trị viên được sáp nhập đơn vị."))
    if predecessor.pk == successor.pk:
        raise InvalidInput(_("Đơn vị kế thừa phải khác đơn vị bị sáp nhập."))
    if successor.valid_to and successor.valid_to < effective_date:
        raise InvalidInput(_("Đơn vị kế thừa đã hết hiệu lực trước ngày sáp nhập."))
    predecessor = Unit.objects.select_for_update().get(pk=predecessor.pk)
    moved = {}
    open_work = Nomination.objects.filter(unit=predecessor).exclude(status__in=Nomination.FINAL_STATUSES)
    moving = list(open_work.values_list("pk", flat=True))
    moved["nominations"] = Nomination.objects.filter(pk__in=moving).update(unit=successor)
    nominations_moved.send(sender=Unit, nomination_ids=moving)
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
    # History stays where it was earned: the record names the unit (and the issuer) of its day.
    moved["award_records_kept"] = AwardRecord.objects.filter(unit=predecessor).count()
    moved["initiatives_kept"] = Initiative.objects.filter(unit=predecessor).count()
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


@transaction.atomic
def unit_split(
    *, predecessor: Unit, parts: dict, default: Unit, effective_date, actor, ip: str | None = None
) -> list[UnitMerge]:
    """Split a unit into several successors (1:N): each person goes where ``parts`` sends them
    (``{successor: [users]}``), their open dossiers and batches with them; anyone unnamed, and the
    unit's own open work, goes to ``default``. History stays with the old unit."""
    if not actor.is_superuser and not actor.is_staff:
        raise NotPermitted(_("Chỉ quản trị viên được chia tách đơn vị."))
    successors = {default, *parts}
    if predecessor in successors:
        raise InvalidInput(_("Đơn vị kế thừa phải khác đơn vị bị chia tách."))
    expired = [u.name for u in successors if u.valid_to and u.valid_to < effective_date]
    if expired:
        raise InvalidInput(
            _("Đơn vị kế thừa đã hết hiệu lực trước ngày chia tách: %(u)s.") % {"u": ", ".join(expired)}
        )
    predecessor = Unit.objects.select_for_update().get(pk=predecessor.pk)
    moved = {unit.pk: {"users": 0, "nominations": 0, "batches": 0} for unit in successors}
    assigned = {}
    for unit, people in parts.items():
        for user in people:
            if user.unit_id != predecessor.pk:
                raise InvalidInput(_("%(u)s không thuộc đơn vị bị chia tách.") % {"u": user.get_full_name()})
            assigned[user.pk] = unit
    for user in User.objects.filter(unit=predecessor):
        target = assigned.get(user.pk, default)
        User.objects.filter(pk=user.pk).update(unit=target)
        moved[target.pk]["users"] += 1
    open_work = Nomination.objects.filter(unit=predecessor).exclude(status__in=Nomination.FINAL_STATUSES)
    moving = []
    for nomination in open_work:
        target = assigned.get(nomination.created_by_id, default)
        Nomination.objects.filter(pk=nomination.pk).update(unit=target)
        moved[target.pk]["nominations"] += 1
        moving.append(nomination.pk)
    nominations_moved.send(sender=Unit, nomination_ids=moving)
    for batch in Batch.objects.filter(unit=predecessor, submitted_at__isnull=True):
        target = assigned.get(batch.created_by_id, default)
        Batch.objects.filter(pk=batch.pk).update(unit=target)
        moved[target.pk]["batches"] += 1
    predecessor.valid_to = effective_date - timedelta(days=1)
    predecessor.successor = default
    predecessor.save(update_fields=["valid_to", "successor"])
    rows = [
        UnitMerge.objects.create(
            predecessor=predecessor,
            successor=unit,
            effective_date=effective_date,
            moved={**moved[unit.pk], "split": True},
            performed_by=actor,
        )
        for unit in sorted(successors, key=lambda u: u.pk)
    ]
    record_event(
        action="unit_split",
        actor=actor,
        ip=ip,
        data={
            "predecessor": predecessor.code,
            "successors": {u.code: moved[u.pk] for u in successors},
            "date": effective_date.isoformat(),
        },
    )
    return rows


def lineage(unit: Unit) -> list[Unit]:
    """The unit and every unit it descends from (merged in or split off), oldest last."""
    seen, queue, result = set(), [unit], []
    while queue:
        current = queue.pop(0)
        if current.pk in seen:
            continue
        seen.add(current.pk)
        result.append(current)
        queue += list(Unit.objects.filter(successor=current))
        queue += [
            m.predecessor for m in UnitMerge.objects.filter(successor=current).select_related("predecessor")
        ]
    return result
