"""Batches: one submission letter (tờ trình) for many nominees, built by hand or from XLSX."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import ActionError, InvalidInput, NotPermitted
from ..models import AssessmentGrade, AwardeeClass, AwardType, Batch, Nomination, NomineeKind, Role, Route
from ..policy.permissions import can_edit_batch, require_role
from ..text import normalize_search
from .dossier import store_document
from .imports import GRADES, ImportFileError, ImportResult, choice_lookup, parse_grade, read_rows
from .imports import cell_date as _date
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
YES_NO = {"": False, "không": False, "khong": False, "0": False, "có": True, "co": True, "x": True, "1": True}


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
    classes = {**choice_lookup(AwardeeClass), "": ""}
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
                # Optional columns (older templates lack them): full birth date, awardee class,
                # ethnic group, enterprise.
                try:
                    born = _date(row.get("ngay_sinh"))
                except ValueError:
                    born = None
                    problems.append(f"ngày sinh “{_text(row.get('ngay_sinh'))}” không hợp lệ (dd/mm/yyyy)")
                awardee_class = classes.get(_text(row.get("doi_tuong_ca_nhan")).lower())
                if awardee_class is None:
                    problems.append(f"đối tượng cá nhân “{_text(row.get('doi_tuong_ca_nhan'))}” không hợp lệ")
                enterprise = _text(row.get("doanh_nghiep")).lower()
                if enterprise not in YES_NO:
                    problems.append(f"cột doanh nghiệp “{enterprise}” phải là có hoặc không")
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
                            nominee_birth_year=int(birth) if birth else (born.year if born else None),
                            nominee_birth_date=born,
                            awardee_class=awardee_class,
                            ethnic_group=_text(row.get("dan_toc")),
                            is_enterprise=YES_NO[enterprise],
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
