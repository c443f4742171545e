"""A batch's nominees from the XLSX template, in Vietnamese, imported idempotently.

The template speaks the screen's language: Vietnamese headers, the catalog's award names,
"Cá nhân / Tập thể / Hộ gia đình", the routes as the form shows them; a second sheet holds the
valid values and the columns offer them as drop-downs. The codes of the old template
(``doi_tuong``, ``individual``, ``BANG_KHEN_TINH``, ``annual``) are still read.

Importing is idempotent: the same person (identity number, or name + date of birth where there is
none) for the same award and year is the same entry of the batch, updated when the row says
something new and left alone when it does not. Every problem of the file is reported at once, by
row and column; the rows without one are imported (importing the corrected file again creates
nothing twice).
"""

import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import appended_at_end
from ..exceptions import ActionError, NotPermitted
from ..models import AwardeeClass, AwardType, Batch, Nomination, NomineeKind, Route
from ..policy.permissions import can_edit_batch
from ..spreadsheet import put
from ..text import normalize_search
from .imports import ImportFileError, read_rows
from .imports import cell_date as _date
from .imports import cell_text as _text
from .nomination import nomination_create, nomination_update


@dataclass(frozen=True)
class Column:
    key: str  # the old template's header (still accepted) and the parsed field's name here
    header: str  # the Vietnamese header of the template
    width: int = 18
    required: bool = False  # the file must have the column (the old template had these)
    choices: str = ""  # the list on the "valid values" sheet offered as a drop-down


COLUMNS = (
    Column("doi_tuong", "Đối tượng", 14, True, "kinds"),
    Column("ho_ten", "Họ tên / Tên tập thể", 28, True),
    Column("gioi_tinh", "Giới tính", 10, True, "genders"),
    Column("nam_sinh", "Năm sinh", 10, True),
    Column("ngay_sinh", "Ngày sinh (dd/mm/yyyy)", 14),
    Column("chuc_vu", "Chức vụ, đơn vị công tác", 28, True),
    Column("cccd", "Số CCCD", 16, True),
    Column("dia_chi_ho", "Địa chỉ hộ gia đình", 24, True),
    Column("ma_danh_hieu", "Danh hiệu, hình thức khen thưởng", 34, True, "awards"),
    Column("hinh_thuc_xet", "Hình thức xét", 16, True, "routes"),
    Column("thanh_tich", "Tóm tắt thành tích", 40, True),
    Column("doi_tuong_ca_nhan", "Đối tượng cá nhân (biểu thống kê)", 34, False, "classes"),
    Column("dan_toc", "Dân tộc", 10),
    Column("doanh_nghiep", "Tập thể là doanh nghiệp", 12, False, "yes_no"),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
SHEET_TITLE = "Danh sách đề nghị"
VALUES_TITLE = "Giá trị hợp lệ"
GUIDE_TITLE = "Hướng dẫn"
TEMPLATE_ROWS = 2000  # the drop-downs cover this many rows
GENDERS = {"nam": "male", "nu": "female", "male": "male", "female": "female", "": ""}
YES_NO = {"": False, "khong": False, "0": False, "co": True, "x": True, "1": True}
# What people write besides the form's labels ("Hằng năm" for the annual round).
ROUTE_ALIASES = {"hang nam": Route.ANNUAL, "chuyen de": Route.THEMATIC}
# The fields an import sets (and compares, to tell an update from an unchanged row).
IMPORTED_FIELDS = (
    "award_type",
    "route",
    "nominee_kind",
    "nominee_name",
    "nominee_gender",
    "nominee_birth_year",
    "nominee_birth_date",
    "nominee_position",
    "nominee_citizen_id",
    "household_address",
    "achievements",
    "awardee_class",
    "ethnic_group",
    "is_enterprise",
)
# A service's field error told in the template's column.
FIELD_COLUMN = {
    "award_type": "ma_danh_hieu",
    "route": "hinh_thuc_xet",
    "nominee_kind": "doi_tuong",
    "nominee_name": "ho_ten",
    "nominee_gender": "gioi_tinh",
    "nominee_birth_year": "nam_sinh",
    "nominee_birth_date": "ngay_sinh",
    "nominee_position": "chuc_vu",
    "nominee_citizen_id": "cccd",
    "household_address": "dia_chi_ho",
    "achievements": "thanh_tich",
    "awardee_class": "doi_tuong_ca_nhan",
    "ethnic_group": "dan_toc",
    "is_enterprise": "doanh_nghiep",
}


@dataclass
class BatchImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)  # {"row", "column", "message"}

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def refused(self) -> int:
        """Rows refused (a file-level problem has row 0 or 1 and refuses everything)."""
        return len({e["row"] for e in self.errors if e["row"] and e["row"] > 1})

    def add(self, row: int, column: str, message: str) -> None:
        header = COLUMN_BY_KEY[column].header if column in COLUMN_BY_KEY else column
        self.errors.append({"row": row, "column": header, "message": str(message)})

    def messages(self) -> list[str]:
        """Each problem as the screen lists it: "Dòng 5, cột “Số CCCD”: …"."""
        lines = []
        for e in self.errors:
            where = [_("Dòng %(n)s") % {"n": e["row"]}] if e["row"] else []
            if e["column"]:
                where.append(_("cột “%(c)s”") % {"c": e["column"]})
            lines.append((", ".join(where) + ": " if where else "") + e["message"])
        return lines

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


