"""History on paper: the unit declares an earlier award or initiative with the scanned decision; the
Standing agency's appraiser confirms it (it becomes the history the eligibility rules read: who
confirmed it and when stay on the declaration) or rejects it with the reason. Each an audit event."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState, NotPermitted
from ..models import AwardRecord, AwardType, DeclaredHistory, Initiative, Nomination, Role, Route
from ..policy.permissions import can_act, can_view, has_any_role
from ..text import normalize_search
from ..uploads import check_upload
from ._common import require_comment

REVIEWERS = (Role.APPRAISER, Role.AGENCY_HEAD)


@transaction.atomic
def history_declare(
    *,
    nomination: Nomination,
    actor,
    kind: str,
    year,
    decision_number: str,
    evidence,
    award_type: AwardType | None = None,
    route: str = Route.ANNUAL,
    title: str = "",
    level: str = "",
    decision_date=None,
    issuer: str = "",
    ip: str | None = None,
) -> DeclaredHistory:
    """The unit declares, on its dossier, an earlier award or initiative of the nominee on paper."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not can_act(actor, nomination, "edit"):
        raise NotPermitted()
    if not nomination.is_editable_by_unit:
        raise InvalidState(_("Chỉ kê khai thêm lịch sử khi hồ sơ đang soạn hoặc bị trả lại."))
    errors = {}
    if kind not in DeclaredHistory.Kind.values:
        errors["kind"] = _("Hãy chọn loại: khen thưởng hay sáng kiến.")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 1945 <= year <= timezone.localdate().year:
        errors["year"] = _("Năm không hợp lệ.")
    decision_number = (decision_number or "").strip()
    if not decision_number:
        errors["decision_number"] = _("Cần ghi số quyết định hoặc văn bản công nhận.")
    if kind == DeclaredHistory.Kind.AWARD and award_type is None:
        errors["award_type"] = _("Cần chọn danh hiệu, hình thức khen thưởng đã nhận.")
    if kind == DeclaredHistory.Kind.INITIATIVE:
        if not (title or "").strip():
            errors["title"] = _("Cần ghi tên sáng kiến.")
        if level not in Initiative.Level.values:
            errors["level"] = _("Cần chọn phạm vi ảnh hưởng của sáng kiến.")
    if route not in Route.values:
        errors["route"] = _("Hình thức xét không hợp lệ.")
    if decision_date and decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không hợp lệ.")
    if evidence is None:
        errors["evidence"] = _("Cần tải lên bản chụp quyết định làm minh chứng.")
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    checked = check_upload(evidence, field="evidence")
    declared = DeclaredHistory(
        nomination=nomination,
        unit_id=nomination.unit_id,
        kind=kind,
        nominee_name=nomination.nominee_name,
        nominee_citizen_id=nomination.nominee_citizen_id,
        nominee_birth_year=nomination.nominee_birth_year,
        award_type=award_type if kind == DeclaredHistory.Kind.AWARD else None,
        route=route,
        title=(title or "").strip() if kind == DeclaredHistory.Kind.INITIATIVE else "",
        level=level if kind == DeclaredHistory.Kind.INITIATIVE else "",
        year=year,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer=(issuer or "").strip(),
        evidence_name=checked.safe_name,
        evidence_type=checked.content_type,
        evidence_size=checked.size,
        evidence_sha256=checked.sha256,
        declared_by=actor,
    )
    try:
        declared.evidence.save(checked.safe_name, ContentFile(checked.content), save=False)
    except OSError as exc:
        raise InvalidState(
            _(
                "Không lưu được tệp vào kho lưu trữ (lỗi hệ thống lưu trữ). Chưa có thay đổi nào; vui lòng thử lại sau."
            )
        ) from exc
    declared.save()
    _audit("history_declare", declared, actor, ip, {"evidence_sha256": declared.evidence_sha256})
    return declared


def _reviewable(declared_id: int, actor) -> DeclaredHistory:
    if not has_any_role(actor, *REVIEWERS):
        raise NotPermitted(_("Chỉ chuyên viên Cơ quan Thường trực mới xác nhận lịch sử kê khai."))
    declared = (
        DeclaredHistory.objects.select_for_update(of=("self",))
        .select_related("nomination", "award_type")
        .filter(pk=declared_id)
        .first()
    )
    if declared is None or not can_view(actor, declared.nomination):
        raise NotPermitted()
    if declared.status != DeclaredHistory.Status.PENDING:
        raise InvalidState(
            _("Lịch sử kê khai này đã được thẩm định (%(status)s).")
            % {"status": declared.get_status_display()}
        )
    return declared


@transaction.atomic
def history_confirm(*, declared_id: int, actor, ip: str | None = None) -> DeclaredHistory:
    """The appraiser has checked the scanned decision: the declaration becomes history."""
    declared = _reviewable(declared_id, actor)
    if declared.kind == DeclaredHistory.Kind.AWARD:
        declared.award_record = AwardRecord.objects.create(
            nominee_kind=declared.nomination.nominee_kind,
            nominee_name=declared.nominee_name,
            nominee_name_search=normalize_search(declared.nominee_name),
            nominee_citizen_id=declared.nominee_citizen_id,
            nominee_birth_year=declared.nominee_birth_year,
            unit_id=declared.unit_id,
            award_type=declared.award_type,
            route=declared.route,
            year=declared.year,
            decision_number=declared.decision_number,
            decision_date=declared.decision_date,
            issuer=declared.issuer,
        )
    else:
        declared.initiative = Initiative.objects.create(
            title=declared.title,
            level=declared.level,
            year=declared.year,
            owner_name=declared.nominee_name,
            owner_citizen_id=declared.nominee_citizen_id,
            unit_id=declared.unit_id,
            recognition_ref=declared.decision_number,
        )
    declared.status = DeclaredHistory.Status.CONFIRMED
    declared.reviewed_by, declared.reviewed_at = actor, timezone.now()
    declared.save(update_fields=["status", "reviewed_by", "reviewed_at", "award_record", "initiative"])
    _audit(
        "history_confirm",
        declared,
        actor,
        ip,
        {"award_record": declared.award_record_id, "initiative": declared.initiative_id},
    )
    return declared


@transaction.atomic
def history_reject(*, declared_id: int, actor, reason: str, ip: str | None = None) -> DeclaredHistory:
    """The appraiser does not accept the declaration, and says why (the unit reads it)."""
    reason = require_comment(reason, _("không xác nhận lịch sử kê khai"))
    declared = _reviewable(declared_id, actor)
    declared.status = DeclaredHistory.Status.REJECTED
    declared.reviewed_by, declared.reviewed_at = actor, timezone.now()
    declared.reject_reason = reason
    declared.save(update_fields=["status", "reviewed_by", "reviewed_at", "reject_reason"])
    _audit("history_reject", declared, actor, ip, {}, comment=reason)
    return declared


def _audit(action, declared, actor, ip, extra, comment=""):
    nomination = declared.nomination
    what = declared.award_type.name if declared.award_type_id else declared.title
    record_event(
        action=action,
        actor=actor,
        nomination=nomination,
        from_status=nomination.status,
        to_status=nomination.status,
        comment=comment,
        ip=ip,
        data={
            "declared": declared.pk,
            "kind": declared.kind,
            "what": what,
            "year": declared.year,
            # A decision of the past, typed by the unit: not a document of the register.
            "declared_decision_number": declared.decision_number,
            **extra,
        },
    )
