"""Batches by the hundred, over HTTP: the Vietnamese template, every error at once, idempotent
import, a batch that submits what it can, entries removable until submitted."""

import io
from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from nominations import services
from nominations.models import AuditEvent, Nomination
from nominations.services.batch_import import COLUMNS
from tests.conftest import docx_file, pdf_file
from tests.web.api.test_api_lifecycle import token_client
from workflows import actions

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def person(name, cid="", *, award="Bằng khen của Chủ tịch UBND tỉnh", born="", kind="Cá nhân", **extra):
    values = {
        "Đối tượng": kind,
        "Họ tên / Tên tập thể": name,
        "Giới tính": "Nữ",
        "Năm sinh": 1982,
        "Ngày sinh (dd/mm/yyyy)": born,
        "Chức vụ, đơn vị công tác": "Giáo viên",
        "Số CCCD": cid,
        "Danh hiệu, hình thức khen thưởng": award,
        "Hình thức xét": "Thường xuyên",
        "Tóm tắt thành tích": "Hoàn thành xuất sắc nhiệm vụ.",
        **extra,
    }
    return [values.get(h, "") for h in HEADERS]


def workbook(rows, headers=HEADERS, name="danh-sach.xlsx"):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def new_batch(world, title="Tờ trình đề nghị Bằng khen năm 2026"):
    return services.batch_create(actor=world.clerk, title=title, year=2026)


def page(client, batch):
    return client.get(reverse("nominations:batch_detail", args=[batch.pk]))


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- the template in Vietnamese ------------------------------------------------


