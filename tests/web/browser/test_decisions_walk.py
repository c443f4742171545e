"""In a real headless Chromium, the decision screens as the Chairman, the văn thư and the units use
them: the Chairman edits a draft (legal bases, the proposing letter, Article 1, a line taken out),
previews and signs it; the văn thư issues it after confirming the number and date she is shown; a
unit named in it downloads the issued decision; a department head prints the certificates of its
150-person decision at once. Screenshots go to test-artifacts/screenshots/ (qd-*.png), the PDFs to
test-artifacts/documents/, each read by its text (pypdf).
"""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from nominations.models import Decision, Nomination, User
from nominations.services import decision_create_draft
from tests.pdf import pdf_text
from tests.web.browser.test_walkthrough import CHROMIUM, SHOTS, Person, browser, demo, playwright_api  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
    ),
]
DOCS = Path(__file__).resolve().parents[3] / "test-artifacts" / "documents"
ADDED = (
    "Căn cứ Quyết định số 15/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh ban hành "
    "Quy chế công tác thi đua, khen thưởng;"
)


def shot(person, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(path=str(SHOTS / f"qd-{name}.png"), full_page=True)


def download(page, selector):
    with page.expect_download(timeout=180_000) as info:
        page.click(selector)
    d = info.value
    return d.suggested_filename, open(d.path(), "rb").read()


def keep(name, data):
    DOCS.mkdir(parents=True, exist_ok=True)
    (DOCS / name).write_bytes(data)


def test_draft_edited_signed_issued_downloaded_and_certificates_printed(live_server, demo, browser):  # noqa: F811
    base = live_server.url
    waiting = list(
        Nomination.objects.filter(status="awaiting_signature", award_type__code="BANG_KHEN_TINH")
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    draft = decision_create_draft(actor=User.objects.get(username="chutich"), nomination_ids=waiting)

    leader = Person(browser, base, "chutich")
    page = leader.go(f"/ho-so/quyet-dinh/{draft.pk}/")
    assert "Chỉnh sửa dự thảo trước khi ký" in page.inner_text("#draft-edit")
    shot(leader, "1-du-thao")
    bases = page.input_value("textarea[name=legal_bases]").splitlines()
    bases = [b for b in bases if not b.startswith("Căn cứ Luật Tổ chức chính quyền")]
    page.fill("textarea[name=legal_bases]", "\n".join([*bases[:-1], ADDED, bases[-1]]))
    page.fill("input[name=proposal_letter_number]", "125/TTr-SNV")
    page.fill("input[name=proposal_letter_date]", "01/12/2026")
    page.fill("textarea[name=article1_reason]", "đã có thành tích xuất sắc trong công tác năm 2026")
    page.click("#draft-save")
    page.wait_for_load_state()
    assert "Đã lưu dự thảo" in page.inner_text(".messages")
    # Take the second line out: its dossier goes back to the signature queue.
    row = page.locator("#decision-lines tbody tr").nth(1)
    removed_name = row.locator("td").nth(1).inner_text()
    row.locator("input[name=reason]").fill("Chờ bổ sung xác nhận của địa phương.")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "hồ sơ trở lại danh sách chờ ký" in page.inner_text(".messages")
    assert page.locator("#decision-lines tbody tr").count() == 2
    assert removed_name not in page.inner_text("#decision-lines")
    shot(leader, "2-da-sua")
    preview = leader.context.request.get(f"{base}/ho-so/quyet-dinh/{draft.pk}/xem-truoc.pdf")
    previewed = pdf_text(preview.body())
    keep("walk-preview.pdf", preview.body())
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 125/TTr-SNV ngày 01/12/2026." in previewed
    assert ADDED in previewed and "Căn cứ Luật Tổ chức chính quyền" not in previewed
    page.locator("#sign-form button[type=submit]").click()
    page.locator("#confirm-dialog").wait_for(state="visible")
    shot(leader, "3-hop-thoai-ky")
    page.click("#confirm-dialog-ok")
    page.wait_for_selector("text=Quyết định đã ký, chờ văn thư cấp số và phát hành", timeout=120_000)

    clerk = Person(browser, base, "vanthu")
    page = clerk.go("/ho-so/van-thu/cho-phat-hanh/")
    page.click(f"#issue-{draft.pk} a.button")
    page.wait_for_load_state()
    page.locator("#issue-button").click()
    page.locator("#confirm-dialog").wait_for(state="visible")
    told = page.inner_text("#confirm-dialog")
    shot(clerk, "4-hop-thoai-phat-hanh")
    assert "với số " in told and "/QĐ-UBND" in told
    page.click("#confirm-dialog-ok")
    page.wait_for_selector("text=Đã cấp số và phát hành văn bản số", timeout=120_000)
    draft.refresh_from_db()
    assert draft.status == "signed" and f"với số {draft.number}, ngày {draft.decision_date:%d/%m/%Y}" in told
    shot(clerk, "5-da-phat-hanh")

    # A unit with a line in the decision gets it: the list, the page, the PDF.
    unit = Person(browser, base, "donvi_sogd")
    page = unit.go(f"/ho-so/quyet-dinh/?q={draft.number}")
    page.get_by_role("link", name=draft.number).first.click()
    page.wait_for_load_state()
    shot(unit, "6-don-vi-nhan-quyet-dinh")
    name, data = download(page, "#decision-download")
    keep("walk-issued.pdf", data)
    issued = pdf_text(data)
    assert name.endswith(".pdf") and draft.number in issued
    # What was signed is what was previewed.
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 125/TTr-SNV ngày 01/12/2026." in issued
    assert "đã có thành tích xuất sắc trong công tác năm 2026" in issued

    # The department's 150-person decision: every certificate in one file, in the annex's order.
    head = Person(browser, base, "thutruong_sogd")
    big = Decision.objects.get(unit__code="HY_SO_GDDT", number="1/QĐ-SGDĐT")
    page = head.go(f"/ho-so/quyet-dinh/{big.pk}/")
    assert "In tất cả (150 bằng, giấy)" in page.inner_text("#print-all")
    shot(head, "7-in-tat-ca-150")
    name, data = download(page, "#print-all")
    keep("walk-certificates-150.pdf", data)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 150
    first = reader.pages[0].extract_text()
    assert "GIẤY CHỨNG NHẬN" in first and "Lao động tiên tiến" in first
    for person in (leader, clerk, unit, head):
        person.close()
