"""What people meet around the screens: Vietnamese error pages (also in the DEBUG demo), the icon, the admin in Vietnamese."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["production", "demo-debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_an_unknown_address_is_a_vietnamese_404(client, debug):
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and "Về trang chủ" in page
    assert "Page not found" not in page and "URLconf" not in page


def test_a_page_outside_ones_role_is_a_vietnamese_403(client, world, debug):
    client.force_login(world.clerk)
    response = client.get(reverse("queues:signature"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in page and "Forbidden" not in page


def test_a_crash_is_a_vietnamese_500_without_a_traceback(client, world, debug, monkeypatch):
    from nominations import selectors

    def broken(**kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(selectors, "published_awards", broken)
    client.raise_request_exception = False
    response = client.get(reverse("public:awards"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in page and "dữ liệu đã lưu trước đó không bị ảnh hưởng" in page
    assert "secret detail" not in page and "Traceback" not in page


def test_the_api_keeps_its_json_shape_with_debug_on(client, debug):
    response = client.get("/api/khong-co/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_developers_can_ask_for_the_technical_pages(client, settings):
    settings.DEBUG = True
    settings.FRIENDLY_ERRORS = False
    assert "Không tìm thấy trang" not in client.get("/khong-co-trang-nay/").content.decode()


def test_every_page_names_its_icon(client):
    from django.contrib.staticfiles import finders

    assert 'rel="icon"' in client.get(reverse("public:awards")).content.decode()
    assert finders.find("favicon.svg")


def test_the_admin_index_speaks_vietnamese(client, world):
    """Background tasks, API tokens and the workflow engine are named in Vietnamese in the admin."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("qtv", "qtv@example.vn", "x")
    client.force_login(admin)
    page = client.get(reverse("admin:index")).content.decode()
    for words in ("Tác vụ nền", "Tác vụ thành công", "Tác vụ lỗi", "Tác vụ định kỳ", "Mã truy cập API"):
        assert words in page, words
    for english in ("Successful tasks", "Failed tasks", "Scheduled tasks", "Auth Token", "(viewflow)"):
        assert english not in page, english


def test_the_public_menu_leads_to_the_comment_page(client):
    page = client.get(reverse("public:awards")).content.decode()
    assert f'href="{reverse("public:disclosures")}"' in page and "Lấy ý kiến nhân dân" in page


def test_the_error_page_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get("/khong-co-trang-nay/").content.decode()
    assert "Page not found" in page and "Back to the home page" in page
