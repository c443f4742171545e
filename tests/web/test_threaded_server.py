"""Races through a real threaded server (gunicorn, gthread workers) on PostgreSQL: no 500, one
outcome each, a complete audit trail (issue 16)."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.db import connection

from nominations.audit import verify_chain
from nominations.models import AuditEvent, BaseSalary, Decision, Nomination
from tests.conftest import attach_required
from tests.factories import NominationFactory, UserFactory
from workflows import actions

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a threaded server needs PostgreSQL"),
    pytest.mark.skipif(
        shutil.which("gunicorn") is None and not (ROOT / ".venv/bin/gunicorn").exists(), reason="gunicorn"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(settings, tmp_path):
    """gunicorn with 2 gthread workers × 4 threads, on the test database."""
    db = settings.DATABASES["default"]
    port = free_port()
    env = {
        **os.environ,
        # The test settings (fast hasher the fixtures' passwords use, locmem e-mail), served threaded.
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "AUDIT_KEY": settings.AUDIT_KEY,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "API_THROTTLE_AUTH": "1000/min",
    }
    gunicorn = ROOT / ".venv/bin/gunicorn"
    process = subprocess.Popen(
        [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # Wait until it answers: a loaded machine may accept the connection long before the workers
    # have imported the project (a read time-out then, not a refusal).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/dang-nhap/", timeout=5)
            break
        except requests.RequestException:
            time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def token(base, username):
    response = requests.post(f"{base}/api/auth/token/", json={"username": username, "password": "Demo@2025"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Token {response.json()['token']}"}


def test_returns_on_different_dossiers_at_once_never_answer_500(world, server):
    """The threaded 500: concurrent transitions on *different* nominations (django-fsm's shared flag)."""
    dossiers = []
    for i in range(24):
        n = NominationFactory(
            unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=f"Người {i}"
        )
        attach_required(n, world.clerk)
        actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
        dossiers.append(n.pk)
    headers = token(server, "cum_vhxh")

    def send_back(pk):
        return requests.post(
            f"{server}/api/nominations/{pk}/transitions/return_for_changes/",
            json={"comment": "Bổ sung biên bản."},
            headers=headers,
            timeout=60,
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(send_back, dossiers))
    assert codes == [200] * len(dossiers), codes
    assert set(Nomination.objects.filter(pk__in=dossiers).values_list("status", flat=True)) == {"returned"}
    assert AuditEvent.objects.filter(action="return_for_changes").count() == len(dossiers)
    assert verify_chain().ok


def test_two_leaders_signing_overlapping_decisions_one_wins(world, server, settings):
    from datetime import date

    from nominations.services import decision_create_draft

    BaseSalary.objects.create(amount=2_340_000, effective_from=date(2024, 7, 1))
    UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=["leader"])
    shared = []
    for i in range(3):
        n = NominationFactory(
            unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=f"Ký {i}"
        )
        attach_required(n, world.clerk)
        for user, action, params in [
            (world.clerk, "submit", {}),
            (world.reviewer, "approve_cluster", {}),
            (world.appraiser, "pass_appraisal", {}),
            (
                world.secretary,
                "record_vote",
                {"votes_for": 20, "votes_against": 0, "members_present": 21, "members_total": 21},
            ),
        ]:
            actions.perform(user=user, nomination_id=n.pk, action=action, **params)
        shared.append(n.pk)
    from nominations.models import User

    vice = User.objects.get(username="phochutich")
    first = decision_create_draft(actor=world.leader, nomination_ids=shared[:2])
    second = decision_create_draft(actor=vice, nomination_ids=shared[1:])
    barrier = threading.Barrier(2)
    codes = {}

    def sign(username, decision):
        headers = token(server, username)
        barrier.wait()
        codes[username] = requests.post(
            f"{server}/api/decisions/{decision.pk}/sign/", headers=headers, timeout=60
        )

    threads = [
        threading.Thread(target=sign, args=("chutich", first)),
        threading.Thread(target=sign, args=("phochutich", second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    statuses = sorted(r.status_code for r in codes.values())
    assert statuses == [200, 409], {k: (r.status_code, r.text[:200]) for k, r in codes.items()}
    assert Decision.objects.filter(status="signed").count() == 1
    assert verify_chain().ok
    assert sys.version_info >= (3, 11)
