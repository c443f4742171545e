"""A working day for every role, in a real headless Chromium (Debian's, through Playwright).

What the users notice: the clerk's unread counter rises after a return and the
notification names the comment; a reject asks first in a dialog; the step
indicator moves; the dashboard's chart is there and its numbers open the
filtered list; on a 390 px phone no page is wider than the screen and table
values keep their labels. Screenshots of every role's main screen, desktop and
phone, go to test-artifacts/screenshots/working-day/.
"""

import re
from pathlib import Path

import pytest

from tests.web.browser.test_walkthrough import CHROMIUM, Person, browser, demo, playwright_api  # noqa: F401

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots" / "working-day"
NAME = "Nguyễn Thị Hồng Nhung"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
    ),
]

# Each role's main screen.
MAIN_SCREENS = [
    ("donvi_sogd", "/cong-viec/ho-so-don-vi/", "don-vi"),
    ("cum_vhxh", "/cong-viec/viec-cua-toi/", "truong-khoi"),
    ("thamdinh", "/cong-viec/viec-cua-toi/", "tham-dinh"),
    ("thuky", "/cong-viec/phien-hop-hoi-dong/", "thu-ky-phien-hop"),
    ("chutich", "/cong-viec/cho-ky/", "chu-tich-cho-ky"),
    ("chutich", "/cong-viec/bang-dieu-khien/", "chu-tich-bang-dieu-khien"),
    ("truongban", "/cong-viec/bang-dieu-khien/", "truong-ban-bang-dieu-khien"),
    ("thutruong_sogd", "/cong-viec/cho-ky/", "thu-truong-cho-ky"),
    ("donvi_sogd", "/thong-bao/", "don-vi-thong-bao"),
    ("donvi_sogd", "/ho-so/", "don-vi-tra-cuu"),
]


