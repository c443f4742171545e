"""Shared fixtures: a small province with one block, role users and documents."""

import copy
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings

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
    "nominations.IssuanceTimeLimit",
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


@dataclass(frozen=True)
class DemoSnapshot:
    """The database and the stored files as ``seed_demo`` left them, and what it printed."""

    output: str
    tables: dict  # table -> (columns, rows); PostgreSQL: (columns, COPY text)
    files: dict  # storage name -> bytes


def _stored_files(storage, directory="") -> dict:
    dirs, files = storage.listdir(directory)
    found = {}
    for name in files:
        path = f"{directory}/{name}" if directory else name
        with storage.open(path, "rb") as handle:
            found[path] = handle.read()
    for name in dirs:
        found.update(_stored_files(storage, f"{directory}/{name}" if directory else name))
    return found


def _read_tables() -> dict:
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} WHERE 1 = 0")
            columns = [col[0] for col in cursor.description]
            if connection.vendor == "postgresql":
                buffer = io.StringIO()
                cursor.copy_expert(f"COPY {quoted} TO STDOUT", buffer)
                tables[table] = (columns, buffer.getvalue())
            else:
                cursor.execute(f"SELECT * FROM {quoted}")
                tables[table] = (columns, cursor.fetchall())
    return tables


def restore_demo(snapshot: DemoSnapshot) -> None:
    """Make the database exactly the seeded demo (every table emptied, then filled from the
    snapshot) and put back any seeded file the storage lost. Inside the caller's transaction if
    there is one; PostgreSQL's and SQLite's foreign keys are deferred to its end."""
    from django.contrib.contenttypes.models import ContentType

    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in snapshot.tables:
            cursor.execute(f"DELETE FROM {qn(table)}")
        for table, (columns, rows) in snapshot.tables.items():
            if not rows:
                continue
            if connection.vendor == "postgresql":
                cursor.copy_expert(f"COPY {qn(table)} FROM STDIN", io.StringIO(rows))
            else:
                names = ", ".join(qn(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {qn(table)} ({names}) VALUES ({marks})", rows)
        # PostgreSQL's sequences past the restored ids (a no-op on SQLite).
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(sql)
    ContentType.objects.clear_cache()  # the snapshot's content type ids, not the last flush's
    for name, content in snapshot.files.items():
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, migrated_reference_rows, tmp_path_factory):
    """``seed_demo`` run ONCE for the whole session, as a transactional test runs it (committed,
    its on-commit work done), kept as a snapshot; the database is then flushed as after any
    transactional test. ``restore_demo`` puts it back in a fraction of a second where a seed takes
    half a minute."""
    anchors = tmp_path_factory.mktemp("demo-seed") / "audit-anchors.jsonl"
    with django_db_blocker.unblock(), override_settings(AUDIT_ANCHOR_FILE=str(anchors)):
        restore_reference_rows(migrated_reference_rows)  # the seed reads the calendar and SLA days
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        snapshot = DemoSnapshot(
            output=out.getvalue(), tables=_read_tables(), files=_stored_files(default_storage)
        )
        call_command("flush", interactive=False, verbosity=0)
    return snapshot


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
