"""Backup and restore: one command saves the database and the files; restored into a fresh
database and folder, the audit verifies, the counts match and every document downloads."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from nominations.backup import backup, restore
from nominations.models import AuditEvent, Document, Nomination
from workflows import actions

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump / pg_restore"),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def test_backup_then_restore_into_a_fresh_database_and_folder(world, on_disk, settings):

    from nominations.audit import checkpoint
    from tests.conftest import attach_required
    from tests.factories import NominationFactory

    nomination = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk)
    attach_required(nomination, world.clerk)
    actions.perform(user=world.clerk, nomination_id=nomination.pk, action="submit")
    checkpoint()
    archive = on_disk / "sao-luu.tar.gz"
    manifest = backup(archive)
    assert manifest["audit_events"] == AuditEvent.objects.count() > 0
    assert len(manifest["documents"]) == Document.objects.count() == 3

    db = settings.DATABASES["default"]
    fresh = f"{db['NAME']}_restored"
    admin = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cur.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{fresh}"
        restored_media = on_disk / "restored-media"
        anchors = settings.AUDIT_ANCHOR_FILE  # the live anchors: restore never writes them
        restore(archive, database_url=url, media_root=restored_media)
        # The restored system, as an operator would check it.
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": url,
            "DJANGO_MEDIA_ROOT": str(restored_media),
            "AUDIT_ANCHOR_FILE": str(anchors),
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "AUDIT_KEY": settings.AUDIT_KEY,
        }
        verify = subprocess.run(
            [sys.executable, "manage.py", "verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert verify.returncode == 0 and f"OK: {manifest['audit_events']}" in verify.stdout, verify.stderr
        counts = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from nominations.models import Nomination, Document; "
                "print(Nomination.objects.count(), Document.objects.count(), "
                "all(d.file.storage.exists(d.file.name) for d in Document.objects.all()))",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert counts.stdout.split()[-3:] == [str(Nomination.objects.count()), "3", "True"], counts.stderr
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.close()
