"""Every write to a nomination: one function per business action.

Each function checks role and scope (``policy.permissions``), fires the django-fsm
transition, saves, and appends the audit event in the same transaction. The
workflow engine calls these from inside its flow lock; screens and the API
never call them directly for a status change (they go through
``workflows.actions``)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from ..audit import record_event
from ..exceptions import DossierChanged, InvalidInput, InvalidState, NotPermitted
from ..models import (
    Appraisal,
    Comment,
    CouncilMeeting,
    CouncilVote,
    Nomination,
    NomineeKind,
    Role,
    Route,
)
from ..people import borrowed_identity
from ..policy import council, documents, eligibility, paths
from ..policy.permissions import can_act, require_role
from ..selectors import cluster_for
from ._common import require_comment, validation_to_input
from .dossier import free_initiative

S = Nomination.Status

# Fields a unit may set on its own dossier (create and edit).


EDITABLE_FIELDS = (
    "award_type",
    "route",
    "movement",
    "year",
    "nominee_kind",
    "nominee_name",
    "nominee_gender",
    "nominee_birth_year",
    "nominee_birth_date",
    "nominee_position",
    "awardee_class",
    "ethnic_group",
    "is_enterprise",
    "nominee_citizen_id",
    "household_address",
    "achievements",
    "under_discipline",
    "under_inspection",
    "has_open_complaint",
    "posthumous",
)


def _check_nominee(nomination: Nomination) -> None:
    """Business checks beyond field validation, with Vietnamese messages."""
    errors = {}
    born = nomination.nominee_birth_date
    if born and not nomination.nominee_birth_year:
        # The full date says the year; the year alone stays valid for older records.
        nomination.nominee_birth_year = born.year
    if born and born.year != nomination.nominee_birth_year:
        errors["nominee_birth_date"] = _("Ngày sinh không khớp với năm sinh.")
    if born and born > timezone.localdate():
        errors["nominee_birth_date"] = _("Ngày sinh không hợp lệ.")
    if nomination.nominee_kind != NomineeKind.INDIVIDUAL and nomination.awardee_class:
        errors["awardee_class"] = _("Chỉ ghi đối tượng cá nhân cho hồ sơ đề nghị khen cá nhân.")
    if nomination.nominee_kind != NomineeKind.COLLECTIVE and nomination.is_enterprise:
        errors["is_enterprise"] = _("Chỉ tập thể mới được đánh dấu là doanh nghiệp.")
    award = nomination.award_type
    if award.nominee_kinds and nomination.nominee_kind not in award.nominee_kinds:
        errors["nominee_kind"] = _("Hình thức “%(award)s” không áp dụng cho đối tượng “%(kind)s”.") % {
            "award": award.name,
            "kind": nomination.get_nominee_kind_display(),
        }
    if award.routes and nomination.route not in award.routes:
        errors["route"] = _("Hình thức “%(award)s” không xét theo diện “%(route)s”.") % {
            "award": award.name,
            "route": nomination.get_route_display(),
        }
    if nomination.nominee_kind == NomineeKind.INDIVIDUAL:
        if not nomination.nominee_gender:
            errors["nominee_gender"] = _("Cần ghi giới tính của cá nhân.")
        if not nomination.nominee_birth_year:
            errors["nominee_birth_year"] = _("Cần ghi năm sinh của cá nhân.")
        if not nomination.nominee_position:
            errors["nominee_position"] = _("Cần ghi chức vụ, đơn vị công tác.")
    if nomination.nominee_kind == NomineeKind.HOUSEHOLD and not nomination.household_address:
        errors["household_address"] = _("Cần ghi địa chỉ của hộ gia đình.")
    year_now = timezone.localdate().year
    if nomination.year and not (2000 <= nomination.year <= year_now + 1):
        errors["year"] = _("Năm đề nghị không hợp lệ.")
    if nomination.nominee_birth_year and not (1900 <= nomination.nominee_birth_year <= year_now):
        errors["nominee_birth_year"] = _("Năm sinh không hợp lệ.")
    cid = nomination.nominee_citizen_id
    if cid and not (cid.isdigit() and len(cid) == 12):
        errors["nominee_citizen_id"] = _("Số CCCD phải gồm đúng 12 chữ số.")
    if errors:
        raise InvalidInput(" ".join(errors.values()), fields=errors)


def _save_checked(nomination: Nomination) -> None:
    try:
        nomination.full_clean(exclude=["status", "created_by", "unit"])
    except ValidationError as exc:
        raise validation_to_input(exc) from exc
    _check_nominee(nomination)
    nomination.save()


def _identity_checked(nomination: Nomination, *, confirmed: bool) -> list[str]:
    """An identity number already known under another name is said before saving: the clerk
    confirms it is the same person (a changed name), or corrects the number. Returns the other
    names confirmed (for the audit), else raises."""
    if nomination.nominee_kind != NomineeKind.INDIVIDUAL or not nomination.nominee_citizen_id:
        return []
    others = borrowed_identity(
        citizen_id=nomination.nominee_citizen_id,
        name=nomination.nominee_name,
        exclude_nomination=nomination.pk,
    )
    if others and not confirmed:
        message = _(
            "Số CCCD này đang gắn với %(names)s. Nếu đúng là cùng một người (đã đổi tên), hãy đánh dấu "
            "xác nhận rồi lưu lại; nếu nhập nhầm, hãy sửa số CCCD. Các quyết định khen thưởng ghi dưới "
            "tên khác không được tính cho hồ sơ này."
        ) % {"names": ", ".join(others)}
        raise InvalidInput(
            message,
            fields={"nominee_citizen_id": message, "confirm_identity": _("Xác nhận trước khi lưu.")},
        )
    return others


def _masked_change(name: str, old, new) -> list[str]:
    """A field's change as the audit keeps it: the objects by name, the identity number masked."""

    def show(value):
        if name == "nominee_citizen_id":
            value = value or ""
            return f"{'*' * (len(value) - 4)}{value[-4:]}" if len(value) > 4 else value
        return "" if value is None else str(value)

    return [show(old), show(new)]


