"""The public form and the tracking page of a citizen's application on a 390 px phone, in a real
headless Chromium: nothing wider than the screen, the day fields typed as dd/mm/yyyy, the files
chosen, the code shown, then the case found by code and identity number. Screenshots go to
test-artifacts/screenshots/citizen-application/."""

from pathlib import Path

import pytest

from nominations.models import Unit
from tests.factories import UnitFactory
from tests.web.browser.test_walkthrough import CHROMIUM, playwright_api

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots" / "citizen-application"
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
    ),
]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_phone_files_an_application_and_tracks_it(live_server, tmp_path):
    UnitFactory(code="XA_HONG_VIET", name="Xã Hồng Việt", kind=Unit.Kind.COMMUNE)
    declaration = tmp_path / "ban-khai.pdf"
    declaration.write_bytes(b"%PDF-1.4\nban khai\n%%EOF\n")
    proof = tmp_path / "anh-giay-xac-nhan.png"
    proof.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            context = chromium.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
            page = context.new_page()
            page.goto(f"{live_server.url}/cong-khai/huy-chuong-tnxp/nop-ho-so/")
            assert fits(page)
            page.screenshot(path=str(SHOTS / "1-bieu-mau.png"), full_page=True)
            page.select_option("select[name=commune]", label="Xã Hồng Việt")
            page.fill("input[name=applicant_name]", "Nguyễn Văn Thành")
            page.fill("input[name=applicant_identity]", "034048001234")
            page.fill("input[name=phone]", "0912345678")
            page.fill("input[name=address]", "Thôn Đông, xã Hồng Việt")
            page.fill("input[name=volunteer_name]", "Nguyễn Văn Thành")
            page.fill("input[name=volunteer_birth_year]", "1950")
            page.fill("textarea[name=achievements]", "Tham gia mở đường Trường Sơn.")
            page.fill("input[name=force_1]", "Đội TNXP 305")
            page.fill("input[name=from_1]", "01/03/1968")
            page.fill("input[name=to_1]", "15/12/1970")
            page.set_input_files("input[name=declaration]", str(declaration))
            # A first try without the proof: the message is in Vietnamese and the typed text stays.
            page.click("#application-submit")
            page.wait_for_load_state()
            assert "Bắt buộc" in page.content() or "bắt buộc" in page.content().lower()
            assert page.input_value("input[name=applicant_name]") == "Nguyễn Văn Thành"
            assert fits(page)
            page.screenshot(path=str(SHOTS / "2-thieu-giay-to.png"), full_page=True)
            page.set_input_files("input[name=declaration]", str(declaration))
            page.set_input_files("input[name=proof]", str(proof))
            page.click("#application-submit")
            page.wait_for_selector("#tracking-code")
            code = page.inner_text("#tracking-code").strip()
            assert len(code) == 10 and fits(page)
            page.screenshot(path=str(SHOTS / "3-ma-tra-cuu.png"), full_page=True)

            page.goto(f"{live_server.url}/cong-khai/huy-chuong-tnxp/tra-cuu/")
            page.fill("input[name=code]", code)
            page.fill("input[name=identity_number]", "034048009999")
            page.click("#track-form button[type=submit]")
            page.wait_for_selector("#track-not-found")
            page.fill("input[name=code]", code)
            page.fill("input[name=identity_number]", "034048001234")
            page.click("#track-form button[type=submit]")
            page.wait_for_selector("#application-status-label")
            assert page.inner_text("#application-status-label") == "Đã tiếp nhận"
            assert fits(page)
            page.screenshot(path=str(SHOTS / "4-tra-cuu.png"), full_page=True)
        finally:
            chromium.close()
