"""Movements and what they ask of units: drafted, launched (a plan asked of every participant),
reviewed (a report asked at each sơ kết / tổng kết), each plan and report sent, accepted or returned.

Every write is atomic, fires the transition of its lifecycle table (``policy.lifecycle.MOVEMENT``,
``MOVEMENT_REQUEST``) and writes its audit event. The deadlines and notices are the workflow
engine's (``workflows.actions.movements``), which calls these.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState, NotPermitted
from ..models import Cluster, ClusterMembership, Movement, MovementMilestone, MovementRequest, Role, Unit
from ..policy.permissions import has_any_role, require_role
from ..policy.requests import STANDING_AGENCY
from ..uploads import check_upload
from ..vocabulary import MovementStatus
from ._common import require_comment, validation_to_input

R = MovementRequest.Status


def _require_standing_agency(actor):
    require_role(
        actor,
        *STANDING_AGENCY,
        message=_("Chỉ Cơ quan Thường trực (Ban Thi đua – Khen thưởng) được thực hiện thao tác này."),
    )


@transaction.atomic
def movement_create(
    *,
    actor,
    name: str,
    kind: str,
    launch_level: str,
    scope: str,
    starts_on: date,
    ends_on: date | None = None,
    document_number: str = "",
    document_date: date | None = None,
    document_signer: str = "",
    document_file=None,
    targets: str = "",
    criteria: list | None = None,
    participant_kind: str = "",
    participant_clusters=(),
    participant_units=(),
    plan_due: date | None = None,
    report_figures: list | None = None,
    ip: str | None = None,
) -> Movement:
    """A movement in draft: what it is, who takes part, and by when they send their plans."""
    _require_standing_agency(actor)
    errors = {}
    if ends_on and starts_on and ends_on < starts_on:
        errors["ends_on"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    if not (participant_kind or participant_clusters or participant_units):
        errors["participants"] = _(
            "Chọn đơn vị tham gia: một loại đơn vị, các cụm, khối hoặc danh sách đơn vị."
        )
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    movement = Movement(
        status=MovementStatus.DRAFT,
        name=(name or "").strip(),
        kind=kind,
        launch_level=launch_level,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        start_year=starts_on.year if starts_on else None,
        end_year=(ends_on.year if ends_on else None) if kind != Movement.Kind.REGULAR else None,
        launched_on=document_date,
        document_number=(document_number or "").strip(),
        document_signer=(document_signer or "").strip(),
        targets=targets or "",
        description=targets or "",
        criteria=list(criteria or []),
        participant_kind=participant_kind or "",
        plan_due=plan_due,
        report_figures=list(report_figures or []),
        created_by=actor,
    )
    if ends_on and starts_on and kind != Movement.Kind.REGULAR:
        movement.duration_months = max(
            1,
            (ends_on.year - starts_on.year) * 12
            + ends_on.month
            - starts_on.month
            + (ends_on.day >= starts_on.day),
        )
    try:
        movement.full_clean(exclude=["document_file", "status"])
    except ValidationError as exc:
        raise validation_to_input(exc) from exc
    if document_file is not None:
        checked = check_upload(document_file)
        movement.document_sha256 = checked.sha256
        movement.document_file.save(checked.safe_name, ContentFile(checked.content), save=False)
    movement.save()
    if participant_clusters:
        movement.participant_clusters.set(participant_clusters)
    if participant_units:
        movement.participant_units.set(participant_units)
    record_event(action="movement_create", actor=actor, ip=ip, data={"movement": movement.pk})
    return movement


def movement_participants(movement: Movement) -> list[Unit]:
    """The units the movement is sent to, as chosen: all units of a kind, the members of clusters
    (in the year the movement starts), and a list, each unit once, in force on the start day."""
    day = movement.starts_on or timezone.localdate()
    chosen = Q(pk__in=movement.participant_units.values("pk"))
    if movement.participant_kind:
        chosen |= Q(kind=movement.participant_kind)
    clusters = list(movement.participant_clusters.values_list("pk", flat=True))
    if clusters:
        chosen |= Q(pk__in=ClusterMembership.objects.filter(cluster_id__in=clusters).values("unit_id"))
    in_force = (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return list(Unit.objects.filter(chosen & in_force).order_by("name", "pk"))


@transaction.atomic
def movement_launch(*, actor, movement: Movement, ip: str | None = None) -> list[MovementRequest]:
    """Launched: sent to every participant, each asked for its response plan by the plan's due date."""
    _require_standing_agency(actor)
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.status != MovementStatus.DRAFT:
        raise InvalidState(_("Phong trào đã được phát động."))
    errors = {}
    if not movement.document_number or not movement.launched_on:
        errors["document_number"] = _("Phải có số và ngày của văn bản phát động.")
    if not movement.plan_due:
        errors["plan_due"] = _("Phải có hạn gửi kế hoạch hưởng ứng.")
    units = movement_participants(movement)
    if not units:
        errors["participants"] = _("Không có đơn vị nào tham gia phong trào.")
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    movement.launch()
    movement.save()
    movement.participants.set(units)
    now = timezone.now()
    MovementRequest.objects.bulk_create(
        [
            MovementRequest(
                movement=movement,
                unit=u,
                kind=MovementRequest.Kind.PLAN,
                due_date=movement.plan_due,
                created_at=now,
            )
            for u in units
        ]
    )
    record_event(
        action="movement_launch",
        actor=actor,
        from_status="draft",
        to_status="launched",
        ip=ip,
        data={"movement": movement.pk, "participants": len(units), "plan_due": movement.plan_due.isoformat()},
    )
    return list(
        MovementRequest.objects.filter(movement=movement, kind=MovementRequest.Kind.PLAN).order_by("pk")
    )


