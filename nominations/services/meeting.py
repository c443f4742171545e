"""Council meetings: recorded once (kind, date, members, present, minutes), linked to many dossiers."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import appended_at_end, record_event
from ..exceptions import InvalidInput, NotPermitted
from ..models import Cluster, CouncilMeeting, DocumentKind, Nomination, Role
from ..policy import council
from ..policy.permissions import has_any_role
from ..selectors import nominations_visible_to
from .dossier import store_document

# Who records each kind of meeting (its secretary: the unit's clerk or head, the cluster's head,
# the Council's secretary).
RECORDERS = {
    CouncilMeeting.Kind.UNIT: (Role.UNIT_CLERK, Role.UNIT_HEAD),
    CouncilMeeting.Kind.CLUSTER: (Role.CLUSTER_REVIEWER,),
    CouncilMeeting.Kind.PROVINCE: (Role.COUNCIL_SECRETARY,),
}


def check_meeting(*, held_on, members_total, members_present) -> dict:
    """What is wrong with a meeting's figures, by field (Vietnamese), as the screens and the API
    tell it."""
    errors = {}
    if not isinstance(held_on, date):
        errors["held_on"] = _("Nhập ngày họp (ngày/tháng/năm).")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("Ngày họp không được sau hôm nay.")
    if not members_total or members_total <= 0:
        errors["members_total"] = _("Tổng số thành viên Hội đồng phải lớn hơn 0.")
    if members_present is None or members_present < 0:
        errors["members_present"] = _("Nhập số thành viên có mặt.")
    elif members_total and members_present > members_total:
        errors["members_present"] = _("Số thành viên có mặt không thể lớn hơn tổng số thành viên.")
    elif members_total and Decimal(members_present) < council.QUORUM * members_total:
        errors["members_present"] = _("Chưa đủ 2/3 số thành viên Hội đồng có mặt, phiên họp không hợp lệ.")
    return errors


def _linkable(actor, kind, nomination_ids) -> list[Nomination]:
    """The dossiers the recorder may link: in their scope (a unit council: its own unit's)."""
    ids = sorted({int(i) for i in nomination_ids})
    visible = nominations_visible_to(actor).filter(pk__in=ids)
    if kind == CouncilMeeting.Kind.UNIT and not actor.is_superuser:
        visible = visible.filter(unit_id=actor.unit_id)
    found = list(visible.order_by("pk"))
    if len(found) != len(ids):
        raise InvalidInput(
            _("Có hồ sơ không thuộc phạm vi của Hội đồng này hoặc không còn tồn tại."),
            fields={"nominations": _("Không hợp lệ.")},
        )
    return found


def meeting_record(
    *,
    actor,
    kind: str,
    held_on,
    members_total: int,
    members_present: int,
    minutes,
    nominations=(),
    attendees: str = "",
    note: str = "",
    ip: str | None = None,
) -> CouncilMeeting:
    """One meeting with its minutes, linked to every dossier it decided (one audit event each,
    written together at the end)."""
    with transaction.atomic(), appended_at_end():
        return _record(
            actor=actor,
            kind=kind,
            held_on=held_on,
            members_total=members_total,
            members_present=members_present,
            minutes=minutes,
            nominations=nominations,
            attendees=attendees,
            note=note,
            ip=ip,
        )


def _record(
    *, actor, kind, held_on, members_total, members_present, minutes, nominations, attendees, note, ip
):
    if kind not in CouncilMeeting.Kind.values:
        raise InvalidInput(_("Loại Hội đồng không hợp lệ."), fields={"kind": _("Không hợp lệ.")})
    if not has_any_role(actor, *RECORDERS[kind]):
        raise NotPermitted(_("Bạn không ghi được phiên họp của Hội đồng này."))
    errors = check_meeting(held_on=held_on, members_total=members_total, members_present=members_present)
    if minutes is None:
        errors["minutes"] = _("Tải lên biên bản phiên họp.")
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    linked = _linkable(actor, kind, nominations)
    unit_id = actor.unit_id if kind == CouncilMeeting.Kind.UNIT else None
    if kind == CouncilMeeting.Kind.UNIT and linked:
        unit_id = linked[0].unit_id
    cluster_id = _cluster_of(actor, linked) if kind == CouncilMeeting.Kind.CLUSTER else None
    meeting = CouncilMeeting.objects.create(
        kind=kind,
        unit_id=unit_id,
        cluster_id=cluster_id,
        held_on=held_on,
        members_total=members_total,
        members_present=members_present,
        attendees=(attendees or "").strip()[:5000],
        note=(note or "").strip()[:5000],
        recorded_by=actor,
    )
    document = store_document(
        owner={"meeting": meeting, "nomination": None},
        kind=DocumentKind.BIEN_BAN,
        uploaded=minutes,
        actor=actor,
        field="minutes",
    )
    record_event(
        action="meeting_record",
        actor=actor,
        ip=ip,
        data={
            "meeting": meeting.pk,
            "kind": kind,
            "held_on": held_on.isoformat(),
            "members_total": members_total,
            "members_present": members_present,
            "minutes_sha256": document.sha256,
            "nominations": [n.pk for n in linked],
        },
    )
    _link(meeting, linked, actor, ip)
    return meeting


def _cluster_of(actor, linked) -> int | None:
    """A cluster's meeting is one cluster's (or block's): that of the dossiers it decided, or,
    with none yet, the one cluster its head reviews in the latest year."""
    clusters = {n.cluster_id for n in linked if n.cluster_id}
    if len(clusters) > 1:
        raise InvalidInput(
            _("Các hồ sơ đã chọn thuộc nhiều cụm, khối khác nhau: mỗi phiên họp ghi cho một cụm, khối."),
            fields={"nominations": _("Không hợp lệ.")},
        )
    if clusters:
        return clusters.pop()
    reviewed = list(Cluster.objects.filter(reviewers=actor).order_by("-year").values_list("pk", "year")[:2])
    if len(reviewed) == 1 or (len(reviewed) == 2 and reviewed[0][1] != reviewed[1][1]):
        return reviewed[0][0]
    return None


def _link(meeting, nominations, actor, ip) -> None:
    already = set(meeting.nominations.values_list("pk", flat=True))
    new = [n for n in nominations if n.pk not in already]
    meeting.nominations.add(*new)
    for n in new:
        record_event(
            action="meeting_record",
            actor=actor,
            nomination=n,
            from_status=n.status,
            to_status=n.status,
            ip=ip,
            data={"meeting": meeting.pk, "held_on": meeting.held_on.isoformat()},
        )


@transaction.atomic
def meeting_link(*, meeting: CouncilMeeting, actor, nominations, ip: str | None = None) -> CouncilMeeting:
    """More dossiers decided at a meeting already recorded."""
    if not has_any_role(actor, *RECORDERS[meeting.kind]) or (
        meeting.kind == CouncilMeeting.Kind.UNIT
        and not actor.is_superuser
        and meeting.unit_id != actor.unit_id
    ):
        raise NotPermitted(_("Bạn không ghi được phiên họp của Hội đồng này."))
    linked = _linkable(actor, meeting.kind, nominations)
    if (
        meeting.kind == CouncilMeeting.Kind.CLUSTER
        and meeting.cluster_id
        and any(n.cluster_id != meeting.cluster_id for n in linked)
    ):
        raise InvalidInput(
            _("Có hồ sơ không thuộc cụm, khối của phiên họp này."),
            fields={"nominations": _("Không hợp lệ.")},
        )
    _link(meeting, linked, actor, ip)
    return meeting


def meetings_for(*, user, kind: str | None = None):
    """The meetings a recorder may use: the unit's own council, the province's for the Council."""
    qs = CouncilMeeting.objects.all()
    if not user.is_superuser:
        kinds = [k for k, roles in RECORDERS.items() if has_any_role(user, *roles)]
        others = [k for k in kinds if k not in (CouncilMeeting.Kind.UNIT, CouncilMeeting.Kind.CLUSTER)]
        mine = (
            Q(kind=CouncilMeeting.Kind.UNIT, unit_id=user.unit_id)
            if CouncilMeeting.Kind.UNIT in kinds
            else Q(pk=None)
        )
        if CouncilMeeting.Kind.CLUSTER in kinds:
            # A cluster's head: the meetings of the clusters they review, and those they recorded.
            reviewed = Cluster.reviewers.through.objects.filter(user_id=user.pk).values("cluster_id")
            mine |= Q(kind=CouncilMeeting.Kind.CLUSTER) & (Q(cluster_id__in=reviewed) | Q(recorded_by=user))
        qs = qs.filter(Q(kind__in=others) | mine)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-held_on", "-id")
