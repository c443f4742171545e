"""Shared fixtures: a small province with one block, role users and documents."""

import copy
import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from nominations.models import DocumentKind, Role
from tests.factories import (
    AwardTypeFactory,
    ClusterFactory,
    MembershipFactory,
    NominationFactory,
    UnitFactory,
    UserFactory,
)


def pdf_file(name="to-trinh.pdf", body=b"noi dung"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n", content_type="application/pdf")


def docx_file(name="bao-cao.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


# The rows the data migrations seed and the code reads as data: the legal bases cited in documents,
# the calendar's adjusted days and the SLA's working days. A transactional test ends by flushing
# every table, so a test must not count on them being left by migrate.
REFERENCE_MODELS = (
    "nominations.LegalBasis",
    "nominations.ApplicationTimeLimit",
    "workflows.CalendarAdjustment",
    "workflows.SlaPolicy",
)


def pytest_addoption(parser):
    parser.addoption(
        "--reverse-order",
        action="store_true",
        help="run the tests in reverse order (transactional tests first): each test sets up what it needs",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if config.getoption("--reverse-order"):
        items.reverse()


@pytest.fixture(scope="session")
def migrated_reference_rows(django_db_setup, django_db_blocker):
    """The reference rows as migrate left them, read once from the fresh test database."""
    with django_db_blocker.unblock():
        return {label: list(apps.get_model(label).objects.order_by("pk")) for label in REFERENCE_MODELS}


def restore_reference_rows(rows) -> None:
    """Put back any migrated reference row that is missing (a transactional test flushed it)."""
    for label, migrated in rows.items():
        model = apps.get_model(label)
        present = set(model.objects.filter(pk__in=[row.pk for row in migrated]).values_list("pk", flat=True))
        missing = [copy.copy(row) for row in migrated if row.pk not in present]
        if missing:
            model.objects.bulk_create(missing)


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """Every test that uses the database starts with the migrated reference rows, whatever ran before."""
    if "_django_db_helper" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    rows = request.getfixturevalue("migrated_reference_rows")
    request.getfixturevalue("db")  # the test's own database access (transactional where it asks for it)
    restore_reference_rows(rows)


@pytest.fixture(scope="session")
def demo_signing_dir(tmp_path_factory):
    """One demo CA, time-stamping authority and signer keys for the whole run: their RSA keys are
    made once, not in every test that signs (tests that revoke keep a CA of their own)."""
    return str(tmp_path_factory.getbasetemp() / "signing")


@pytest.fixture(autouse=True)
def _audit_anchor_file(settings, tmp_path):
    """Each test anchors the audit chain in its own file (the anchors outlive no test)."""
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit-anchors.jsonl")


@pytest.fixture
def world(db):
    """Sở GD&ĐT and Sở Y tế in the culture–society block for 2026, VP UBND outside any block."""

    class World:
        pass

    w = World()
    w.so_gd = UnitFactory(code="SO_GDDT", name="Sở Giáo dục và Đào tạo")
    w.so_yte = UnitFactory(code="SO_YTE", name="Sở Y tế")
    w.vp_ubnd = UnitFactory(code="VP_UBND", name="Văn phòng UBND tỉnh")
    w.so_tc = UnitFactory(code="SO_TC", name="Sở Tài chính")
    w.ban_tdkt = UnitFactory(code="BAN_TDKT", name="Ban Thi đua – Khen thưởng")
    w.block = ClusterFactory(code="KHOI_VHXH", name="Khối Văn hóa – Xã hội", year=2026)
    w.other_block = ClusterFactory(code="KHOI_KINHTE", name="Khối Kinh tế", year=2026)
    MembershipFactory(cluster=w.block, unit=w.so_gd)
    MembershipFactory(cluster=w.block, unit=w.so_yte)
    MembershipFactory(cluster=w.other_block, unit=w.so_tc)
    w.award = AwardTypeFactory()
    w.cstd = AwardTypeFactory(
        code="CSTD_TINH",
        name="Chiến sĩ thi đua cấp tỉnh",
        nominee_kinds=["individual"],
        routes=["annual"],
        required_documents=["to_trinh", "bao_cao_thanh_tich", "bien_ban", "xac_nhan_sang_kien"],
        vote_threshold_percent=90,
        vote_base="members_total",
        vote_threshold_strict=False,
        reward_coefficient=3,
    )
    w.clerk = UserFactory(
        username="donvi_sogd", full_name="Lê Thị Hoa", unit=w.so_gd, roles=[Role.UNIT_CLERK]
    )
    w.clerk2 = UserFactory(
        username="donvi_soyte", full_name="Phạm Văn Bình", unit=w.so_yte, roles=[Role.UNIT_CLERK]
    )
    w.clerk_tc = UserFactory(username="donvi_sotc", unit=w.so_tc, roles=[Role.UNIT_CLERK])
    w.clerk_vp = UserFactory(username="donvi_vp", unit=w.vp_ubnd, roles=[Role.UNIT_CLERK])
    w.reviewer = UserFactory(username="cum_vhxh", full_name="Trần Văn Cường", roles=[Role.CLUSTER_REVIEWER])
    w.block.reviewers.add(w.reviewer)
    w.reviewer2 = UserFactory(username="cum_vhxh_2", full_name="Đỗ Thị Mai", roles=[Role.CLUSTER_REVIEWER])
    w.block.reviewers.add(w.reviewer2)
    w.other_reviewer = UserFactory(username="cum_kinhte", roles=[Role.CLUSTER_REVIEWER])
    w.other_block.reviewers.add(w.other_reviewer)
    w.appraiser = UserFactory(username="thamdinh", unit=w.ban_tdkt, roles=[Role.APPRAISER])
    w.secretary = UserFactory(username="thuky", roles=[Role.COUNCIL_SECRETARY])
    w.leader = UserFactory(username="chutich", full_name="Nguyễn Văn Chủ", roles=[Role.LEADER])
    w.head = UserFactory(username="truongban", unit=w.ban_tdkt, roles=[Role.AGENCY_HEAD])
    return w


@pytest.fixture
def report_world(world):
    """The reports' hand-countable awards around 1/12 (tests/reports_data.py)."""
    from tests.reports_data import build

    return build(world)


def attach_required(nomination, actor):
    """Upload every required document through the service, as a unit would."""
    from nominations import services
    from nominations.policy import documents as rules

    for kind in rules.required_documents(nomination):
        upload = docx_file() if kind == DocumentKind.BAO_CAO_THANH_TICH else pdf_file(f"{kind}.pdf")
        services.document_add(nomination=nomination, actor=actor, kind=kind, uploaded=upload)


@pytest.fixture
def draft(world):
    """A complete draft of Sở GD&ĐT for a Bằng khen, documents attached."""
    nomination = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    attach_required(nomination, world.clerk)
    return nomination
