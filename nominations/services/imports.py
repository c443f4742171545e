"""Import of units and cluster memberships from CSV or XLSX: all rows or none.

Parsing and validation are pure; ``import_units`` / ``import_memberships``
write inside one transaction only when every row is valid, and otherwise
return every bad row with its reason in Vietnamese.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from .. import spreadsheet, xlsx_guard
from ..models import Cluster, ClusterMembership, Unit
from ..text import normalize_search

UNIT_COLUMNS = ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "successor_code"]
MEMBERSHIP_COLUMNS = ["cluster_code", "year", "unit_code"]
MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024  # an import file, not a dossier document


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    """The file itself cannot be read (wrong format, no header)."""


def _limited(rows, limit: int):
    """The rows, stopping with a clear error as soon as there are more than ``limit``."""
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise ImportFileError(f"Tệp quá lớn: tối đa {MAX_ROWS} dòng.")
        yield row


def read_rows(uploaded, columns: list[str]) -> list[tuple[int, dict]]:
    """(row number as the user sees it, {column: text}) for each non-empty row.

    Size and row count are checked while reading (a small workbook can declare a
    million rows): the file is refused at the first row past the limit.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ImportFileError(f"Tệp quá lớn: tối đa {MAX_BYTES // (1024 * 1024)} MB.")
    name = (getattr(uploaded, "name", "") or "").lower()
    content = uploaded.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ImportFileError(f"Tệp quá lớn: tối đa {MAX_BYTES // (1024 * 1024)} MB.")
    if name.endswith(".xlsx") or content[:4] == b"PK\x03\x04":
        try:
            source = xlsx_guard.open_rows(content, columns=len(columns), max_rows=MAX_ROWS)
        except xlsx_guard.WorkbookRefused as exc:
            raise ImportFileError(str(exc)) from exc
        except Exception as exc:
            raise ImportFileError("Không đọc được tệp XLSX.") from exc
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError("Tệp CSV phải được lưu theo mã UTF-8.") from exc
        source = csv.reader(io.StringIO(text))
    try:
        raw = [[("" if v is None else v) for v in row] for row in _limited(source, MAX_ROWS + 1)]
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError("Không đọc được nội dung tệp.") from exc
    if not raw:
        raise ImportFileError("Tệp không có dữ liệu.")
    header = [str(h).strip().lower() for h in raw[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportFileError("Thiếu cột: " + ", ".join(missing) + ". Hãy dùng tệp mẫu.")
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        record = {h: values[i] if i < len(values) else "" for i, h in enumerate(header)}
        if any(str(v).strip() for v in record.values()):
            rows.append((number, record))
    return rows


def choice_lookup(choices) -> dict[str, str]:
    """A cell may give a choice by its code or by its Vietnamese label (any case)."""
    return {**{v: v for v in choices.values}, **{str(label).lower(): v for v, label in choices.choices}}


def cell_text(value) -> str:
    return str(value).strip() if value is not None else ""


def cell_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _identity(row, *, missing_name: str = "thiếu họ tên") -> tuple[str, str, str, list[str]]:
    """A person's name, citizen id and birth year from an import row, and what is wrong with them
    (the same checks in every history import)."""
    problems = []
    name = cell_text(row.get("ho_ten"))
    if not name:
        problems.append(missing_name)
    cid = cell_text(row.get("cccd")).replace(".0", "")
    if cid and not (cid.isdigit() and len(cid) == 12):
        problems.append(f"số CCCD “{cid}” phải gồm 12 chữ số")
    birth = cell_text(row.get("nam_sinh")).replace(".0", "")
    if birth and not (birth.isdigit() and 1900 <= int(birth) <= 2100):
        problems.append(f"năm sinh “{birth}” không hợp lệ")
    return name, cid, birth, problems


KIND_BY_LABEL = choice_lookup(Unit.Kind)


def import_units(uploaded) -> ImportResult:
    result = ImportResult()
    try:
        rows = read_rows(uploaded, UNIT_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    existing = set(Unit.objects.values_list("code", flat=True))
    in_file = {}
    parsed = []
    for number, row in rows:
        code = cell_text(row.get("code"))
        problems = []
        if not code:
            problems.append("thiếu mã đơn vị")
        elif code in in_file:
            problems.append(f"mã đơn vị “{code}” trùng với dòng {in_file[code]}")
        else:
            in_file[code] = number
        name = cell_text(row.get("name"))
        if not name:
            problems.append("thiếu tên đơn vị")
        kind_text = cell_text(row.get("kind"))
        kind = kind_text if kind_text in Unit.Kind.values else KIND_BY_LABEL.get(kind_text.lower())
        if not kind:
            problems.append(f"loại đơn vị “{kind_text}” không hợp lệ")
        dates = {}
        for col in ("valid_from", "valid_to"):
            try:
                dates[col] = cell_date(row.get(col))
            except ValueError:
                problems.append(f"ngày “{cell_text(row.get(col))}” ở cột {col} không hợp lệ (dd/mm/yyyy)")
                dates[col] = None
        if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
            problems.append("ngày hết hiệu lực trước ngày bắt đầu")
        parsed.append((number, code, name, kind, row, dates, problems))
    known = existing | set(in_file)
    for number, code, _name, _kind, row, _dates, problems in parsed:
        for col, label in (("parent_code", "đơn vị cấp trên"), ("successor_code", "đơn vị kế thừa")):
            ref = cell_text(row.get(col))
            if ref and ref not in known:
                problems.append(f"mã {label} “{ref}” không tồn tại")
            if ref and ref == code:
                problems.append(f"{label} không thể là chính nó")
        if problems:
            result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
    if result.errors:
        return result
    with transaction.atomic():
        units = {}
        for _number, code, name, kind, _row, dates, _problems in parsed:
            unit, created = Unit.objects.update_or_create(
                code=code, defaults={"name": name, "kind": kind, **dates}
            )
            units[code] = unit
            result.created += created
            result.updated += not created
        for _number, code, _name, _kind, row, _dates, _problems in parsed:
            refs = {}
            for col, attr in (("parent_code", "parent"), ("successor_code", "successor")):
                ref = cell_text(row.get(col))
                refs[attr] = (units.get(ref) or Unit.objects.get(code=ref)) if ref else None
            Unit.objects.filter(pk=units[code].pk).update(**refs)
    return result


def import_memberships(uploaded) -> ImportResult:
    result = ImportResult()
    try:
        rows = read_rows(uploaded, MEMBERSHIP_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    clusters = {(c.code, c.year): c for c in Cluster.objects.all()}
    units = {u.code: u for u in Unit.objects.all()}
    seen = {}
    parsed = []
    for number, row in rows:
        problems = []
        code, unit_code = cell_text(row.get("cluster_code")), cell_text(row.get("unit_code"))
        try:
            year = int(float(cell_text(row.get("year"))))
        except ValueError:
            year = None
            problems.append(f"năm “{cell_text(row.get('year'))}” không hợp lệ")
        cluster = clusters.get((code, year)) if year else None
        if year and cluster is None:
            problems.append(f"không có cụm/khối mã “{code}” năm {year}")
        unit = units.get(unit_code)
        if unit is None:
            problems.append(f"mã đơn vị “{unit_code}” không tồn tại")
        if unit and year:
            if (unit_code, year) in seen:
                problems.append(f"đơn vị đã thuộc một cụm/khối năm {year} ở dòng {seen[(unit_code, year)]}")
            else:
                seen[(unit_code, year)] = number
                other = (
                    ClusterMembership.objects.filter(unit=unit, year=year).exclude(cluster=cluster).first()
                )
                if other:
                    problems.append(f"đơn vị đã thuộc “{other.cluster.name}” năm {year}")
        if problems:
            result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
        else:
            parsed.append((cluster, unit))
    if result.errors:
        return result
    with transaction.atomic():
        for cluster, unit in parsed:
            _obj, created = ClusterMembership.objects.get_or_create(cluster=cluster, unit=unit)
            result.created += created
    return result


def template_xlsx(columns: list[str], example: list) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for number, values in enumerate((columns, example), start=1):
        for column, value in enumerate(values, start=1):
            spreadsheet.put(sheet, number, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HISTORY_COLUMNS = [
    "ho_ten",
    "cccd",
    "nam_sinh",
    "doi_tuong",
    "ma_don_vi",
    "ma_danh_hieu",
    "hinh_thuc_xet",
    "nam",
    "so_quyet_dinh",
    "ngay_quyet_dinh",
]


def import_award_history(uploaded) -> ImportResult:
    """Past awards (decided before this system) from the XLSX template: all rows or none."""
    from ..models import AwardRecord, AwardType, NomineeKind, Route

    result = ImportResult()
    try:
        rows = read_rows(uploaded, HISTORY_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    units = {u.code: u for u in Unit.objects.all()}
    awards = {a.code: a for a in AwardType.objects.all()}
    kinds = choice_lookup(NomineeKind)
    routes = choice_lookup(Route)
    records = []
    for number, row in rows:
        name, cid, birth, problems = _identity(row, missing_name="thiếu họ tên / tên tập thể")
        kind = kinds.get(cell_text(row.get("doi_tuong")).lower() or "individual")
        if kind is None:
            problems.append(f"đối tượng “{cell_text(row.get('doi_tuong'))}” không hợp lệ")
        unit = units.get(cell_text(row.get("ma_don_vi")))
        if unit is None:
            problems.append(f"mã đơn vị “{cell_text(row.get('ma_don_vi'))}” không tồn tại")
        award = awards.get(cell_text(row.get("ma_danh_hieu")))
        if award is None:
            problems.append(f"mã danh hiệu “{cell_text(row.get('ma_danh_hieu'))}” không có trong danh mục")
        route = routes.get(cell_text(row.get("hinh_thuc_xet")).lower() or "annual")
        if route is None:
            problems.append(f"hình thức xét “{cell_text(row.get('hinh_thuc_xet'))}” không hợp lệ")
        year = cell_text(row.get("nam")).replace(".0", "")
        if not (year.isdigit() and 1945 <= int(year) <= 2100):
            problems.append(f"năm “{year}” không hợp lệ")
        try:
            decided = cell_date(row.get("ngay_quyet_dinh"))
        except ValueError:
            decided = None
            problems.append(
                f"ngày quyết định “{cell_text(row.get('ngay_quyet_dinh'))}” không hợp lệ (dd/mm/yyyy)"
            )
        if problems:
            result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
            continue
        records.append(
            AwardRecord(
                nominee_kind=kind,
                nominee_name=name,
                nominee_citizen_id=cid,
                nominee_birth_year=int(birth) if birth else None,
                unit=unit,
                award_type=award,
                route=route,
                year=int(year),
                decision_number=cell_text(row.get("so_quyet_dinh")),
                decision_date=decided,
            )
        )
    if result.errors:
        return result
    with transaction.atomic():
        for record in records:
            record.save()
        result.created = len(records)
    return result


# Decree 90/2020 (assessment of officials): the four grades, best first.
GRADES = ["hoan_thanh_xuat_sac", "hoan_thanh_tot", "hoan_thanh", "khong_hoan_thanh"]
GRADE_ALIASES = {
    "htxs": "hoan_thanh_xuat_sac",
    "htt": "hoan_thanh_tot",
    "ht": "hoan_thanh",
    "kht": "khong_hoan_thanh",
}


def parse_grade(text) -> str | None:
    """A grade as the unit writes it: the code, the abbreviation, or the words (with or without accents)."""
    key = normalize_search(str(text or "")).replace(" nhiem vu", "").replace(" ", "_")
    return GRADE_ALIASES.get(key.replace("_", ""), key if key in GRADES else None)


GRADE_HISTORY_COLUMNS = ["ho_ten", "cccd", "nam_sinh", "ma_don_vi", "nam", "xep_loai"]


def import_grades(uploaded) -> ImportResult:
    """The staff's annual assessment grades as history: every row checked, all rows or none."""
    from ..models import AssessmentGrade

    result = ImportResult()
    try:
        rows = read_rows(uploaded, GRADE_HISTORY_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    units = {u.code: u for u in Unit.objects.all()}
    grades = []
    for number, row in rows:
        name, cid, birth, problems = _identity(row)
        year = cell_text(row.get("nam")).replace(".0", "")
        unit = units.get(cell_text(row.get("ma_don_vi")))
        grade = parse_grade(row.get("xep_loai"))
        if not (year.isdigit() and 1990 <= int(year) <= 2100):
            problems.append(f"năm “{year}” không hợp lệ")
        if unit is None:
            problems.append(f"mã đơn vị “{cell_text(row.get('ma_don_vi'))}” không có")
        if grade is None:
            problems.append(f"xếp loại “{cell_text(row.get('xep_loai'))}” không hợp lệ (HTXS, HTT, HT, KHT)")
        if problems:
            result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
            continue
        grades.append(
            AssessmentGrade(
                nominee_name=name,
                nominee_name_search=normalize_search(name),
                nominee_citizen_id=cid,
                nominee_birth_year=int(birth) if birth else None,
                unit=unit,
                year=int(year),
                grade=grade,
            )
        )
    if result.errors:
        return result
    with transaction.atomic():
        AssessmentGrade.objects.bulk_create(grades)
    result.created = len(grades)
    return result


SERVICE_COLUMNS = ["ho_ten", "cccd", "nam_sinh", "don_vi_phuc_vu", "tu_ngay", "den_ngay", "giay_xac_nhan"]


def import_service_records(uploaded) -> ImportResult:
    """Certified periods of youth volunteer service (history for Huy chương TNXP): all rows or none."""
    from ..models import ServiceRecord

    result = ImportResult()
    try:
        rows = read_rows(uploaded, SERVICE_COLUMNS)
    except ImportFileError as exc:
        result.errors.append(str(exc))
        return result
    records = []
    for number, row in rows:
        name, cid, birth, problems = _identity(row)
        days = {}
        for col in ("tu_ngay", "den_ngay"):
            try:
                days[col] = cell_date(row.get(col))
            except ValueError:
                days[col] = None
            if days[col] is None:
                problems.append(f"ngày “{cell_text(row.get(col))}” ở cột {col} không hợp lệ (dd/mm/yyyy)")
        if days["tu_ngay"] and days["den_ngay"] and days["den_ngay"] < days["tu_ngay"]:
            problems.append("ngày kết thúc trước ngày bắt đầu")
        if problems:
            result.errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
            continue
        records.append(
            ServiceRecord(
                nominee_name=name,
                nominee_name_search=normalize_search(name),
                nominee_citizen_id=cid,
                nominee_birth_year=int(birth) if birth else None,
                force=cell_text(row.get("don_vi_phuc_vu")),
                started_on=days["tu_ngay"],
                ended_on=days["den_ngay"],
                evidence=cell_text(row.get("giay_xac_nhan")),
            )
        )
    if result.errors:
        return result
    with transaction.atomic():
        ServiceRecord.objects.bulk_create(records)
    result.created = len(records)
    return result