@transaction.atomic
def nomination_create(
    *,
    actor,
    ip: str | None = None,
    confirm_identity: bool = False,
    batch=None,
    batch_row: int | None = None,
    **fields,
) -> Nomination:
    """A unit clerk opens a draft dossier for their own unit (in one of its batches, at a row of
    the batch's file)."""
    message = _("Chỉ cán bộ thi đua của đơn vị mới được lập hồ sơ.")
    require_role(actor, Role.UNIT_CLERK, message=message)
    if actor.unit_id is None:
        raise NotPermitted(message)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))})
    unit = actor.unit
    today = timezone.localdate()
    if not unit.is_valid_on(today):
        successor = (
            " " + _("Hồ sơ mới lập tại đơn vị kế thừa: %(s)s.") % {"s": unit.successor}
            if unit.successor_id
            else ""
        )
        raise InvalidState(
            _("%(unit)s không còn hoạt động từ ngày %(day)s, không lập được hồ sơ mới.%(successor)s")
            % {
                "unit": unit.name,
                "day": (unit.valid_to or today).strftime("%d/%m/%Y"),
                "successor": successor,
            }
        )
    nomination = Nomination(
        unit_id=actor.unit_id, created_by=actor, batch=batch, batch_row=batch_row, **fields
    )
    others = _identity_checked(nomination, confirmed=confirm_identity)
    _save_checked(nomination)
    record_event(
        action="create",
        actor=actor,
        nomination=nomination,
        to_status=nomination.status,
        ip=ip,
        data={"identity_confirmed_despite": others} if others else None,
    )
    return nomination