@transaction.atomic
def movement_add_milestone(
    *, actor, movement: Movement, kind: str, on: date, report_due: date, note: str = "", ip: str | None = None
) -> tuple[MovementMilestone, list[MovementRequest]]:
    """A sơ kết or tổng kết on a date: every participant is asked for its report by ``report_due``."""
    _require_standing_agency(actor)
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    if movement.status != MovementStatus.LAUNCHED:
        raise InvalidState(_("Chỉ phong trào đang triển khai mới có mốc sơ kết, tổng kết."))
    if kind not in MovementMilestone.Kind.values:
        raise InvalidInput(_("Loại mốc không hợp lệ."), fields={"kind": _("so_ket hoặc tong_ket.")})
    if report_due is None or on is None:
        raise InvalidInput(
            _("Phải có ngày của mốc và hạn gửi báo cáo."), fields={"report_due": _("Bắt buộc.")}
        )
    if kind == MovementMilestone.Kind.FINAL and movement.milestones.filter(kind=kind).exists():
        raise InvalidState(_("Phong trào đã có mốc tổng kết."))
    milestone = MovementMilestone.objects.create(
        movement=movement, kind=kind, year=on.year, date=on, report_due=report_due, note=note or ""
    )
    now = timezone.now()
    MovementRequest.objects.bulk_create(
        [
            MovementRequest(
                movement=movement,
                milestone=milestone,
                unit=u,
                kind=MovementRequest.Kind.REPORT,
                due_date=report_due,
                created_at=now,
            )
            for u in movement.participants.order_by("name", "pk")
        ]
    )
    record_event(
        action="movement_milestone",
        actor=actor,
        ip=ip,
        data={
            "movement": movement.pk,
            "milestone": milestone.pk,
            "kind": kind,
            "report_due": report_due.isoformat(),
        },
    )
    return milestone, list(milestone.requests.order_by("pk"))


def may_answer(user, request: MovementRequest) -> bool:
    """The unit's clerk, or the head of the cluster the unit belongs to that year."""
    if has_any_role(user, Role.UNIT_CLERK) and user.unit_id == request.unit_id:
        return True
    year = request.due_date.year
    return (
        has_any_role(user, Role.CLUSTER_REVIEWER)
        and Cluster.objects.filter(year=year, reviewers=user, memberships__unit_id=request.unit_id).exists()
    )