# --- the vocabularies, as the screen shows them ------------------------------


def _labels(choices) -> list[str]:
    return [str(label) for _value, label in choices.choices]


def vocabularies(awards) -> dict[str, list[str]]:
    """The valid values of each drop-down column, in the screen's words."""
    return {
        "kinds": _labels(NomineeKind),
        "genders": [str(label) for _v, label in Nomination.Gender.choices],
        "awards": [a.name for a in awards],
        "routes": _labels(Route),
        "classes": _labels(AwardeeClass),
        "yes_no": ["Có", "Không"],  # read back by YES_NO: never translated
    }


def _lookup(choices, *aliases: dict) -> dict[str, str]:
    """A cell read by its code or its label, accent- and case-insensitive."""
    table = {normalize_search(v): v for v in choices.values}
    table.update({normalize_search(str(label)): v for v, label in choices.choices})
    for alias in aliases:
        table.update(alias)
    return table


class _Readers:
    """The cells' meanings, read once per import."""

    def __init__(self):
        awards = list(AwardType.objects.all())
        self.awards = {normalize_search(a.code): a for a in awards}
        # The catalog's names; a name two awards share stays readable by its code only.
        names = {}
        for award in awards:
            names.setdefault(normalize_search(award.name), []).append(award)
        self.awards.update({name: group[0] for name, group in names.items() if len(group) == 1})
        self.kinds = _lookup(NomineeKind)
        self.routes = _lookup(Route, ROUTE_ALIASES)
        self.classes = {**_lookup(AwardeeClass), "": ""}


