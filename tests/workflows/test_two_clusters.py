"""Two real django-q2 clusters delivering the same e-mails at once (each queued twice, as an
at-least-once broker may): every e-mail goes out exactly once (issue 16)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from nominations.models import User
from workflows.models import Notification

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two clusters on one broker need PostgreSQL"
    ),
]


def test_two_clusters_deliver_every_email_once(settings, tmp_path, monkeypatch):
    from django_q.conf import Conf
    from django_q.models import OrmQ
    from django_q.tasks import async_task

    people = [User.objects.create(username=f"nguoi_{i}", email=f"nguoi{i}@demo.tdkt.local") for i in range(6)]
    ids = [
        Notification.objects.create(
            recipient=people[i % len(people)],
            kind="test",
            title=f"Thông báo {i}",
            key=f"k{i}",
            email_status=Notification.EmailStatus.PENDING,
        ).pk
        for i in range(20)
    ]
    monkeypatch.setattr(Conf, "SYNC", False)  # queue for the clusters, not in this process
    for pk in ids * 2:  # every delivery handed out twice
        async_task("workflows.tasks.deliver_notification", pk)
    db = settings.DATABASES["default"]
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        "Q_WORKERS": "2",
    }
    clusters = [
        subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if (
                not OrmQ.objects.exists()
                and not Notification.objects.filter(
                    pk__in=ids, email_status=Notification.EmailStatus.PENDING
                ).exists()
            ):
                break
            time.sleep(0.5)
        time.sleep(1)  # let a last in-flight duplicate finish
    finally:
        # The work is done (or timed out): stop both clusters at once, as a crash would.
        for cluster in clusters:
            os.killpg(cluster.pid, signal.SIGKILL)
        for cluster in clusters:
            cluster.wait(10)
    statuses = set(Notification.objects.filter(pk__in=ids).values_list("email_status", flat=True))
    assert statuses == {Notification.EmailStatus.SENT}
    sent = sum(path.read_text(encoding="utf-8").count("\nTo: ") for path in mail_dir.glob("*.log"))
    assert sent == len(ids)
