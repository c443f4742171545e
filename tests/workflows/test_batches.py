"""One tờ trình for many nominees: built by hand or from XLSX, submitted all at once."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from nominations import services as dossiers
from nominations.exceptions import InvalidInput
from nominations.models import Nomination
from tests.conftest import docx_file, pdf_file
from workflows.actions import submit_batch

pytestmark = pytest.mark.django_db


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("ds.xlsx", buffer.getvalue())


def complete_documents(nomination, clerk):
    from nominations import services

    services.document_add(nomination=nomination, actor=clerk, kind="bao_cao_thanh_tich", uploaded=docx_file())
    services.document_add(nomination=nomination, actor=clerk, kind="bien_ban", uploaded=pdf_file("bb.pdf"))


def test_a_batch_is_submitted_all_at_once_and_each_nomination_flows_on_its_own(world):
    batch = dossiers.batch_create(actor=world.clerk, title="Tờ trình đề nghị Bằng khen năm 2026", year=2026)
    rows = [
        dossiers.BATCH_COLUMNS,
        [
            "individual",
            "Nguyễn Văn Một",
            "Nam",
            1980,
            "Hiệu trưởng",
            "",
            "",
            "BANG_KHEN_TINH",
            "annual",
            "Thành tích A",
        ],
        ["collective", "Trường THCS Lê Lợi", "", "", "", "", "", "BANG_KHEN_TINH", "annual", "Thành tích B"],
    ]
    result = dossiers.batch_import_nominees(batch=batch, actor=world.clerk, uploaded=xlsx(rows))
    assert result.ok and result.created == 2
    nominations = list(batch.nominations.all())
    for n in nominations:
        complete_documents(n, world.clerk)

    # No batch letter yet: nothing is submitted, and the message names who lacks what.
    with pytest.raises(InvalidInput) as err:
        submit_batch(user=world.clerk, batch_id=batch.pk)
    assert "Nguyễn Văn Một" in str(err.value.message) and "Tờ trình" in str(err.value.message)
    assert set(batch.nominations.values_list("status", flat=True)) == {"draft"}

    dossiers.batch_document_add(batch=batch, actor=world.clerk, kind="to_trinh", uploaded=pdf_file())
    done = submit_batch(user=world.clerk, batch_id=batch.pk)
    assert [n.status for n in done] == ["cluster_review", "cluster_review"]
    batch.refresh_from_db()
    assert batch.submitted_at is not None
    # Each one moves on its own.
    from workflows import actions

    actions.perform(user=world.reviewer, nomination_id=done[0].pk, action="approve_cluster")
    assert Nomination.objects.get(pk=done[0].pk).status == "council_review"
    assert Nomination.objects.get(pk=done[1].pk).status == "cluster_review"


def test_an_import_lists_every_bad_row_by_column_and_imports_the_good_ones(world):
    batch = dossiers.batch_create(actor=world.clerk, title="Đợt 2", year=2026)
    rows = [
        dossiers.BATCH_COLUMNS,
        ["individual", "Người Tốt", "Nữ", 1985, "Chuyên viên", "", "", "BANG_KHEN_TINH", "annual", "A"],
        ["individual", "Thiếu năm sinh", "Nữ", "", "Chuyên viên", "", "", "BANG_KHEN_TINH", "annual", "B"],
        ["individual", "Sai mã", "Khác", 1985, "x", "", "", "KHONG_CO", "annual", "C"],
    ]
    result = dossiers.batch_import_nominees(batch=batch, actor=world.clerk, uploaded=xlsx(rows))
    assert not result.ok and result.created == 1 and result.refused == 2
    by_place = {(e["row"], e["column"]): e["message"] for e in result.errors}
    assert "năm sinh" in by_place[(3, "Năm sinh")].lower()
    assert "KHONG_CO" in by_place[(4, "Danh hiệu, hình thức khen thưởng")]
    assert "Nam hoặc Nữ" in by_place[(4, "Giới tính")]
    assert list(batch.nominations.values_list("nominee_name", flat=True)) == ["Người Tốt"]


def test_batch_pages_are_scoped_to_the_unit(client, world):
    batch = dossiers.batch_create(actor=world.clerk, title="Đợt của Sở GD", year=2026)
    client.force_login(world.clerk2)
    assert client.get(reverse("nominations:batch_detail", args=[batch.pk])).status_code == 404
    client.force_login(world.clerk)
    page = client.get(reverse("nominations:batch_detail", args=[batch.pk])).content.decode()
    assert "Đợt của Sở GD" in page
    response = client.post(
        reverse("nominations:batch_detail", args=[batch.pk]),
        {
            "award_type": world.award.pk,
            "route": "annual",
            "year": 2026,
            "nominee_kind": "individual",
            "nominee_name": "Thêm tay",
            "nominee_gender": "male",
            "nominee_birth_year": 1990,
            "nominee_position": "Giáo viên",
            "achievements": "x",
        },
    )
    assert response.status_code == 302
    assert batch.nominations.get().nominee_name == "Thêm tay"


def test_a_batch_submits_what_it_can_and_tells_what_it_could_not(world):
    """One nominee's closed window no longer stops the letter: the others go up, she is listed."""
    from datetime import date

    from tests.factories import AwardTypeFactory

    closed = AwardTypeFactory(
        code="GIAY_KHEN_DONG", name="Hình thức đã hết hạn nhận", submission_closes=date(2020, 1, 1)
    )
    batch = dossiers.batch_create(actor=world.clerk, title="Đợt có hình thức hết hạn", year=2026)
    dossiers.batch_document_add(batch=batch, actor=world.clerk, kind="to_trinh", uploaded=pdf_file())
    fields = {
        "route": "annual",
        "nominee_kind": "individual",
        "nominee_gender": "male",
        "nominee_birth_year": 1980,
        "nominee_position": "Giáo viên",
        "achievements": "x",
    }
    first = dossiers.batch_add_nomination(
        batch=batch, actor=world.clerk, award_type=world.award, nominee_name="Người đầu", **fields
    )
    second = dossiers.batch_add_nomination(
        batch=batch, actor=world.clerk, award_type=closed, nominee_name="Người sau", **fields
    )
    for n in (first, second):
        complete_documents(n, world.clerk)
    done = submit_batch(user=world.clerk, batch_id=batch.pk)
    assert [n.pk for n in done] == [first.pk]
    assert [(line["name"], "hết hạn" in line["reason"]) for line in done.refused] == [("Người sau", True)]
    assert Nomination.objects.get(pk=second.pk).status == "draft"
    batch.refresh_from_db()
    assert batch.submitted_at is not None