@transaction.atomic
def nomination_update(
    *, nomination: Nomination, actor, ip: str | None = None, confirm_identity: bool = False, **fields
) -> Nomination:
    """The unit edits its dossier while it is a draft or returned to it."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not can_act(actor, nomination, "edit"):
        raise NotPermitted()
    if not nomination.is_editable_by_unit:
        raise InvalidState(_("Chỉ sửa được hồ sơ đang soạn hoặc bị trả lại."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))})
    changed = {}
    for name, value in fields.items():
        old = getattr(nomination, name)
        if old != value:
            # Which fields changed, old → new, as a reader of the log would want them.
            changed[name] = _masked_change(name, old, value)
            setattr(nomination, name, value)
    if changed:
        others = (
            _identity_checked(nomination, confirmed=confirm_identity)
            if {"nominee_citizen_id", "nominee_name"} & set(changed)
            else []
        )
        _save_checked(nomination)
        data = {"changed": changed}
        if others:
            data["identity_confirmed_despite"] = others
        record_event(
            action="update",
            actor=actor,
            nomination=nomination,
            from_status=nomination.status,
            to_status=nomination.status,
            ip=ip,
            data=data,
        )
    return nomination


# --- transitions -------------------------------------------------------------


# A transition runs inside the door's transaction (the flow lock), or opens its own when called
# alone. Inside, no savepoint: an action is all or nothing with the flow's routing, and a failure
# rolls the whole transaction back (every caller lets it propagate), so a savepoint would only
# cost two round trips per action.
def in_action(func):
    return transaction.atomic(savepoint=False)(func)


def ensure_transition(nomination: Nomination, action: str, actor) -> None:
    """Refuse, with a message, an action the state or the user's role/scope forbids."""
    method = getattr(nomination, action)
    if not can_proceed(method):
        raise InvalidState(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.")
            % {"status": nomination.get_status_display()}
        )
    if not has_transition_perm(method, actor):
        raise NotPermitted()


def fire_transition(nomination: Nomination, action: str, actor, **kwargs) -> str:
    """Run the django-fsm transition after the checks, and save (optimistic lock)."""
    ensure_transition(nomination, action, actor)
    method = getattr(nomination, action)
    from_status = nomination.status
    before = _values(nomination)
    method(**kwargs)
    nomination.status_changed_at = timezone.now()
    # Only what the transition changed (status, its date, and e.g. version or returned_from): a
    # full-row UPDATE would rewrite every column, and could write back a stale copy of another.
    changed = [name for name, value in _values(nomination).items() if before.get(name) != value]
    try:
        nomination.save(update_fields=changed)
    except ConcurrentTransition as exc:
        raise DossierChanged() from exc
    return from_status


def _values(nomination: Nomination) -> dict:
    return {
        f.name: getattr(nomination, f.attname) for f in Nomination._meta.concrete_fields if not f.primary_key
    }


def thread_comment(nomination, actor, kind, body, stage):
    if body:
        Comment.objects.create(nomination=nomination, author=actor, kind=kind, body=body, stage=stage)


def audit_transition(nomination, actor, action, from_status, comment="", ip=None, data=None):
    record_event(
        action=action,
        actor=actor,
        nomination=nomination,
        from_status=from_status,
        to_status=nomination.status,
        comment=comment,
        ip=ip,
        data=data,
    )


def _simple(nomination, actor, action, *, comment, ip, kind, reason=None, ends=False) -> Nomination:
    """A transition with no data of its own: the reason (when required), the thread, the audit row.

    ``reason`` names the act in the "a reason is required" message; ``ends``:
    the dossier ends without an award, so its initiative is free again.
    """
    comment = require_comment(comment, reason) if reason else (comment or "").strip()
    from_status = fire_transition(nomination, action, actor)
    if ends:
        free_initiative(nomination)
    thread_comment(nomination, actor, kind, comment, from_status)
    audit_transition(nomination, actor, action, from_status, comment, ip)
    return nomination


def _require_documents(nomination: Nomination) -> None:
    """Refuse with the list of what the dossier still lacks."""
    missing = documents.missing_documents(nomination)
    if missing:
        raise InvalidInput(
            _("Hồ sơ còn thiếu: %(docs)s.") % {"docs": ", ".join(documents.document_kind_labels(missing))},
            fields={"documents": missing},
        )


