"""Guessing passwords and flooding the public form get nowhere (issue 16, defect 6)."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from nominations.models import PublicComment, PublicDisclosure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear():
    cache.clear()


def test_forty_wrong_passwords_lock_the_login_even_for_the_right_one(client, world):
    for _ in range(40):
        client.post("/dang-nhap/", {"username": "donvi_sogd", "password": "sai-mat-khau"})
    page = client.post("/dang-nhap/", {"username": "donvi_sogd", "password": "Demo@2025"})
    assert page.status_code == 200 and "tạm bị khóa đăng nhập" in page.content.decode()
    assert "_auth_user_id" not in client.session
    # Another person at another address still signs in.
    other = client.__class__(REMOTE_ADDR="10.9.9.9")
    assert other.post("/dang-nhap/", {"username": "donvi_soyte", "password": "Demo@2025"}).status_code == 302


def test_the_token_endpoint_locks_too_and_a_forged_forwarded_for_changes_nothing(world):
    api = APIClient()
    for i in range(8):
        api.post(
            "/api/auth/token/",
            {"username": "donvi_sogd", "password": "sai"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    right = api.post(
        "/api/auth/token/",
        {"username": "donvi_sogd", "password": "Demo@2025"},
        format="json",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert right.status_code == 403 and "tạm bị khóa" in right.json()["detail"]


@override_settings(NUM_PROXIES=1)
def test_behind_one_proxy_the_last_hop_is_the_client(rf):
    from web.lockout import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "203.0.113.9"


@pytest.fixture
def window(world, draft):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return PublicDisclosure.objects.create(
        nomination=draft, opens_on=today, closes_on=today + timedelta(days=14), created_by=world.appraiser
    )


def form_token(client):
    page = client.get("/cong-khai/lay-y-kien/").content.decode()
    return re.search(r'name="started" value="([^"]+)"', page).group(1)


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, window):
    body = {"disclosure": window.pk, "name": "Bot", "body": "Quảng cáo", "website": "http://spam.example"}
    response = client.post("/cong-khai/lay-y-kien/", {**body, "started": form_token(client)}, follow=True)
    assert "Cảm ơn" in response.content.decode()
    assert PublicComment.objects.count() == 0


@override_settings(PUBLIC_FORM_MIN_SECONDS=3)
def test_a_comment_sent_faster_than_a_person_types_is_refused(client, window):
    token = form_token(client)
    page = client.post(
        "/cong-khai/lay-y-kien/", {"disclosure": window.pk, "name": "Nhanh", "body": "x", "started": token}
    ).content.decode()
    assert "quá nhanh" in page and PublicComment.objects.count() == 0
    missing = client.post("/cong-khai/lay-y-kien/", {"disclosure": window.pk, "name": "A", "body": "x"})
    assert "hết hạn" in missing.content.decode() and PublicComment.objects.count() == 0


def test_any_text_as_a_username_is_counted_without_breaking_the_cache(world):
    """A username with spaces, accents or odd code points (the fuzzer's find) is a 400, not a 500."""
    api = APIClient()
    for name in ["vøe \U00088ee9x", "a b:c", "x" * 300, "Nguyễn Văn A"]:
        response = api.post("/api/auth/token/", {"username": name[:150], "password": "sai"}, format="json")
        assert response.status_code == 400, (name, response.status_code)