def shot(person, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def unread(page) -> int:
    badge = page.locator("#unread-count")
    return int(badge.inner_text()) if badge.count() else 0


def current_step(page) -> str:
    return page.locator("#steps li[aria-current=step]").get_attribute("data-step")


def open_dossier(person, path):
    page = person.go(path)
    page.get_by_role("link", name=NAME).first.click()
    page.wait_for_load_state()
    return page


def test_a_working_day_as_every_role(live_server, demo, browser):  # noqa: F811
    base = live_server.url
    clerk = Person(browser, base, "donvi_sogd")
    before = unread(clerk.go("/"))
    page = open_dossier(clerk, "/cong-viec/ho-so-don-vi/")
    assert current_step(page) == "submit"
    clerk.act("submit")
    assert current_step(page) == "cluster_review"
    step = page.inner_text("#steps li[aria-current=step]")
    assert "Hạn" in step and "ngày làm việc" in step
    shot(clerk, "ho-so-buoc-cum-khoi")

    reviewer = Person(browser, base, "cum_vhxh")
    page = open_dossier(reviewer, "/cong-viec/viec-cua-toi/?q=queue")
    # A reject asks first, in a dialog that says what will happen; cancelling changes nothing.
    form = page.locator("form[data-action=reject]")
    form.locator("[name=reject-comment]").fill("Không đủ tiêu chuẩn")
    assert not form.locator("[name=reject-confirmed]").is_visible()  # the dialog replaces the box
    form.locator("button[type=submit]").click()
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert "Hồ sơ sẽ không được khen thưởng; thao tác không hoàn tác được." in dialog.inner_text()
    shot(reviewer, "hop-thoai-xac-nhan-tu-choi")
    page.click("#confirm-dialog-cancel")
    assert not dialog.is_visible()
    assert "Cụm/Khối đang xét" in page.inner_text("#status")

    reviewer.act("return_for_changes", comment="Đề nghị bổ sung biên bản họp có chữ ký.")
    assert "Trả lại để bổ sung" in page.inner_text("#status")

    # The clerk is told: the counter rises, the notification names the comment and opens the dossier.
    page = clerk.go("/")
    assert unread(page) == before + 1
    page = clerk.go("/thong-bao/")
    shot(clerk, "don-vi-thong-bao-tra-lai")
    note = page.locator(".notifications li").first
    assert "Hồ sơ bị trả lại" in note.inner_text()
    assert "Đề nghị bổ sung biên bản họp có chữ ký." in note.inner_text()
    note.locator("a.note-title").click()
    page.wait_for_load_state()
    assert current_step(page) == "submit" and "Đơn vị bổ sung hồ sơ" in page.inner_text("#steps")
    clerk.act("resubmit", comment="Đã bổ sung.")
    assert current_step(page) == "cluster_review"  # the indicator moved on again

    # The agency head's dashboard: a chart, and its numbers open the filtered list.
    head = Person(browser, base, "truongban")
    page = head.go("/cong-viec/bang-dieu-khien/")
    assert "theo bước" in page.locator("svg#chart-stages title").first.text_content()
    number = page.locator("#dash-stages a.num").first
    count = int(number.inner_text())
    number.click()
    page.wait_for_load_state()
    assert "/ho-so/?" in page.url
    assert re.match(rf"{count} hồ sơ", page.inner_text("#result-count"))
    # A bar of the chart is a link too.
    page = head.go("/cong-viec/bang-dieu-khien/")
    href = page.locator("svg#chart-stages a").first.get_attribute("href")
    assert href.startswith("/ho-so/?status=")

    # The secretary's failing vote asks first too (the threshold travels with the form).
    secretary = Person(browser, base, "thuky")
    page = secretary.go("/cong-viec/viec-cua-toi/?q=queue")
    page.locator("#task-list tbody a").first.click()
    page.wait_for_load_state()
    form = page.locator("form[data-action=record_vote]")
    for field, value in (
        ("members_total", 23),
        ("members_present", 22),
        ("votes_for", 3),
        ("votes_against", 19),
    ):
        form.locator(f"[name=record_vote-{field}]").fill(str(value))
    status = page.inner_text("#status")
    form.locator("button[type=submit]").click()
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert "không đạt ngưỡng" in dialog.inner_text()
    shot(secretary, "hop-thoai-bieu-quyet-khong-dat")
    page.click("#confirm-dialog-cancel")
    assert page.inner_text("#status") == status

    for person in (clerk, reviewer, head, secretary):
        person.close()


def test_every_roles_main_screen_on_a_desktop_and_a_390px_phone(live_server, demo, browser):  # noqa: F811
    base = live_server.url
    people = {}
    for username, path, name in MAIN_SCREENS:
        for width, suffix in ((1280, "may-tinh"), (390, "dien-thoai")):
            key = (username, width)
            if key not in people:
                people[key] = Person(browser, base, username, width=width)
            person = people[key]
            page = person.go(path)
            assert page.locator("main").count() == 1
            shot(person, f"{name}-{suffix}")
            if width == 390:
                wide = page.evaluate("() => document.documentElement.scrollWidth")
                assert wide <= 390, f"{path} as {username} is {wide}px wide on a 390px phone"
                labelled = page.evaluate(
                    """() => [...document.querySelectorAll('table.responsive td[data-label]')]
                        .filter(td => td.offsetParent !== null).slice(0, 20)
                        .map(td => [td.dataset.label, getComputedStyle(td, '::before').content])"""
                )
                for label, shown in labelled:
                    assert shown == f'"{label}"', (path, label, shown)
                assert page.locator("#menu-toggle").is_visible()
                assert not page.locator("#main-menu").is_visible()
    # The clerk's list of dossiers on the phone: values keep their labels, the menu opens from its button.
    phone = people[("donvi_sogd", 390)]
    page = phone.go("/ho-so/")
    cells = page.locator("table.responsive td[data-label]")
    assert cells.count() > 0
    page.click("#menu-toggle")
    assert page.locator("#main-menu").is_visible()
    shot(phone, "don-vi-menu-dien-thoai")
    # A dossier page with a very long name still fits.
    page = phone.go("/cong-viec/ho-so-don-vi/")
    page.locator(".dossiers a").first.click()
    page.wait_for_load_state()
    page.evaluate("() => { document.querySelector('h1').textContent = 'Tập thể '.repeat(80); }")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shot(phone, "ho-so-ten-dai-dien-thoai")
    # The public pages too.
    anonymous = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN").new_page()
    for path, name in (
        ("/cong-khai/khen-thuong/", "cong-khai-khen-thuong"),
        ("/cong-khai/xac-thuc/", "cong-khai-xac-thuc"),
    ):
        anonymous.goto(f"{base}{path}")
        assert anonymous.evaluate("() => document.documentElement.scrollWidth") <= 390, path
        SHOTS.mkdir(parents=True, exist_ok=True)
        anonymous.screenshot(path=str(SHOTS / f"{name}-dien-thoai.png"), full_page=True)
    anonymous.context.close()
    for person in people.values():
        person.close()