@in_action
def nomination_submit(
    *, nomination: Nomination, actor, comment: str = "", ip: str | None = None
) -> Nomination:
    """The unit sends the dossier on the path its award's authority gives.

    The unit's own titles go to the unit council's vote (where the catalog
    asks for one) or straight to the unit head; provincial and upward awards
    go to the cluster, or straight to appraisal for ad-hoc awards and units
    outside any cluster that year.
    """
    ensure_transition(nomination, "submit", actor)
    _require_documents(nomination)
    closed = documents.submission_closed(nomination, today=timezone.localdate())
    if closed:
        raise InvalidState(
            _(
                "Đã hết hạn nhận hồ sơ (%(what)s, hạn %(date)s). Liên hệ Ban Thi đua – Khen thưởng để được gia hạn."
            )
            % {"what": closed[0], "date": closed[1].strftime("%d/%m/%Y")}
        )
    authority = paths.authority_for(nomination.award_type, unit=nomination.unit)
    cluster = cluster_for(nomination)
    # The first stage is the lifecycle table's, for the path, the vote and whether a cluster reviews.
    from_status = fire_transition(
        nomination,
        "submit",
        actor,
        path=authority.path,
        vote_required=authority.vote_required,
        cluster=nomination.route != Route.AD_HOC and cluster is not None,
    )
    if cluster is not None and nomination.cluster_id != cluster.pk:
        nomination.cluster = cluster
        nomination.save(update_fields=["cluster"])
    thread_comment(nomination, actor, Comment.Kind.NOTE, comment, from_status)
    audit_transition(nomination, actor, "submit", from_status, comment, ip, {"version": nomination.version})
    return nomination


@in_action
def nomination_submit_sent_up(*, nomination: Nomination, actor, ip: str | None = None) -> Nomination:
    """A citizen's application the commune Chairman sent up: the dossier goes straight to the
    province's appraisal on the path its award's authority gives (no cluster reviews it).

    The caller (``application_send_up``) checked that the actor chairs the commune that filed it;
    the unit clerk's submit permission does not apply to the Chairman's letter."""
    if not can_proceed(nomination.submit):
        raise InvalidState(_("Hồ sơ này đã được trình."))
    _require_documents(nomination)
    authority = paths.authority_for(nomination.award_type, unit=nomination.unit)
    from_status = nomination.status
    nomination.submit(path=authority.path, vote_required=authority.vote_required, cluster=False)
    nomination.status_changed_at = timezone.now()
    try:
        nomination.save()
    except ConcurrentTransition as exc:
        raise DossierChanged() from exc
    audit_transition(nomination, actor, "submit", from_status, "", ip, {"version": nomination.version})
    return nomination


@in_action
def nomination_approve_cluster(
    *, nomination: Nomination, actor, comment: str = "", ip: str | None = None
) -> Nomination:
    """The cluster/block head agrees and sends the dossier to appraisal."""
    return _simple(nomination, actor, "approve_cluster", comment=comment, ip=ip, kind=Comment.Kind.APPROVE)


@in_action
def nomination_return(*, nomination: Nomination, actor, comment: str, ip: str | None = None) -> Nomination:
    """A reviewer sends the dossier back to the unit; the reason is required."""
    return _simple(
        nomination,
        actor,
        "return_for_changes",
        comment=comment,
        ip=ip,
        kind=Comment.Kind.RETURN,
        reason=_("trả lại hồ sơ"),
    )


@in_action
def nomination_resubmit(
    *, nomination: Nomination, actor, comment: str = "", ip: str | None = None
) -> Nomination:
    """The unit sends the revised dossier back to the stage that returned it."""
    ensure_transition(nomination, "resubmit", actor)
    _require_documents(nomination)
    from_status = fire_transition(nomination, "resubmit", actor)
    thread_comment(nomination, actor, Comment.Kind.RESUBMIT, comment.strip(), from_status)
    audit_transition(nomination, actor, "resubmit", from_status, comment, ip, {"version": nomination.version})
    return nomination


