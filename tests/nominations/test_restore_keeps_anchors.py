"""Restoring a backup never rewrites the live audit anchors, so cutting the rows written since the
backup is still caught; a chain rebuilt without the key is refused even with every anchor gone
(issue 31, item 6)."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from nominations.audit import checkpoint, record_event
from nominations.models import AuditCheckpoint, AuditEvent
from workflows import actions


def _more_events(world, n):
    with transaction.atomic():
        for i in range(n):
            record_event(action="update", actor=world.clerk, data={"i": i})


def _delete(table, ids):
    with connection.cursor() as cursor:
        for pk in ids:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])


@pytest.fixture
def on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def fresh_target(settings, tmp_path):
    """An empty database to restore into: a new PostgreSQL database, or a new SQLite file."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg2

    db = settings.DATABASES["default"]
    fresh = f"{db['NAME']}_anchors"
    admin = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cur.execute(f'CREATE DATABASE "{fresh}"')
    yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{fresh}"
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_restore_then_cutting_the_rows_written_since_the_backup_is_caught(
    world, settings, tmp_path, fresh_target, capsys
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    _more_events(world, 5)
    checkpoint()
    covered = AuditEvent.objects.count()
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", "--output", str(archive))
    # Work goes on after the backup, and is anchored.
    _more_events(world, 3)
    checkpoint()
    live = Path(settings.AUDIT_ANCHOR_FILE)
    before = live.read_bytes()
    # The README's restore, as an operator types it.
    call_command(
        "restore", str(archive), "--database-url", fresh_target, "--media-root", str(tmp_path / "restored")
    )
    said = capsys.readouterr().out
    assert live.read_bytes() == before, "restore rewrote the live anchor file"
    assert f"({covered} dòng)" in said
    # Someone cuts the rows written since the backup, and the checkpoints with them.
    since = AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:3]
    _delete(AuditEvent._meta.db_table, list(since))
    _delete(AuditCheckpoint._meta.db_table, list(AuditCheckpoint.objects.values_list("id", flat=True)))
    with pytest.raises(CommandError, match="cắt bớt"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_a_chain_rebuilt_without_the_key_is_refused_with_every_anchor_gone(world, draft, settings):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    _more_events(world, 4)
    checkpoint()
    # The attacker edits a row, rebuilds the chain with the plain hash (all one can compute without
    # AUDIT_KEY), and removes every anchor: the checkpoints and the anchor file.
    with connection.cursor() as cursor:
        first = AuditEvent.objects.order_by("id").first()
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET comment = %s WHERE id = %s", ["sửa", first.pk]
        )
    prev = "0" * 64
    for row in AuditEvent.objects.order_by("id"):
        row.prev_hash, row.hash_version = prev, 0
        forged = row.compute_hash()
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {AuditEvent._meta.db_table} SET prev_hash = %s, hash = %s, hash_version = 0 WHERE id = %s",
                [prev, forged, row.pk],
            )
        prev = forged
    _delete(AuditCheckpoint._meta.db_table, list(AuditCheckpoint.objects.values_list("id", flat=True)))
    Path(settings.AUDIT_ANCHOR_FILE).unlink()
    with pytest.raises(CommandError, match="dựng lại không có khóa"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_plain_rows_of_a_chain_begun_before_the_key_still_verify(world, draft, settings):
    """A database older than the key declares its last plain row (AUDIT_PLAIN_ROWS_UNTIL)."""
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    rows = list(AuditEvent.objects.order_by("id"))
    prev = "0" * 64
    for row in rows:
        row.prev_hash, row.hash_version = prev, 0
        plain = row.compute_hash()
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {AuditEvent._meta.db_table} SET prev_hash = %s, hash = %s, hash_version = 0 WHERE id = %s",
                [prev, plain, row.pk],
            )
        prev = plain
    settings.AUDIT_PLAIN_ROWS_UNTIL = rows[-1].pk
    _more_events(world, 2)  # keyed, after the plain ones
    call_command("verify_audit")