def test_a_workbook_of_a_million_declared_rows_is_refused_at_the_limit(world, monkeypatch):
    """Size and row count are checked while reading: the file is refused at the first row past the
    limit, not after loading every row into memory (issue 16, defect 5)."""
    import openpyxl
    from openpyxl import Workbook

    from nominations.services import imports

    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(dossiers.BATCH_COLUMNS)
    for i in range(5_000):
        sheet.append(["individual", f"Người {i}"])
    buffer = io.BytesIO()
    book.save(buffer)
    read = []
    real_load = openpyxl.load_workbook

    def counting_load(*args, **kwargs):
        workbook = real_load(*args, **kwargs)
        original = workbook.active.iter_rows

        def iter_rows(*a, **k):
            for row in original(*a, **k):
                read.append(1)
                yield row

        workbook.active.iter_rows = iter_rows
        return workbook

    monkeypatch.setattr(openpyxl, "load_workbook", counting_load)
    batch = dossiers.batch_create(actor=world.clerk, title="Tệp quá lớn", year=2026)
    result = dossiers.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=SimpleUploadedFile("lon.xlsx", buffer.getvalue())
    )
    assert [e["message"] for e in result.errors] == ["Tệp quá lớn: tối đa 50 dòng."]
    assert len(read) <= 52 and batch.nominations.count() == 0


def test_an_import_file_over_the_size_limit_is_refused_before_reading(world, monkeypatch):
    from nominations.services import imports

    monkeypatch.setattr(imports, "MAX_BYTES", 1024)
    batch = dossiers.batch_create(actor=world.clerk, title="Tệp nặng", year=2026)
    result = dossiers.batch_import_nominees(
        batch=batch, actor=world.clerk, uploaded=SimpleUploadedFile("nang.csv", b"a" * 5000)
    )
    assert len(result.errors) == 1 and "Tệp quá lớn" in result.errors[0]["message"]