@in_action
def nomination_pass_appraisal(
    *,
    nomination: Nomination,
    actor,
    checklist: dict | None = None,
    justification: str = "",
    comment: str = "",
    ip: str | None = None,
) -> Nomination:
    """The appraiser passes the dossier to the Council; a failed check needs a justification."""
    checklist = {str(k): bool(v) for k, v in (checklist or {}).items()}
    justification = (justification or "").strip()
    ensure_transition(nomination, "pass_appraisal", actor)
    # The rules advise, the appraiser decides: a failed rule needs a written reason.
    results = [r.as_dict() for r in eligibility.evaluate(nomination)]
    failed = [k for k, ok in checklist.items() if not ok] + [r["name"] for r in results if not r["passed"]]
    if failed and not justification:
        labels = dict(documents.APPRAISAL_CHECKLIST)
        raise InvalidInput(
            _("Có tiêu chí chưa đạt (%(items)s): phải ghi giải trình khi vẫn trình Hội đồng.")
            % {"items": "; ".join(str(labels.get(item, item)) for item in failed)},
            fields={"justification": _("Bắt buộc khi có tiêu chí chưa đạt.")},
        )
    checklist = {**checklist, "rules": results}
    # The vote was fixed at submission with the path (``Nomination.vote_required``).
    from_status = fire_transition(nomination, "pass_appraisal", actor)
    Appraisal.objects.create(
        nomination=nomination, checklist=checklist, justification=justification, appraiser=actor
    )
    thread_comment(nomination, actor, Comment.Kind.APPROVE, comment.strip(), from_status)
    audit_transition(
        nomination,
        actor,
        "pass_appraisal",
        from_status,
        comment,
        ip,
        {
            "checklist": {k: v for k, v in checklist.items() if k != "rules"},
            "rules": results,
            "justification": justification,
            "failed": failed,
        },
    )
    return nomination


@in_action
def nomination_record_vote(
    *,
    nomination: Nomination,
    actor,
    votes_for: int,
    votes_against: int,
    members_present: int | None = None,
    members_total: int | None = None,
    meeting=None,
    comment: str = "",
    ip: str | None = None,
) -> Nomination:
    """The Council secretary records the secret ballot; the threshold decides.

    Taken at a recorded ``meeting``, the vote records it: the members and those present are the
    meeting's, and the meeting's minutes are the ones the vote needs (catalog: vote documents).
    """
    if meeting is not None:
        meeting, members_present, members_total = _meeting_figures(
            nomination, meeting, members_present, members_total
        )
    if members_present is None or members_total is None:
        raise InvalidInput(
            _("Cần ghi số thành viên có mặt và tổng số thành viên, hoặc chọn phiên họp."),
            fields={"members_present": _("Bắt buộc.")},
        )
    try:
        votes_for, votes_against = int(votes_for), int(votes_against)
        members_present, members_total = int(members_present), int(members_total)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(_("Số phiếu và số thành viên phải là số nguyên.")) from exc
    errors = {}
    if min(votes_for, votes_against, members_present, members_total) < 0:
        errors["votes_for"] = _("Số phiếu không được âm.")
    if members_total <= 0:
        errors["members_total"] = _("Tổng số thành viên Hội đồng phải lớn hơn 0.")
    elif members_present > members_total:
        errors["members_present"] = _("Số thành viên có mặt không thể lớn hơn tổng số thành viên.")
    elif Decimal(members_present) < council.QUORUM * members_total:
        errors["members_present"] = _("Chưa đủ 2/3 số thành viên Hội đồng có mặt, phiên họp không hợp lệ.")
    # Members absent from the meeting vote in writing: their ballots count (up to all members).
    if votes_for + votes_against > members_total:
        errors["votes_against"] = _("Tổng số phiếu vượt quá tổng số thành viên Hội đồng.")
    if errors:
        raise InvalidInput(" ".join(errors.values()), fields=errors)
    ensure_transition(nomination, "record_vote", actor)
    pending = council.disclosure_pending(nomination)
    if pending:
        raise InvalidState(pending)
    lacking = documents.missing_for_vote(nomination, meeting=meeting)
    if lacking:
        raise InvalidInput(
            _("Chưa ghi được kết quả biểu quyết: còn thiếu %(docs)s (ghi phiên họp kèm biên bản).")
            % {"docs": ", ".join(documents.document_kind_labels(lacking))},
            fields={"meeting": _("Chọn phiên họp đã ghi kèm biên bản.")},
        )
    threshold = council.threshold_for(nomination)
    passed = council.vote_passes(
        votes_for=votes_for,
        members_present=members_present,
        members_total=members_total,
        threshold=threshold,
    )
    from_status = fire_transition(nomination, "record_vote", actor, passed=passed)
    if not passed:
        free_initiative(nomination)
    CouncilVote.objects.create(
        nomination=nomination,
        votes_for=votes_for,
        votes_against=votes_against,
        members_present=members_present,
        members_total=members_total,
        threshold_percent=threshold.percent,
        threshold_base=threshold.base,
        threshold_strict=threshold.strict,
        passed=passed,
        recorded_by=actor,
        meeting=meeting,
    )
    if meeting is not None:
        meeting.nominations.add(nomination)
    thread_comment(nomination, actor, Comment.Kind.NOTE, comment.strip(), from_status)
    audit_transition(
        nomination,
        actor,
        "record_vote",
        from_status,
        comment,
        ip,
        {
            "votes_for": votes_for,
            "votes_against": votes_against,
            "members_present": members_present,
            "members_total": members_total,
            "passed": passed,
            "meeting": getattr(meeting, "pk", None),
            # The public's comments are part of the meeting record.
            "public_comments": list(
                nomination.disclosures.values_list("comments__id", flat=True).exclude(comments__id=None)
            ),
        },
    )
    return nomination


