"""Batches: one submission letter (tờ trình) for many nominees, built by hand or from XLSX."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import ActionError, InvalidInput, InvalidState, NotPermitted
from ..models import AssessmentGrade, AwardType, Batch, Nomination, Role
from ..policy.permissions import can_edit_batch, require_role
from ..text import normalize_search
from .dossier import store_document
from .imports import GRADES, ImportFileError, ImportResult, parse_grade, read_rows
from .imports import cell_text as _text
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
# Read when present (a template from before the statistical forms lacks them).
BATCH_OPTIONAL_COLUMNS = ["ngay_sinh", "doi_tuong_ca_nhan", "dan_toc", "doanh_nghiep"]


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
    return nomination_create(
        actor=actor, ip=ip, batch=batch, **{"year": batch.year, "movement": batch.movement, **fields}
    )


@transaction.atomic
def batch_remove_nomination(*, batch: Batch, nomination_id: int, actor, ip: str | None = None) -> Nomination:
    """An entry leaves the batch until it is submitted (a draft, or one the unit withdrew): the
    dossier stays in the unit's list, outside the letter."""
    if not can_edit_batch(actor, batch):
        raise NotPermitted(_("Tờ trình này không còn sửa được."))
    nomination = Nomination.objects.select_for_update().filter(pk=nomination_id, batch=batch).first()
    if nomination is None:
        raise InvalidInput(_("Đối tượng này không còn trong tờ trình. Vui lòng tải lại trang."))
    if nomination.status not in (Nomination.Status.DRAFT, Nomination.Status.WITHDRAWN):
        raise InvalidState(
            _("%(name)s đã nộp (%(status)s): không bỏ khỏi tờ trình được.")
            % {"name": nomination.nominee_name, "status": nomination.get_status_display().lower()}
        )
    Nomination.objects.filter(pk=nomination.pk).update(batch=None, batch_row=None)
    record_event(
        action="batch_remove",
        actor=actor,
        nomination=nomination,
        from_status=nomination.status,
        to_status=nomination.status,
        ip=ip,
        data={"batch": batch.pk, "row": nomination.batch_row},
    )
    nomination.batch, nomination.batch_row = None, None
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


class _Rollback(Exception):
    """Undo every row of an import that had a bad one."""


@transaction.atomic
def batch_mark_submitted(*, batch: Batch, actor, ip: str | None = None, nominations=None) -> Batch:
    """The letter went up with the nominees the engine submitted now (the first time sets its
    date; entries made ready later go up under the same letter)."""
    if nominations is None:
        nominations = list(batch.nominations.all())
    if batch.submitted_at is None:
        batch.submitted_at = timezone.now()
        batch.save(update_fields=["submitted_at"])
    record_event(
        action="batch_submit",
        actor=actor,
        ip=ip,
        data={"batch": batch.pk, "nominations": [n.pk for n in nominations]},
    )
    return batch


# --- the staff's annual assessment: who earns the unit's own titles ----------

GRADE_COLUMNS = ["ho_ten", "gioi_tinh", "nam_sinh", "chuc_vu", "cccd", "xep_loai"]
GRADE_LABELS = {
    "hoan_thanh_xuat_sac": "Hoàn thành xuất sắc nhiệm vụ",
    "hoan_thanh_tot": "Hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "Hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "Không hoàn thành nhiệm vụ",
}


@dataclass
class GradeImportResult(ImportResult):
    skipped: list[str] = field(default_factory=list)


def batch_import_grades(*, batch: Batch, actor, uploaded, award_code: str = "LDTT", ip: str | None = None):
    """The staff's annual grades in; a nomination for everyone whose grade earns the title.

    The grade the title needs is catalog data (``rule_params["min_grade"]``). People
    below it are listed, not errors; a malformed row refuses the whole file.
    """
    result = GradeImportResult()
    if not can_edit_batch(actor, batch) or batch.submitted_at:
        raise NotPermitted(_("Tờ trình này không còn sửa được."))
    award = AwardType.objects.filter(code=award_code).first()
    min_grade = (award.rule_params or {}).get("min_grade") if award else None
    if award is None or min_grade not in GRADES:
        raise InvalidInput(
            _("Danh mục chưa ghi mức xếp loại tối thiểu (min_grade) cho “%(award)s”.") % {"award": award_code}
        )
    try:
        rows = read_rows(uploaded, GRADE_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    genders = {"nam": "male", "nữ": "female", "nu": "female", "male": "male", "female": "female"}
    wanted = []
    for number, row in rows:
        name = _text(row.get("ho_ten"))
        grade = parse_grade(row.get("xep_loai"))
        gender = genders.get(_text(row.get("gioi_tinh")).lower())
        birth = _text(row.get("nam_sinh")).replace(".0", "")
        problems = []
        if not name:
            problems.append("thiếu họ tên")
        if grade is None:
            problems.append(f"xếp loại “{_text(row.get('xep_loai'))}” không hợp lệ (HTXS, HTT, HT, KHT)")
        if gender is None:
            problems.append("giới tính phải là Nam hoặc Nữ")
        if not birth.isdigit():
            problems.append(f"năm sinh “{birth}” không hợp lệ")
        if problems:
            result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
        elif GRADES.index(grade) > GRADES.index(min_grade):
            result.skipped.append(f"{name} ({GRADE_LABELS[grade]})")
        else:
            wanted.append((number, name, gender, int(birth), row, grade))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            # Everyone's grade becomes history (the provincial rules read it), proposed or not.
            AssessmentGrade.objects.bulk_create(
                [
                    AssessmentGrade(
                        nominee_name=_text(row.get("ho_ten")),
                        nominee_name_search=normalize_search(_text(row.get("ho_ten"))),
                        nominee_citizen_id=_text(row.get("cccd")).replace(".0", ""),
                        nominee_birth_year=int(_text(row.get("nam_sinh")).replace(".0", "")),
                        unit_id=batch.unit_id,
                        year=batch.year,
                        grade=parse_grade(row.get("xep_loai")),
                    )
                    for _number, row in rows
                ]
            )
            for number, name, gender, birth, row, grade in wanted:
                try:
                    with transaction.atomic():
                        batch_add_nomination(
                            batch=batch,
                            actor=actor,
                            ip=ip,
                            award_type=award,
                            route="annual",
                            nominee_kind="individual",
                            nominee_name=name,
                            nominee_gender=gender,
                            nominee_birth_year=birth,
                            nominee_position=_text(row.get("chuc_vu")),
                            nominee_citizen_id=_text(row.get("cccd")).replace(".0", ""),
                            achievements=f"Xếp loại {GRADE_LABELS[grade].lower()} năm {batch.year}.",
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
