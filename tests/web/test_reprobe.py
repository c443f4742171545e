"""The security re-probe of issue 31, run by ``scripts/reprobe_security.py`` (skipped otherwise).

Not assertions: figures, printed, on a throwaway database: attempts before lock per way in,
leader-signed dossiers that accept a transition, formulas in the exports, the width bomb's peak RSS.

The brute force per way in is sent from outside: real HTTP to a server on 127.0.0.1 (pytest-django's
live server), the forms fetched first for their CSRF token as a browser would. The rest goes through
the whole WSGI stack (middleware, URLs, views) with Django's test client in the same process: the
NAT case pins the lockout's clock, the parallel case counts the password checks, and SQLite's
in-memory test database cannot serve sixteen parallel requests over a socket.
"""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from nominations.models import Role
from nominations.services.imports import UNIT_COLUMNS
from tests.factories import UserFactory
from tests.web.api.test_api_lifecycle import token_client
from tests.web.api.test_api_signatures import draft_for
from tests.web.test_formula_injection import _every_export, _strings, evil_world  # noqa: F401
from tests.width_bomb import RSS_PROBE, width_bomb

pytestmark = [
    pytest.mark.reprobe,
    pytest.mark.skipif(not os.environ.get("REPROBE"), reason="run by scripts/reprobe_security.py"),
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]
LIMIT = 30


def _say(capsys, line):
    with capsys.disabled():
        print(line)


def _locked(response) -> bool:
    if response["Content-Type"].startswith("application/json"):
        return response.status_code == 403 and "khóa" in response.json().get("detail", "")
    return "tạm bị khóa đăng nhập" in response.content.decode()


def _attempts_before_lock(send) -> int:
    cache.clear()
    for n in range(LIMIT):
        if _locked(send(f"sai-{n}")):
            return n
    return LIMIT


def _locked_http(response) -> bool:
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return response.status_code == 403 and "khóa" in response.json().get("detail", "")
    return "tạm bị khóa đăng nhập" in response.text


