"""One archive holds everything to bring the system back: the database, the uploaded files, the audit anchors.

``manage.py backup`` writes it; ``manage.py restore`` puts it into a fresh database and
folder. PostgreSQL goes through pg_dump / pg_restore (custom format); the demo's SQLite
through its online backup API. AUDIT_KEY is *not* in the archive: keep it apart.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .audit import anchor_file_head


class BackupError(Exception):
    pass


def _pg_env(url) -> dict:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return env


def _pg_args(url) -> list[str]:
    return ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]


def backup(output: Path) -> dict:
    """Write the archive; return its manifest (what it holds, with counts and checksums)."""
    output = Path(output)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        db = settings.DATABASES["default"]
        if connection.vendor == "postgresql":
            url = urlparse(
                f"postgres://{db.get('USER') or ''}:{db.get('PASSWORD') or ''}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
            )
            dump = work / "database.pgdump"
            run = subprocess.run(
                ["pg_dump", "-Fc", "--no-owner", "-f", str(dump), *_pg_args(url), db["NAME"]],
                env=_pg_env(url),
                capture_output=True,
                text=True,
            )
            if run.returncode:
                raise BackupError(run.stderr.strip())
        else:
            dump = work / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            connection.connection.backup(target)
            target.close()
        from .models import AuditEvent, Document

        manifest = {
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": dump.name,
            "audit_events": AuditEvent.objects.count(),
            "documents": {d.file.name: d.sha256 for d in Document.objects.all()},
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        with tarfile.open(output, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            archive.add(work / "manifest.json", arcname="manifest.json")
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")
            anchors = Path(settings.AUDIT_ANCHOR_FILE)
            if anchors.exists():
                archive.add(anchors, arcname="audit-anchors.jsonl")
    return manifest


def restore(archive_path: Path, *, database_url: str, media_root: Path) -> dict:
    """Restore into a fresh (empty, existing) PostgreSQL database or a new SQLite file, and a media folder.

    The live audit anchor file (``AUDIT_ANCHOR_FILE``) is never written: it is the record, kept
    elsewhere, of what the chain held after the backup too; overwriting it with the backup's older
    copy made a later cut of the rows written since the backup pass ``verify_audit``. The
    manifest's ``backup_anchor`` says what the backup's own anchor covers (last row, count, time).
    """
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        work = Path(work)
        archive.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        url = urlparse(database_url)
        dump = work / manifest["database"]
        if manifest["vendor"] == "postgresql":
            if not url.scheme.startswith("postgres"):
                raise BackupError("Bản sao lưu PostgreSQL phải khôi phục vào PostgreSQL.")
            run = subprocess.run(
                ["pg_restore", "--no-owner", "-d", url.path.lstrip("/"), *_pg_args(url), str(dump)],
                env=_pg_env(url),
                capture_output=True,
                text=True,
            )
            if run.returncode:
                raise BackupError(run.stderr.strip())
        else:
            shutil.copyfile(dump, url.path)
        if (work / "media").exists():
            shutil.copytree(work / "media", media_root, dirs_exist_ok=True)
        manifest["backup_anchor"] = anchor_file_head(work / "audit-anchors.jsonl")
    missing = [
        name
        for name, digest in manifest["documents"].items()
        if not (media_root / name).exists()
        or hashlib.sha256((media_root / name).read_bytes()).hexdigest() != digest
    ]
    if missing:
        raise BackupError("Thiếu hoặc sai tệp sau khi khôi phục: " + ", ".join(missing[:10]))
    return manifest