def test_the_template_speaks_the_screens_language_with_drop_downs(client, world):
    batch = new_batch(world)
    client.force_login(world.clerk)
    response = client.get(reverse("nominations:batch_template", args=[batch.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Danh sách đề nghị", "Giá trị hợp lệ", "Hướng dẫn"]
    sheet = book["Danh sách đề nghị"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Đối tượng", "Họ tên / Tên tập thể", "Giới tính"]
    assert "Danh hiệu, hình thức khen thưởng" in header and "Số CCCD" in header
    assert not any(h and h.islower() and "_" in h for h in header)  # no developer codes
    assert sheet.max_row == 1  # no example row to be imported by mistake: it is on the guide sheet
    guide = book["Hướng dẫn"]
    example = dict(zip([c.value for c in guide[2]], [c.value for c in guide[3]], strict=True))
    assert example["Đối tượng"] == "Cá nhân" and example["Hình thức xét"] == "Thường xuyên"
    values = book["Giá trị hợp lệ"]
    columns = {values.cell(row=1, column=i).value: i for i in range(1, values.max_column + 1)}
    kinds = [values.cell(row=r, column=columns["Đối tượng"]).value for r in range(2, 5)]
    assert kinds == ["Cá nhân", "Tập thể", "Hộ gia đình"]
    awards = {
        values.cell(row=r, column=columns["Danh hiệu, hình thức khen thưởng"]).value for r in range(2, 10)
    }
    assert world.award.name in awards and world.cstd.name in awards
    routes = {values.cell(row=r, column=columns["Hình thức xét"]).value for r in range(2, 10)}
    assert {"Thường xuyên", "Theo chuyên đề", "Đột xuất"} <= routes
    # Drop-downs on the columns that take a listed value, pointing at the second sheet.
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    letter = {h: chr(ord("A") + i) for i, h in enumerate(header)}
    for column in ("Đối tượng", "Giới tính", "Danh hiệu, hình thức khen thưởng", "Hình thức xét"):
        assert "Giá trị hợp lệ" in lists[f"{letter[column]}2"]

    # The template as downloaded, filled the Vietnamese way, imports.
    sheet.append(person("Trần Thị Kim Oanh", "034182000111", born="15/03/1982"))
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        reverse("nominations:batch_import", args=[batch.pk]),
        {"file": SimpleUploadedFile("mau.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "Đã nhập tệp: 1 mới, 0 cập nhật, 0 không đổi, 0 dòng bị từ chối." in messages_of(response)
    oanh = batch.nominations.get(nominee_name="Trần Thị Kim Oanh")
    assert (oanh.award_type, oanh.route, oanh.nominee_kind) == (world.award, "annual", "individual")
    assert oanh.nominee_birth_date == date(1982, 3, 15) and oanh.batch_row == 2


def test_codes_and_aliases_of_the_old_template_still_import(world):
    batch = new_batch(world)
    old = ["doi_tuong", "ho_ten", "gioi_tinh", "nam_sinh", "chuc_vu", "cccd", "dia_chi_ho"]
    old += ["ma_danh_hieu", "hinh_thuc_xet", "thanh_tich"]
    rows = [
        ["individual", "Người Mã Cũ", "Nam", 1980, "Hiệu trưởng", "", "", "BANG_KHEN_TINH", "annual", "A"],
        [
            "tập thể",
            "Trường THCS Lê Lợi",
            "",
            "",
            "",
            "",
            "",
            "bang khen cua chu tich ubnd tinh",
            "Hằng năm",
            "B",
        ],
    ]
    result = services.batch_import_nominees(batch=batch, actor=world.clerk, uploaded=workbook(rows, old))
    assert result.errors == [] and result.created == 2
    assert set(batch.nominations.values_list("nominee_kind", "route")) == {
        ("individual", "annual"),
        ("collective", "annual"),
    }


def test_every_error_of_the_file_is_listed_at_once_by_row_and_column(client, world):
    batch = new_batch(world)
    rows = [
        person("Người Đúng", "034182000001"),
        person(
            "Sai Nhiều Chỗ", "12345", award="Huân chương không có", born="31/02/1982", **{"Giới tính": "Khác"}
        ),
        person("", "034182000003", **{"Đối tượng": "Cơ quan"}),
        person("Người Đúng", "034182000001"),  # the same person twice in the file
    ]
    client.force_login(world.clerk)
    response = client.post(
        reverse("nominations:batch_import", args=[batch.pk]), {"file": workbook(rows)}, follow=True
    )
    told = messages_of(response)
    assert "Đã nhập tệp: 1 mới, 0 cập nhật, 0 không đổi, 3 dòng bị từ chối." in told
    expected = [
        "Dòng 3, cột “Danh hiệu, hình thức khen thưởng”: “Huân chương không có” không có trong danh mục",
        "Dòng 3, cột “Giới tính”: Giới tính phải là Nam hoặc Nữ.",
        "Dòng 3, cột “Ngày sinh (dd/mm/yyyy)”: Ngày sinh “31/02/1982” không hợp lệ",
        "Dòng 3, cột “Số CCCD”: Số CCCD “12345” phải gồm đúng 12 chữ số.",
        "Dòng 4, cột “Đối tượng”: “Cơ quan” không hợp lệ",
        "Dòng 4, cột “Họ tên / Tên tập thể”: Chưa ghi họ tên",
        "Dòng 5, cột “Số CCCD”: Trùng với dòng 2",
    ]
    for line in expected:
        assert any(m.startswith(line) for m in told), (line, told)
    assert list(batch.nominations.values_list("nominee_name", flat=True)) == ["Người Đúng"]


def test_a_file_missing_columns_names_each_of_them(world):
    batch = new_batch(world)
    result = services.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=workbook([["x", "y"]], headers=["Họ tên", "Số CCCD"])
    )
    missing = {e["column"] for e in result.errors if e["row"] == 1}
    assert {"Đối tượng", "Danh hiệu, hình thức khen thưởng", "Hình thức xét"} <= missing
    assert batch.nominations.count() == 0


# --- idempotent import -----------------------------------------------------------


def test_importing_the_same_file_twice_creates_nothing_the_second_time_over_the_api(world):
    batch = new_batch(world)
    rows = [
        person("Trần Thị Kim Oanh", "034182000111"),
        person("Trần Thị Kim Oanh", "034182000222"),  # same name, another person
        person("Lê Văn Không Số", "", born="02/09/1985", **{"Giới tính": "Nam", "Năm sinh": 1985}),
    ]
    api = token_client(world.clerk)

    def upload(rows):
        return api.post(f"/api/batches/{batch.pk}/import/", {"file": workbook(rows)}, format="multipart")

    first = upload(rows)
    assert first.status_code == 200, first.content
    assert first.json() == {"created": 3, "updated": 0, "unchanged": 0, "errors": []}
    again = upload(rows)
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 3, "errors": []}
    assert batch.nominations.count() == 3

    # A corrected row updates its entry (by identity number; by name + date of birth without one).
    rows[0] = person("Trần Thị Kim Oanh", "034182000111", **{"Chức vụ, đơn vị công tác": "Tổ trưởng"})
    rows[2] = person(
        "Lê Văn Không Số",
        "",
        born="02/09/1985",
        **{"Giới tính": "Nam", "Năm sinh": 1985, "Tóm tắt thành tích": "Mới"},
    )
    rows.append(person("Người Mới", "034182000333", **{"Số CCCD": "12"}))
    third = upload(rows).json()
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 2, 1)
    assert third["errors"] == [
        {"row": 5, "column": "Số CCCD", "message": "Số CCCD “12” phải gồm đúng 12 chữ số."}
    ]
    assert batch.nominations.count() == 3
    assert batch.nominations.get(nominee_citizen_id="034182000111").nominee_position == "Tổ trưởng"
    assert batch.nominations.get(nominee_name="Lê Văn Không Số").achievements == "Mới"
    # Each update is audited with what changed.
    update = AuditEvent.objects.filter(action="update", nomination__nominee_citizen_id="034182000111").get()
    assert update.data["changed"]["nominee_position"] == ["Giáo viên", "Tổ trưởng"]


def test_another_units_batch_is_not_found_over_the_api(world):
    batch = new_batch(world)
    other = token_client(world.clerk2)
    response = other.post(f"/api/batches/{batch.pk}/import/", {"file": workbook([])}, format="multipart")
    assert response.status_code == 404


# --- the dead end: submitting what can be submitted ----------------------------


def _ready(nomination, clerk):
    services.document_add(nomination=nomination, actor=clerk, kind="bao_cao_thanh_tich", uploaded=docx_file())
    services.document_add(nomination=nomination, actor=clerk, kind="bien_ban", uploaded=pdf_file("bb.pdf"))


def test_a_withdrawn_entry_no_longer_blocks_the_batch_and_entries_can_be_removed(client, world):
    batch = new_batch(world)
    rows = [
        person("Trần Thị Kim Oanh", "034182000111"),
        person("Trần Thị Kim Oanh", "034182000222"),
        person("Phạm Thị Thiếu", "034182000333"),
        person("Ngô Văn Đủ", "034182000444"),
    ]
    services.batch_import_nominees(batch=batch, actor=world.clerk, uploaded=workbook(rows))
    services.batch_document_add(batch=batch, actor=world.clerk, kind="to_trinh", uploaded=pdf_file())
    entries = {n.nominee_citizen_id: n for n in batch.nominations.all()}
    for cid in ("034182000111", "034182000222", "034182000444"):
        _ready(entries[cid], world.clerk)
    # One Trần Thị Kim Oanh is withdrawn; her namesake is ready.
    actions.perform(user=world.clerk, nomination_id=entries["034182000222"].pk, action="withdraw")

    client.force_login(world.clerk)
    response = client.post(reverse("nominations:batch_submit", args=[batch.pk]), follow=True)
    told = messages_of(response)
    assert "Đã nộp tờ trình với 2 đối tượng." in told
    assert any(
        m.startswith("Dòng 4 · CCCD 034182000333 · Phạm Thị Thiếu: còn thiếu") and "Báo cáo thành tích" in m
        for m in told
    ), told
    assert "Bỏ qua 1 đối tượng đã rút hoặc đã nộp trước đó." in told
    status = dict(batch.nominations.values_list("nominee_citizen_id", "status"))
    assert status == {
        "034182000111": "cluster_review",
        "034182000222": "withdrawn",
        "034182000333": "draft",
        "034182000444": "cluster_review",
    }

    # The missing document added, the same button submits the rest under the same letter.
    _ready(entries["034182000333"], world.clerk)
    response = client.post(reverse("nominations:batch_submit", args=[batch.pk]), follow=True)
    assert "Đã nộp tờ trình với 1 đối tượng." in messages_of(response)

    # The withdrawn entry can be removed; a submitted one cannot.
    html = page(client, batch).content.decode()
    assert reverse("nominations:batch_remove", args=[batch.pk, entries["034182000222"].pk]) in html
    assert reverse("nominations:batch_remove", args=[batch.pk, entries["034182000111"].pk]) not in html
    response = client.post(
        reverse("nominations:batch_remove", args=[batch.pk, entries["034182000222"].pk]), follow=True
    )
    assert "Đã bỏ Trần Thị Kim Oanh khỏi tờ trình." in messages_of(response)
    response = client.post(
        reverse("nominations:batch_remove", args=[batch.pk, entries["034182000111"].pk]), follow=True
    )
    assert any("đã nộp" in m and "không bỏ khỏi tờ trình được" in m for m in messages_of(response))
    assert sorted(batch.nominations.values_list("nominee_citizen_id", flat=True)) == [
        "034182000111",
        "034182000333",
        "034182000444",
    ]
    assert AuditEvent.objects.filter(action="batch_remove", nomination=entries["034182000222"]).exists()


def test_a_draft_entry_can_be_removed_before_submission(client, world):
    batch = new_batch(world)
    services.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=workbook([person("Nhầm Người", "034182000999")])
    )
    entry = batch.nominations.get()
    client.force_login(world.clerk)
    client.post(reverse("nominations:batch_remove", args=[batch.pk, entry.pk]))
    assert batch.nominations.count() == 0
    assert Nomination.objects.get(pk=entry.pk).status == "draft"  # the dossier itself stays the unit's
    client.force_login(world.clerk2)
    response = client.post(reverse("nominations:batch_remove", args=[batch.pk, entry.pk]))
    assert response.status_code == 404


def test_when_nothing_can_go_nothing_changes_and_each_reason_is_told(client, world):
    batch = new_batch(world)
    services.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=workbook([person("Chưa Đủ", "034182000555")])
    )
    client.force_login(world.clerk)
    told = messages_of(client.post(reverse("nominations:batch_submit", args=[batch.pk]), follow=True))
    assert "Chưa nộp được đối tượng nào của tờ trình." in told
    assert any(m.startswith("Dòng 2 · CCCD 034182000555 · Chưa Đủ: còn thiếu Tờ trình") for m in told), told
    batch.refresh_from_db()
    assert batch.submitted_at is None and batch.nominations.get().status == "draft"