def _form_post(url):
    """A browser's way: GET the form (CSRF cookie and token), then POST it."""

    def send(username, password):
        session = requests.Session()
        page = session.get(url, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return session.post(
            url,
            data={"csrfmiddlewaretoken": token, "username": username, "password": password},
            headers={"Referer": url},
            allow_redirects=False,
            timeout=30,
        )

    return send


def _attempts_before_lock_http(send) -> int:
    cache.clear()
    for n in range(LIMIT):
        if _locked_http(send("quantri", f"sai-{n}")):
            return n
    return LIMIT


def test_reprobe(evil_world, client, settings, capsys, tmp_path, monkeypatch, live_server):  # noqa: F811
    w = evil_world
    UserFactory(username="quantri", is_staff=True, is_superuser=True, roles=[])
    base = live_server.url
    over_http = {
        "trang đăng nhập /dang-nhap/": _form_post(f"{base}/dang-nhap/"),
        "quản trị /admin/login/": _form_post(f"{base}/admin/login/?next=/admin/"),
        "API /api/auth/token/": lambda u, p: requests.post(
            f"{base}/api/auth/token/", json={"username": u, "password": p}, timeout=30
        ),
    }
    _say(capsys, f"\n== Đoán mật khẩu qua HTTP tới {base}: số lần sai trước khi bị khóa (mỗi lối vào)")
    for name, send in over_http.items():
        _say(capsys, f"   {name}: {_attempts_before_lock_http(send)}")
    cache.clear()
    for n in range(3):
        over_http["trang đăng nhập /dang-nhap/"]("quantri", f"sai-{n}")
    for n in range(2):
        over_http["API /api/auth/token/"]("quantri", f"sai-{n}")
    shared = _locked_http(over_http["quản trị /admin/login/"]("quantri", "Demo@2025"))
    _say(capsys, f"   chung bộ đếm (3 sai ở trang + 2 sai qua API, rồi quản trị bị khóa): {shared}")
    ways = {
        "trang đăng nhập /dang-nhap/": lambda p: Client().post(
            "/dang-nhap/", {"username": "quantri", "password": p}
        ),
        "quản trị /admin/login/": lambda p: Client().post(
            "/admin/login/?next=/admin/", {"username": "quantri", "password": p}
        ),
        "API /api/auth/token/": lambda p: APIClient().post(
            "/api/auth/token/", {"username": "quantri", "password": p}, format="json"
        ),
    }
    _say(capsys, "   (trong tiến trình, qua cả chuỗi WSGI) số lần sai trước khi bị khóa:")
    for name, send in ways.items():
        _say(capsys, f"   {name}: {_attempts_before_lock(send)}")

    cache.clear()
    for i in range(20):
        UserFactory(username=f"nat{i}")
        Client().post("/dang-nhap/", {"username": f"nat{i}", "password": "sai"})
    from web import lockout

    monkeypatch.setattr(lockout, "_now", lambda: 4e9)  # a few seconds later
    colleague = (
        Client().post("/dang-nhap/", {"username": "donvi_soyte", "password": "Demo@2025"}).status_code == 302
    )
    _say(
        capsys,
        f"   sau 20 lần sai trên 20 tài khoản từ một địa chỉ NAT, đồng nghiệp cùng địa chỉ vẫn đăng nhập: {colleague}",
    )
    monkeypatch.undo()

    cache.clear()
    checked, original, start = [], ModelBackend.authenticate, threading.Barrier(16)

    def slow(self, request, username=None, password=None, **kwargs):
        checked.append(1)
        threading.Event().wait(0.05)
        return original(self, request, username=username, password=password, **kwargs)

    ModelBackend.authenticate = slow
    try:
        threads = [
            threading.Thread(
                target=lambda i=i: (start.wait(), ways["API /api/auth/token/"](f"song-song-{i}"))
            )
            for i in range(16)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        ModelBackend.authenticate = original
    _say(capsys, f"   16 lần đoán song song, giới hạn 5: số mật khẩu được kiểm tra = {len(checked)}")

    cache.clear()
    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path / "ca")
    settings.SIGNING_TRUST_DIR = ""
    settings.SIGNING_ALLOW_DEMO_KEYS = True
    settings.DECISION_OFFICE_ISSUANCE = True
    draft, nominations = draft_for(w, n=3)
    vice = UserFactory(username="phochutich_probe", full_name="Tạ Hữu Lộc", roles=[Role.LEADER])
    token_client(w.leader).post(f"/api/decisions/{draft.pk}/sign/")
    accepted = tried = 0
    for user in (w.leader, vice):
        api = token_client(user)
        for nomination in nominations:
            for action, body in [
                ("return_for_changes", {"comment": "Trả lại."}),
                ("reject", {"reason": "Không đạt."}),
                ("return_for_changes", {"comment": "Về đơn vị.", "target": "unit"}),
            ]:
                tried += 1
                response = api.post(
                    f"/api/nominations/{nomination.pk}/transitions/{action}/", body, format="json"
                )
                accepted += response.status_code == 200
    _say(
        capsys,
        f"\n== Hồ sơ trong văn bản đã ký, chờ phát hành: {accepted} trong {tried} lần thử chuyển bước được chấp nhận",
    )

    cache.clear()
    formulas = 0
    books = _every_export(client, w)
    for book in books.values():
        formulas += len(_strings(book)[1])
    _say(
        capsys,
        f"\n== Công thức trong {len(books)} loại tệp XLSX xuất ra (dữ liệu bắt đầu bằng =, +, -, @): {formulas}",
    )

    path = tmp_path / "bom.xlsx"
    bomb = width_bomb(UNIT_COLUMNS)
    path.write_bytes(bomb)
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    growth, peak, outcome = done.stdout.strip().split(" ", 2)
    _say(
        capsys,
        f"\n== Tệp XLSX {len(bomb) // 1024} KB khai báo 16.384 cột × 20.000 dòng: RSS đỉnh {peak} MB (+{growth} MB khi đọc); {outcome}",
    )