def _locked(request: MovementRequest) -> MovementRequest:
    return MovementRequest.objects.select_for_update().select_related("movement", "unit").get(pk=request.pk)


@transaction.atomic
def movement_request_submit(
    *, actor, request: MovementRequest, file=None, figures: dict | None = None, ip: str | None = None
) -> MovementRequest:
    """The unit sends its plan or report (a document; a report also the movement's figures)."""
    request = _locked(request)
    if not may_answer(actor, request):
        raise NotPermitted(_("Chỉ cán bộ thi đua của đơn vị được gửi kế hoạch, báo cáo của đơn vị."))
    if request.status not in (R.OPEN, R.RETURNED):
        raise InvalidState(_("Yêu cầu này đã được gửi."))
    if file is None and not request.file:
        raise InvalidInput(_("Phải đính kèm văn bản."), fields={"file": _("Bắt buộc.")})
    figures = dict(figures or {})
    if request.kind == MovementRequest.Kind.REPORT:
        wanted = [f["code"] for f in request.movement.report_figures if isinstance(f, dict) and f.get("code")]
        missing = [c for c in wanted if c not in figures]
        bad = [
            c for c, v in figures.items() if not isinstance(v, int | float) or isinstance(v, bool) or v < 0
        ]
        if missing or bad:
            raise InvalidInput(
                _("Thiếu hoặc sai số liệu báo cáo: %(codes)s.") % {"codes": ", ".join(missing + bad)},
                fields={"figures": ", ".join(missing + bad)},
            )
    if file is not None:
        checked = check_upload(file)
        request.file_sha256 = checked.sha256
        request.file_name = checked.safe_name
        request.file.save(checked.safe_name, ContentFile(checked.content), save=False)
    before = request.status
    if before == R.RETURNED:
        request.resubmit()
    else:
        request.submit()
    request.figures = figures
    request.submitted_at = timezone.now()
    request.save()
    record_event(
        action="movement_request_submit",
        actor=actor,
        from_status=before,
        to_status=request.status,
        ip=ip,
        data={"movement_request": request.pk, "movement": request.movement_id, "unit": request.unit_id},
    )
    return request


@transaction.atomic
def movement_request_accept(
    *, actor, request: MovementRequest, comment: str = "", ip: str | None = None
) -> MovementRequest:
    _require_standing_agency(actor)
    request = _locked(request)
    if request.status != R.SUBMITTED:
        raise InvalidState(_("Chỉ tiếp nhận được kế hoạch, báo cáo đã gửi."))
    request.accept()
    request.decided_at = timezone.now()
    request.save()
    record_event(
        action="movement_request_accept",
        actor=actor,
        from_status=R.SUBMITTED,
        to_status=request.status,
        comment=comment or "",
        ip=ip,
        data={"movement_request": request.pk, "movement": request.movement_id, "unit": request.unit_id},
    )
    return request


@transaction.atomic
def movement_request_return(
    *, actor, request: MovementRequest, comment: str, ip: str | None = None
) -> MovementRequest:
    _require_standing_agency(actor)
    comment = require_comment(comment, _("trả lại kế hoạch, báo cáo"))
    request = _locked(request)
    if request.status != R.SUBMITTED:
        raise InvalidState(_("Chỉ trả lại được kế hoạch, báo cáo đã gửi."))
    request.return_request()
    request.comment = comment
    request.times_returned += 1
    request.decided_at = timezone.now()
    request.save()
    record_event(
        action="movement_request_return",
        actor=actor,
        from_status=R.SUBMITTED,
        to_status=request.status,
        comment=comment,
        ip=ip,
        data={"movement_request": request.pk, "movement": request.movement_id, "unit": request.unit_id},
    )
    return request