# The council that votes at each stage (a unit's council, the provincial Council).
VOTING_COUNCIL = {S.UNIT_VOTE: "unit", S.COUNCIL_VOTE: "province"}


def _meeting_figures(nomination, meeting, members_present, members_total):
    """The meeting the vote is taken at (an id or the row), checked against the dossier's stage and
    unit; its members and those present are the vote's."""
    if not isinstance(meeting, CouncilMeeting):
        meeting = CouncilMeeting.objects.filter(pk=meeting).first()
    kind = VOTING_COUNCIL.get(nomination.status)
    if meeting is None or (kind and meeting.kind != kind):
        raise InvalidInput(
            _("Phiên họp không phải của Hội đồng biểu quyết hồ sơ này."),
            fields={"meeting": _("Không hợp lệ.")},
        )
    if meeting.kind == "unit" and meeting.unit_id not in (None, nomination.unit_id):
        raise InvalidInput(
            _("Phiên họp là của Hội đồng một đơn vị khác."), fields={"meeting": _("Không hợp lệ.")}
        )
    for given, own, label in (
        (members_present, meeting.members_present, _("số thành viên có mặt")),
        (members_total, meeting.members_total, _("tổng số thành viên")),
    ):
        if given is not None and int(given) != own:
            raise InvalidInput(
                _("%(what)s khác với phiên họp đã ghi (%(n)s).") % {"what": label, "n": own},
                fields={"meeting": _("Không khớp.")},
            )
    return meeting, meeting.members_present, meeting.members_total


@in_action
def nomination_reject(*, nomination: Nomination, actor, comment: str, ip: str | None = None) -> Nomination:
    """A reviewer turns the nomination down for good; the reason is required."""
    return _simple(
        nomination,
        actor,
        "reject",
        comment=comment,
        ip=ip,
        kind=Comment.Kind.REJECT,
        reason=_("không đồng ý khen thưởng"),
        ends=True,
    )


@in_action
def nomination_withdraw(
    *, nomination: Nomination, actor, comment: str = "", ip: str | None = None
) -> Nomination:
    """The unit withdraws its nomination (final)."""
    return _simple(nomination, actor, "withdraw", comment=comment, ip=ip, kind=Comment.Kind.NOTE, ends=True)


@in_action
def nomination_return_to_council(
    *, nomination: Nomination, actor, comment: str, ip: str | None = None
) -> Nomination:
    """The leader sends a dossier back to the Council for another look; the reason is required."""
    return _simple(
        nomination,
        actor,
        "return_to_council",
        comment=comment,
        ip=ip,
        kind=Comment.Kind.RETURN,
        reason=_("chuyển lại Hội đồng"),
    )