def template_workbook() -> bytes:
    """The batch template: headers in Vietnamese, an example row, the valid values on a second
    sheet and drop-down validation on the columns that take one of them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    awards = list(AwardType.objects.order_by("level", "name"))
    lists = vocabularies(awards)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append([c.header for c in COLUMNS])
    example_award = next((a for a in awards if a.code == "LDTT"), awards[0] if awards else None)
    example = {
        "doi_tuong": str(NomineeKind.INDIVIDUAL.label),
        "ho_ten": "Nguyễn Văn A",
        "gioi_tinh": str(Nomination.Gender.MALE.label),
        "nam_sinh": 1980,
        "ngay_sinh": "15/03/1980",
        "chuc_vu": "Trưởng phòng",
        "cccd": "034080000001",
        "ma_danh_hieu": example_award.name if example_award else "",
        "hinh_thuc_xet": str(Route.ANNUAL.label),
        "thanh_tich": "Hoàn thành xuất sắc nhiệm vụ.",
        "doi_tuong_ca_nhan": str(AwardeeClass.OTHER_LEADER.label),
        "dan_toc": "Kinh",
        "doanh_nghiep": "Không",
    }
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    # Identity numbers and dates are text: Excel must not turn 034… into 34… or a day into a number.
    for key in ("cccd", "ngay_sinh"):
        letter = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"

    values = book.create_sheet(VALUES_TITLE)
    names = {
        "kinds": "Đối tượng",
        "genders": "Giới tính",
        "awards": "Danh hiệu, hình thức khen thưởng",
        "routes": "Hình thức xét",
        "classes": "Đối tượng cá nhân (biểu thống kê)",
        "yes_no": "Tập thể là doanh nghiệp",
    }
    ranges = {}
    for index, (key, items) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        put(values, 1, index, names[key]).font = bold
        for row, item in enumerate(items, start=2):
            put(values, row, index, item)
        values.column_dimensions[letter].width = 40
        ranges[key] = f"'{VALUES_TITLE}'!${letter}$2:${letter}${max(len(items), 1) + 1}"
    for index, column in enumerate(COLUMNS, start=1):
        if not column.choices:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list",
            formula1=f"={ranges[column.choices]}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Giá trị không hợp lệ"),
            error=_("Hãy chọn một giá trị trong danh sách (trang “Giá trị hợp lệ”)."),
        )
        sheet.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    # The example lives on its own sheet: a row left in the list would be imported as a person.
    guide = book.create_sheet(GUIDE_TITLE)
    guide.append([_("Ví dụ một dòng của trang “%(s)s” (trang này không được nhập):") % {"s": SHEET_TITLE}])
    guide.append([c.header for c in COLUMNS])
    guide.append([example.get(c.key, "") for c in COLUMNS])
    guide.append([])
    for line in (
        _("Mỗi dòng một đối tượng; các cột có ô chọn lấy giá trị ở trang “%(s)s”.") % {"s": VALUES_TITLE},
        _("Ngày sinh ghi dd/mm/yyyy; số CCCD gồm 12 chữ số."),
        _(
            "Nhập lại tệp đã sửa không tạo trùng: cùng số CCCD (hoặc họ tên và ngày sinh khi không có CCCD), "
            "cùng danh hiệu và năm thì hồ sơ đã có được cập nhật."
        ),
    ):
        guide.append([line])
    for cell in guide[2]:
        cell.font = bold
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading the rows ----------------------------------------------------------


def _header_keys(record: dict) -> dict[str, str]:
    """The file's header (as read_rows lower-cased it) -> the column key, by Vietnamese header or
    by the old code header."""
    known = {normalize_search(c.header): c.key for c in COLUMNS}
    known.update({c.key: c.key for c in COLUMNS})
    # Headers written without the hint in brackets ("Ngày sinh", "Đối tượng cá nhân").
    known.update({normalize_search(c.header.split(" (")[0]): c.key for c in COLUMNS})
    return {h: known[normalize_search(h)] for h in record if normalize_search(h) in known}


def _digits(value) -> str:
    text = _text(value)
    return text[:-2] if text.endswith(".0") else text


def _parse(number: int, cells: dict, readers: _Readers, result: BatchImportResult):
    """One row's fields, or None with every problem of the row added to the result."""
    problems_before = len(result.errors)

    def cell(key):
        return cells.get(key, "")

    award_text = _text(cell("ma_danh_hieu"))
    award = readers.awards.get(normalize_search(award_text))
    if award is None:
        result.add(
            number,
            "ma_danh_hieu",
            _("“%(v)s” không có trong danh mục khen thưởng.") % {"v": award_text}
            if award_text
            else _("Chưa chọn danh hiệu, hình thức khen thưởng."),
        )
    kind = readers.kinds.get(normalize_search(_text(cell("doi_tuong"))) or "individual")
    if kind is None:
        result.add(
            number,
            "doi_tuong",
            _("“%(v)s” không hợp lệ (Cá nhân, Tập thể hoặc Hộ gia đình).") % {"v": _text(cell("doi_tuong"))},
        )
    route = readers.routes.get(normalize_search(_text(cell("hinh_thuc_xet"))) or "annual")
    if route is None:
        result.add(number, "hinh_thuc_xet", _("“%(v)s” không hợp lệ.") % {"v": _text(cell("hinh_thuc_xet"))})
    gender = GENDERS.get(normalize_search(_text(cell("gioi_tinh"))))
    if gender is None:
        result.add(number, "gioi_tinh", _("Giới tính phải là Nam hoặc Nữ."))
    name = _text(cell("ho_ten"))
    if not name:
        result.add(number, "ho_ten", _("Chưa ghi họ tên / tên tập thể."))
    birth = _digits(cell("nam_sinh"))
    if birth and not birth.isdigit():
        result.add(number, "nam_sinh", _("Năm sinh “%(v)s” không hợp lệ.") % {"v": birth})
        birth = ""
    try:
        born = _date(cell("ngay_sinh"))
    except ValueError:
        born = None
        result.add(
            number,
            "ngay_sinh",
            _("Ngày sinh “%(v)s” không hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 15/03/1982.")
            % {"v": _text(cell("ngay_sinh"))},
        )
    cid = _digits(cell("cccd")).replace(" ", "")
    if cid and not (cid.isdigit() and len(cid) == 12):
        result.add(number, "cccd", _("Số CCCD “%(v)s” phải gồm đúng 12 chữ số.") % {"v": cid})
    awardee_class = readers.classes.get(normalize_search(_text(cell("doi_tuong_ca_nhan"))))
    if awardee_class is None:
        result.add(
            number,
            "doi_tuong_ca_nhan",
            _("“%(v)s” không có trong danh sách đối tượng cá nhân.")
            % {"v": _text(cell("doi_tuong_ca_nhan"))},
        )
    enterprise = normalize_search(_text(cell("doanh_nghiep")))
    if enterprise not in YES_NO:
        result.add(number, "doanh_nghiep", _("Ghi “Có” hoặc “Không”."))
    if len(result.errors) > problems_before:
        return None
    return {
        "award_type": award,
        "route": route,
        "nominee_kind": kind,
        "nominee_name": name,
        "nominee_gender": gender,
        "nominee_birth_year": int(birth) if birth else (born.year if born else None),
        "nominee_birth_date": born,
        "nominee_position": _text(cell("chuc_vu")),
        "nominee_citizen_id": cid,
        "household_address": _text(cell("dia_chi_ho")),
        "achievements": _text(cell("thanh_tich")),
        "awardee_class": awardee_class,
        "ethnic_group": _text(cell("dan_toc")),
        "is_enterprise": YES_NO[enterprise],
    }


