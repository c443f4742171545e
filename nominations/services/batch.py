"""Batches: one submission letter (tờ trình) for many nominees, built by hand or from XLSX."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import ActionError, InvalidInput, NotPermitted
from ..models import AwardType, Batch, Nomination, NomineeKind, Role, Route
from ..policy.permissions import can_edit_batch, require_role
from .dossier import store_document
from .imports import ImportFileError, ImportResult, _text, choice_lookup, read_rows
from .nomination import nomination_create

# --- batches: one submission letter (tờ trình) for many nominees -------------

BATCH_COLUMNS = [
    "doi_tuong",
    "ho_ten",
    "gioi_tinh",
    "nam_sinh",
    "chuc_vu",
    "cccd",
    "dia_chi_ho",
    "ma_danh_hieu",
    "hinh_thuc_xet",
    "thanh_tich",
]


@transaction.atomic
def batch_create(
    *, actor, title: str, year: int, number: str = "", movement=None, ip: str | None = None
) -> Batch:
    message = _("Chỉ cán bộ thi đua của đơn vị mới lập được tờ trình.")
    require_role(actor, Role.UNIT_CLERK, message=message)
    if not (actor.unit_id or actor.is_superuser):
        raise NotPermitted(message)
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Cần nhập trích yếu tờ trình."), fields={"title": _("Bắt buộc.")})
    batch = Batch.objects.create(
        unit_id=actor.unit_id, title=title, year=year, number=number, movement=movement, created_by=actor
    )
    record_event(action="batch_create", actor=actor, ip=ip, data={"batch": batch.pk, "title": title})
    return batch


def batch_add_nomination(*, batch: Batch, actor, ip: str | None = None, **fields) -> Nomination:
    """A nominee added by hand: a draft nomination of the batch's unit, in the batch."""
    if not can_edit_batch(actor, batch) or batch.submitted_at:
        raise NotPermitted(_("Tờ trình này không còn sửa được."))
    with transaction.atomic():
        nomination = nomination_create(
            actor=actor, ip=ip, **{"year": batch.year, "movement": batch.movement, **fields}
        )
        Nomination.objects.filter(pk=nomination.pk).update(batch=batch)
    nomination.batch = batch
    return nomination


@transaction.atomic
def batch_document_add(*, batch: Batch, actor, kind: str, uploaded, ip: str | None = None):
    """The batch's own letter (tờ trình): it counts for every nomination in the batch."""
    if not can_edit_batch(actor, batch) or batch.submitted_at:
        raise NotPermitted(_("Tờ trình này không còn sửa được."))
    document = store_document(
        owner={"batch": batch, "nomination": None}, kind=kind, uploaded=uploaded, actor=actor
    )
    record_event(
        action="document_add",
        actor=actor,
        ip=ip,
        data={"batch": batch.pk, "document": document.pk, "kind": kind, "sha256": document.sha256},
    )
    return document


def batch_import_nominees(*, batch: Batch, actor, uploaded, ip: str | None = None):
    """Nominees from the XLSX template: every bad row listed, nothing created if any is bad."""
    result = ImportResult()
    if not can_edit_batch(actor, batch) or batch.submitted_at:
        raise NotPermitted(_("Tờ trình này không còn sửa được."))
    try:
        rows = read_rows(uploaded, BATCH_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    awards = {a.code: a for a in AwardType.objects.all()}
    kinds = choice_lookup(NomineeKind)
    routes = choice_lookup(Route)
    genders = {"nam": "male", "nữ": "female", "male": "male", "female": "female", "": ""}
    try:
        with transaction.atomic():
            for number, row in rows:
                problems = []
                award = awards.get(_text(row.get("ma_danh_hieu")))
                if award is None:
                    problems.append(
                        f"mã danh hiệu “{_text(row.get('ma_danh_hieu'))}” không có trong danh mục"
                    )
                kind = kinds.get(_text(row.get("doi_tuong")).lower() or "individual")
                route = routes.get(_text(row.get("hinh_thuc_xet")).lower() or "annual")
                gender = genders.get(_text(row.get("gioi_tinh")).lower())
                if kind is None:
                    problems.append("đối tượng không hợp lệ")
                if route is None:
                    problems.append("hình thức xét không hợp lệ")
                if gender is None:
                    problems.append("giới tính phải là Nam hoặc Nữ")
                birth = _text(row.get("nam_sinh")).replace(".0", "")
                if birth and not birth.isdigit():
                    problems.append(f"năm sinh “{birth}” không hợp lệ")
                if problems:
                    result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
                    continue
                try:
                    with transaction.atomic():
                        batch_add_nomination(
                            batch=batch,
                            actor=actor,
                            ip=ip,
                            award_type=award,
                            route=route,
                            nominee_kind=kind,
                            nominee_name=_text(row.get("ho_ten")),
                            nominee_gender=gender,
                            nominee_birth_year=int(birth) if birth else None,
                            nominee_position=_text(row.get("chuc_vu")),
                            nominee_citizen_id=_text(row.get("cccd")).replace(".0", ""),
                            household_address=_text(row.get("dia_chi_ho")),
                            achievements=_text(row.get("thanh_tich")),
                        )
                except ActionError as exc:
                    result.errors.append(f"Dòng {number}: {exc.message}")
                else:
                    result.created += 1
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = 0
    return result


class _Rollback(Exception):
    """Undo every row of an import that had a bad one."""


@transaction.atomic
def batch_mark_submitted(*, batch: Batch, actor, ip: str | None = None) -> Batch:
    """The letter went up with all its nominees (the engine submitted each one)."""
    from django.utils import timezone

    batch.submitted_at = timezone.now()
    batch.save(update_fields=["submitted_at"])
    record_event(
        action="batch_submit",
        actor=actor,
        ip=ip,
        data={"batch": batch.pk, "nominations": list(batch.nominations.values_list("pk", flat=True))},
    )
    return batch
