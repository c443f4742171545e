"""Inputs that once answered 500 answer 400/404 now, and the responses carry the safety headers
(issue 16, defect 8)."""

import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from tests.conftest import pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def test_public_pages_refuse_nul_bytes_and_junk(client):
    nul = chr(0)
    assert (
        client.post("/cong-khai/lay-y-kien/", {"disclosure": "abc", "name": "A", "body": "B"}).status_code
        == 404
    )
    assert client.get("/cong-khai/khen-thuong/", {"award": nul}).status_code == 400
    assert client.get("/cong-khai/khen-thuong/", {"award": "KHONG_CO"}).status_code == 200
    assert APIClient().get("/api/public/decisions/verify", {"number": nul, "sha256": "x"}).status_code == 400
    assert client.post("/cong-khai/xac-thuc/", {"number": nul}).status_code == 400


@pytest.mark.parametrize("field", ["status", "award_type", "route", "year"])
def test_the_dossier_list_refuses_a_nul_byte_in_any_filter(client, world, field):
    nul = chr(0)
    client.force_login(world.appraiser)
    assert client.get("/ho-so/", {field: nul}).status_code == 400
    assert client.get("/ho-so/", {field: "khong-co"}).status_code == 200
    api = APIClient()
    api.force_authenticate(world.appraiser)
    response = api.get("/api/nominations/", {field: nul})
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_signing_a_decision_that_does_not_exist_is_404(client, world):
    client.force_login(world.leader)
    assert client.post("/ho-so/quyet-dinh/999999/ky/").status_code == 404


def test_a_json_body_nested_ten_thousand_deep_is_a_400(world):
    api = APIClient()
    api.force_authenticate(world.clerk)
    body = "[" * 10_000 + "]" * 10_000
    response = api.generic("POST", "/api/nominations/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] in ("parse_error", "invalid")


def test_a_file_missing_from_storage_is_a_404_not_a_500(client, world, draft):
    document = draft.documents.first()
    default_storage.delete(document.file.name)
    client.force_login(world.clerk)
    assert client.get(f"/ho-so/{draft.pk}/tai-lieu/{document.pk}/tai-ve/").status_code == 404
    api = APIClient()
    api.force_authenticate(world.clerk)
    assert api.get(f"/api/nominations/{draft.pk}/documents/{document.pk}/file").status_code == 404


def test_the_citizen_id_is_accepted_by_the_api_and_never_echoed(world):
    api = APIClient()
    api.force_authenticate(world.clerk)
    body = {
        "nominee_kind": "individual",
        "nominee_name": "Đào Thị Mến",
        "nominee_gender": "female",
        "nominee_birth_year": 1983,
        "nominee_position": "Giáo viên",
        "nominee_citizen_id": "034183001111",
        "award_type": "BANG_KHEN_TINH",
        "route": "annual",
        "year": 2026,
        "achievements": "Dạy giỏi.",
    }
    created = api.post("/api/nominations/", body, format="json")
    assert created.status_code == 201, created.content
    assert "nominee_citizen_id" not in created.json() and "034183001111" not in json.dumps(created.json())
    from nominations.models import Nomination

    assert Nomination.objects.get(pk=created.json()["id"]).nominee_citizen_id == "034183001111"
    bad = api.post("/api/nominations/", {**body, "nominee_citizen_id": "12ab"}, format="json")
    assert bad.status_code == 400 and "nominee_citizen_id" in bad.json()["fields"]


def test_pages_carry_a_content_security_policy(client):
    response = client.get("/dang-nhap/")
    policy = response.headers.get("Content-Security-Policy", "")
    assert (
        "default-src 'self'" in policy
        and "frame-ancestors 'none'" in policy
        and "object-src 'none'" in policy
    )


def test_the_schema_documents_the_error_shape_on_every_operation(client):
    schema = APIClient().get("/api/schema/?format=json").json()
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if path.startswith("/api/public/") or path.startswith("/api/auth/"):
                continue
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404"} <= codes, (method, path, codes)


def test_api_tokens_expire_are_revoked_and_die_with_a_password_change(world, settings):
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    api = APIClient()
    token = api.post(
        "/api/auth/token/", {"username": "donvi_sogd", "password": "Demo@2025"}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/nominations/").status_code == 200
    # Expired: refused.
    Token.objects.filter(key=token).update(
        created=timezone.now() - timedelta(hours=settings.API_TOKEN_TTL_HOURS + 1)
    )
    assert api.get("/api/nominations/").status_code == 401
    # A fresh token, revoked by its owner.
    token = api.post(
        "/api/auth/token/", {"username": "donvi_sogd", "password": "Demo@2025"}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.delete("/api/auth/token/").status_code == 204
    assert api.get("/api/nominations/").status_code == 401
    # A fresh token dies with a password change.
    token = api.post(
        "/api/auth/token/", {"username": "donvi_sogd", "password": "Demo@2025"}, format="json"
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    world.clerk.set_password("Mat-khau-moi@2026")
    world.clerk.save()
    assert api.get("/api/nominations/").status_code == 401


def test_a_decision_pdf_missing_from_storage_is_a_404(client, world, draft):
    # A signed decision whose file has gone: the download says not found.
    from nominations.models import Decision

    decision = Decision.objects.create(year=2026, title="x", created_by=world.leader)
    Decision.objects.filter(pk=decision.pk).update(
        status="signed", pdf="decisions/khong-co.pdf", number="9/QĐ-UBND"
    )
    client.force_login(world.leader)
    assert client.get(f"/ho-so/quyet-dinh/{decision.pk}/tai-ve.pdf").status_code == 404
    assert pdf_file  # (shared helper import kept for the module's other tests)


def test_a_signer_that_is_not_a_leader_is_a_message_not_a_500(client, world):
    client.force_login(world.leader)
    page = client.post("/ho-so/quyet-dinh/lap/", {"nominations": ["1"], "signer": "abc"}, follow=True)
    assert page.status_code == 200 and "Người ký phải là" in page.content.decode()


def test_claim_and_release_never_redirect_off_site(client, world, draft):
    from workflows import actions

    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    task = actions.open_task(draft.pk)
    client.force_login(world.reviewer)
    response = client.post(
        f"/cong-viec/nhiem-vu/{task.pk}/nhan/", {"next": "https://ke-gian.example/dang-nhap"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/")


def test_the_database_gone_is_a_clean_503(client, world, monkeypatch):
    from django.db import OperationalError

    from web.queues import views

    def down(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(views.nomination_selectors, "awaiting_signature", down)
    client.force_login(world.leader)
    response = client.get("/cong-viec/cho-ky/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "tạm thời không kết nối được" in response.content.decode()
