"""Uploads: type from content, size limit, no paths, nothing stored on refusal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nominations import services
from nominations.exceptions import InvalidInput, InvalidState
from nominations.models import AuditEvent, Document
from nominations.uploads import safe_filename
from tests.conftest import docx_file, pdf_file
from tests.factories import NominationFactory


@pytest.fixture
def nomination(world):
    return NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)


def upload(world, nomination, file, kind="to_trinh"):
    return services.document_add(nomination=nomination, actor=world.clerk, kind=kind, uploaded=file)


def test_a_pdf_is_stored_with_its_hash_and_a_safe_name(world, nomination):
    doc = upload(world, nomination, pdf_file("Tờ trình số 12.pdf"))
    assert doc.content_type == "application/pdf"
    assert len(doc.sha256) == 64
    assert doc.original_name == "To-trinh-so-12.pdf"
    assert AuditEvent.objects.filter(nomination=nomination, action="document_add").count() == 1


def test_a_docx_is_recognised_by_its_parts(world, nomination):
    doc = upload(world, nomination, docx_file(), kind="bao_cao_thanh_tich")
    assert doc.original_name.endswith(".docx")


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100), "Định dạng"),
        (SimpleUploadedFile("rong.pdf", b""), "rỗng"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(world, nomination, file, message):
    with pytest.raises(InvalidInput) as err:
        upload(world, nomination, file)
    assert message in str(err.value.message)
    assert Document.objects.count() == 0


def test_a_path_in_the_name_never_reaches_storage(world, nomination):
    # Django's upload handling already cuts the name to its base; the service
    # then rebuilds it from safe characters and the sniffed type.
    doc = upload(world, nomination, SimpleUploadedFile("../../etc/passwd.exe", b"%PDF-1.4 x"))
    assert doc.original_name == "passwd.pdf"
    assert ".." not in doc.file.name and "/etc/" not in doc.file.name


def test_an_oversized_file_is_refused(world, nomination, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(InvalidInput) as err:
        upload(world, nomination, pdf_file(body=b"x" * 2048))
    assert "quá lớn" in str(err.value.message)
    assert Document.objects.count() == 0


def test_another_unit_cannot_upload(world, nomination):
    from nominations.exceptions import NotPermitted

    with pytest.raises(NotPermitted):
        services.document_add(nomination=nomination, actor=world.clerk2, kind="to_trinh", uploaded=pdf_file())


def test_no_upload_while_under_review(world, draft):
    from workflows import actions

    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    with pytest.raises(InvalidState):
        upload(world, draft, pdf_file())


def test_safe_filename_drops_paths_and_accents():
    assert safe_filename("C:\\tmp\\Báo cáo đợt 1.docx", "docx") == "Bao-cao-dot-1.docx"
    assert safe_filename("", "pdf") == "tai-lieu.pdf"


def test_a_batch_letter_counts_for_every_nomination_in_the_batch(world):
    from nominations.models import Batch
    from nominations.policy import documents as rules

    batch = Batch.objects.create(
        unit=world.so_gd, title="Tờ trình khen thưởng năm 2026", year=2026, created_by=world.clerk
    )
    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk, batch=batch)
    assert "to_trinh" in rules.missing_documents(n)
    Document.objects.create(
        batch=batch,
        kind="to_trinh",
        original_name="to-trinh.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=world.clerk,
    )
    assert "to_trinh" not in rules.missing_documents(n)
    other = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    assert "to_trinh" in rules.missing_documents(other)


def test_search_keys_fold_accents_and_drop_control_characters():
    from nominations.text import normalize_search

    assert normalize_search("Nguyễn Văn An") == normalize_search("nguyen  van AN") == "nguyen van an"
    assert normalize_search("Đỗ Thị Mai") == "do thi mai"
    assert normalize_search("An\x00\x1f") == "an"
