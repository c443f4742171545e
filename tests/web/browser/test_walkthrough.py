"""In a real headless Chromium: a dossier goes from the unit to the leader's queue.

Uses Debian's chromium (/usr/bin/chromium) through Playwright; skipped with a
reason where either is missing. Screenshots of each role's main screen are
saved to test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

from nominations.models import Decision
from tests.conftest import restore_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = shutil.which("chromium")
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
    ),
]


@pytest.fixture
def browser(demo):
    # After the demo: its seed signs PDFs (pyHanko runs its own event loop), Playwright then holds one.
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def demo(demo_snapshot, transactional_db):
    """The seeded demo, restored from the session's one seed (tests/conftest.py): what
    ``seed_demo`` would have written here, without seeding again for every browser test."""
    restore_demo(demo_snapshot)


class Person:
    def __init__(self, browser, base, username, width=1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
        self.page = self.context.new_page()
        self.base = base
        self.page.goto(f"{base}/dang-nhap/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", "Demo@2025")
        self.page.click("form button[type=submit]")
        self.page.wait_for_url(f"{base}/")

    def go(self, path):
        self.page.goto(f"{self.base}{path}")
        return self.page

    def shot(self, name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def act(self, action, **fields):
        form = self.page.locator(f"form[data-action={action}]")
        for name, value in fields.items():
            if value is True:
                form.locator(f"[name={action}-{name}]").check()
            else:
                form.locator(f"[name={action}-{name}]").fill(str(value))
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def close(self):
        self.context.close()


def open_dossier(person, path, name):
    page = person.go(path)
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()
    return page


def test_unit_submits_reviewer_returns_unit_resubmits_and_it_reaches_the_leader(live_server, demo, browser):
    base = live_server.url
    name = "Nguyễn Thị Hồng Nhung"

    unit = Person(browser, base, "donvi_sogd")
    unit.go("/cong-viec/ho-so-don-vi/")
    unit.shot("1-don-vi-ho-so")
    page = open_dossier(unit, "/cong-viec/ho-so-don-vi/", name)
    unit.act("submit")
    assert "Cụm/Khối đang xét" in page.inner_text("#status")

    reviewer = Person(browser, base, "cum_vhxh")
    reviewer.go("/cong-viec/viec-cua-toi/?q=queue")
    reviewer.shot("2-truong-khoi-hang-cho")
    page = open_dossier(reviewer, "/cong-viec/viec-cua-toi/?q=queue", name)
    reviewer.act("return_for_changes", comment="Đề nghị bổ sung biên bản họp Hội đồng sáng kiến.")
    assert "Trả lại để bổ sung" in page.inner_text("#status")

    page = open_dossier(unit, "/cong-viec/ho-so-don-vi/", name)
    assert "Đề nghị bổ sung biên bản họp Hội đồng sáng kiến." in page.content()
    unit.act("resubmit", comment="Đã bổ sung biên bản.")
    assert "Cụm/Khối đang xét" in page.inner_text("#status")

    # The resubmitted dossier went straight back to the reviewer who returned it: their inbox,
    # which the queue screen now opens on.
    page = open_dossier(reviewer, "/cong-viec/viec-cua-toi/", name)
    reviewer.act("approve_cluster", comment="Khối thống nhất đề nghị.")
    assert "Đang thẩm định" in page.inner_text("#status")

    appraiser = Person(browser, base, "thamdinh")
    appraiser.go("/cong-viec/viec-cua-toi/?q=queue")
    appraiser.shot("3-tham-dinh-hang-cho")
    page = open_dossier(appraiser, "/cong-viec/viec-cua-toi/?q=queue", name)
    appraiser.act(
        "pass_appraisal",
        check_documents=True,
        check_criteria=True,
        check_no_discipline=True,
        check_authority=True,
    )
    assert "Chờ Hội đồng biểu quyết" in page.inner_text("#status")

    secretary = Person(browser, base, "thuky")
    secretary.go("/cong-viec/viec-cua-toi/?q=queue")
    secretary.shot("4-thu-ky-hang-cho")
    page = open_dossier(secretary, "/cong-viec/viec-cua-toi/?q=queue", name)
    secretary.act("record_vote", members_total=23, members_present=22, votes_for=22, votes_against=0)
    assert "Chờ ký quyết định" in page.inner_text("#status")

    leader = Person(browser, base, "chutich")
    page = leader.go("/cong-viec/cho-ky/")
    leader.shot("5-chu-tich-cho-ky")
    assert name in page.inner_text("#signature-list")
    assert "Chiến sĩ thi đua cấp tỉnh" in page.inner_text("#signature-groups")
    # Beside the decisions: the proposals to the central level waiting for the Chairman's letter.
    assert "Lê Thị Thu Hương" in page.inner_text("#proposal-list")

    # A department head decides the unit's own titles from their own queue.
    unit_head = Person(browser, base, "thutruong_sogd")
    page = unit_head.go("/cong-viec/cho-ky/")
    unit_head.shot("8-thu-truong-cho-ky")
    assert "Trương Thị Bích Ngọc" in page.inner_text("#signature-list")
    assert "Phạm Thị Duyên" not in page.content()
    page = unit_head.go("/ho-so/quyet-dinh/")
    assert "QĐ-SGDĐT" in page.inner_text("main")
    unit_head.close()

    # The Standing agency sees the proposal with results recorded for some lines, the others waiting.
    page = appraiser.go("/ho-so/quyet-dinh/")
    letter = Decision.objects.get(kind="proposal", lines__nominee_name="Vũ Thị Thanh Xuân").number
    page.click(f"text={letter}")
    appraiser.shot("9-tham-dinh-ket-qua-cap-tren")
    lines = page.inner_text("#decision-lines")
    assert "Được khen thưởng" in lines and "Đang chờ kết quả" in lines
    assert page.locator("#result-form").is_visible()

    head = Person(browser, base, "truongban")
    head.go("/cong-viec/giam-sat/")
    head.shot("6-truong-ban-giam-sat")

    phone = Person(browser, base, "donvi_soyte", width=390)
    phone.go("/cong-viec/ho-so-don-vi/")
    phone.shot("7-dien-thoai-don-vi")
    for person in (unit, reviewer, appraiser, secretary, leader, head, phone):
        person.close()


def test_the_browsers_own_validation_speaks_vietnamese(live_server):
    """'Please fill out this field' was the browser's; the app's forms say it in Vietnamese."""
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = chromium.new_context(locale="vi-VN").new_page()
            page.goto(f"{live_server.url}/dang-nhap/")
            page.wait_for_load_state("load")
            message = page.evaluate(
                """() => {
                    const field = document.querySelector('input[name=username]');
                    field.form.reportValidity();
                    return field.validationMessage;
                }"""
            )
            assert message == "Vui lòng nhập thông tin vào ô này."
            page.fill("input[name=username]", "donvi_sogd")
            assert page.evaluate("() => document.querySelector('input[name=username]').validity.valid")
        finally:
            chromium.close()
