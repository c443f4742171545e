"""In a real headless Chromium, the emulation year as the Standing agency and a unit see it: the
movement page with its participants' plans and reports (received, returned, overdue) and the
reminders sent, and a unit's "what is asked of me" on a phone. Screenshots go to
test-artifacts/screenshots/ (movements-*.png)."""

import pytest

from tests.web.browser.test_reports_walk import fits
from tests.web.browser.test_walkthrough import CHROMIUM, Person, browser, demo, playwright_api  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
    ),
]


def test_the_standing_agencys_movement_page_and_a_units_requests(live_server, demo, browser):  # noqa: F811
    base = live_server.url
    agency = Person(browser, base, "thamdinh")
    page = agency.go("/phong-trao/")
    assert page.locator("#movements").is_visible()
    page.get_by_role("link", name="Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế").first.click()
    page.wait_for_load_state()
    assert page.locator("#movement-status").inner_text() == "Đã phát động"
    groups = page.locator("section.movement-group")
    assert groups.count() >= 2  # the plans and the six-month review at least
    summary = groups.first.locator(".summary").inner_text()
    assert "đã nhận" in summary and "quá hạn" in summary
    assert page.locator("tr.overdue").count() >= 1
    assert "Quá hạn" in page.locator("main").inner_text()
    fits(page, "movement page")
    agency.shot("movements-standing-agency")
    agency.close()

    unit = Person(browser, base, "donvi_sogd", width=390)
    page = unit.go("/phong-trao/cua-don-vi/")
    text = page.locator("main").inner_text()
    assert "Việc phong trào yêu cầu đơn vị" in text and "Đăng ký thi đua năm 2026" in text
    assert page.locator("#asked tbody tr").count() >= 2
    fits(page, "asked of me")
    unit.shot("movements-asked-of-me")
    page.locator("#asked tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.locator("#request-status").is_visible()
    unit.shot("movements-request")
    unit.close()