def identity_key(*, award_id, year, citizen_id, name, birth_date, birth_year) -> tuple:
    """Who an entry is: the identity number, or the name and date of birth where there is none
    (a collective: its name), for one award and year."""
    if citizen_id:
        return (award_id, year, "cccd", citizen_id)
    return (award_id, year, "name", normalize_search(name), birth_date or birth_year)


def _key_of(nomination: Nomination) -> tuple:
    return identity_key(
        award_id=nomination.award_type_id,
        year=nomination.year,
        citizen_id=nomination.nominee_citizen_id,
        name=nomination.nominee_name,
        birth_date=nomination.nominee_birth_date,
        birth_year=nomination.nominee_birth_year,
    )


def _errors_from(exc: ActionError, number: int, result: BatchImportResult) -> None:
    fields = getattr(exc, "fields", None) or {}
    told = False
    for name, message in fields.items():
        column = FIELD_COLUMN.get(name)
        if column:
            result.add(number, column, message)
            told = True
    if not told:
        result.add(number, "", exc.message)


def batch_import_nominees(*, batch: Batch, actor, uploaded, ip: str | None = None) -> BatchImportResult:
    """The template's rows into the batch: new people created, known ones updated or left as they
    are, every problem listed by row and column; the rows without a problem are imported."""
    result = BatchImportResult()
    if not can_edit_batch(actor, batch) or batch.submitted_at:
        raise NotPermitted(_("Tờ trình này không còn sửa được."))
    try:
        rows = read_rows(uploaded, [])
    except ImportFileError as exc:
        result.add(0, "", str(exc))
        return result
    header = _header_keys(rows[0][1]) if rows else {}
    missing = [c for c in COLUMNS if c.required and c.key not in header.values()]
    if missing:
        for column in missing:
            result.add(1, column.key, _("Thiếu cột này; hãy dùng tệp mẫu."))
        return result
    readers = _Readers()
    parsed = []
    seen = {}
    for number, record in rows:
        cells = {key: record.get(h, "") for h, key in header.items()}
        fields = _parse(number, cells, readers, result)
        if fields is None:
            continue
        key = identity_key(
            award_id=fields["award_type"].pk,
            year=batch.year,
            citizen_id=fields["nominee_citizen_id"],
            name=fields["nominee_name"],
            birth_date=fields["nominee_birth_date"],
            birth_year=fields["nominee_birth_year"],
        )
        if key in seen:
            result.add(
                number,
                "cccd" if fields["nominee_citizen_id"] else "ho_ten",
                _("Trùng với dòng %(n)s (cùng người, cùng danh hiệu).") % {"n": seen[key]},
            )
            continue
        seen[key] = number
        parsed.append((number, key, fields))
    if not parsed:
        return result
    with transaction.atomic(), appended_at_end():
        existing = {}
        for nomination in batch.nominations.select_related("award_type").select_for_update(of=("self",)):
            existing.setdefault(_key_of(nomination), nomination)
        for number, key, fields in parsed:
            entry = existing.get(key)
            try:
                if entry is None:
                    nomination_create(
                        actor=actor,
                        ip=ip,
                        batch=batch,
                        batch_row=number,
                        year=batch.year,
                        movement=batch.movement,
                        **fields,
                    )
                    result.created += 1
                    continue
                changed = {
                    name: value
                    for name, value in fields.items()
                    if getattr(entry, name) != value
                    and not (value in ("", None) and not getattr(entry, name))
                }
                if not changed:
                    result.unchanged += 1
                    if entry.batch_row != number:
                        Nomination.objects.filter(pk=entry.pk).update(batch_row=number)
                    continue
                if not entry.is_editable_by_unit:
                    result.add(
                        number,
                        "",
                        _("%(name)s đã %(status)s, không sửa được từ tệp.")
                        % {"name": entry.nominee_name, "status": entry.get_status_display().lower()},
                    )
                    continue
                nomination_update(nomination=entry, actor=actor, ip=ip, **changed)
                if entry.batch_row != number:
                    Nomination.objects.filter(pk=entry.pk).update(batch_row=number)
                result.updated += 1
            except ActionError as exc:
                _errors_from(exc, number, result)
    return result
