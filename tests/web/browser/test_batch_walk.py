"""In a real headless Chromium: a department's 150 Lao động tiên tiến from the Vietnamese template
to one signed decision: import, the same file again (no duplicates), one council meeting, submit,
the head's one decision of 150, signed.

Screenshots land in test-artifacts/screenshots/lo-*.png.
"""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from nominations.models import Batch, CouncilMeeting, Decision, Nomination
from tests.web.browser.test_walkthrough import CHROMIUM, SHOTS, Person, browser, demo  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
PEOPLE = 150
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def shot(person, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    person.page.screenshot(path=str(SHOTS / f"lo-{name}.png"), full_page=False)


def messages(page) -> str:
    return page.inner_text("ul.messages") if page.locator("ul.messages").count() else ""


def test_a_150_person_unit_batch_from_the_vietnamese_template_to_one_decision(
    live_server,
    demo,  # noqa: F811
    browser,  # noqa: F811
    tmp_path,
):
    base = live_server.url
    clerk = Person(browser, base, "donvi_sogd")
    page = clerk.go("/ho-so/to-trinh/")
    page.fill("input[name=title]", "Đề nghị công nhận Lao động tiên tiến năm 2026 (đợt 2)")
    page.fill("input[name=year]", "2026")
    page.click("form:has(input[name=title]) button[type=submit]")
    page.wait_for_url(re.compile(r".*/to-trinh/\d+/$"))
    batch = Batch.objects.get(title__endswith="(đợt 2)")

    # The template, as the screen offers it: Vietnamese headers and values, a sheet of valid values.
    with page.expect_download() as download:
        page.click("text=Tải tệp mẫu")
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    assert book.sheetnames[:2] == ["Danh sách đề nghị", "Giá trị hợp lệ"]
    sheet = book["Danh sách đề nghị"]
    header = [c.value for c in sheet[1]]
    for i in range(PEOPLE):
        row = {
            "Đối tượng": "Cá nhân",
            "Họ tên / Tên tập thể": f"Giáo viên Đợt Hai {i:03d}",
            "Giới tính": "Nữ" if i % 2 else "Nam",
            "Năm sinh": 1975 + i % 25,
            "Ngày sinh (dd/mm/yyyy)": f"{1 + i % 28:02d}/03/{1975 + i % 25}",
            "Chức vụ, đơn vị công tác": "Giáo viên, Trường THPT Lê Quý Đôn",
            "Số CCCD": f"034{900000000 + i}",
            "Danh hiệu, hình thức khen thưởng": "Lao động tiên tiến",
            "Hình thức xét": "Thường xuyên",
            "Tóm tắt thành tích": "Hoàn thành tốt nhiệm vụ năm học 2025–2026.",
        }
        sheet.append([row.get(h, "") for h in header])
    filled = tmp_path / "danh-sach-150.xlsx"
    book.save(filled)

    page.set_input_files("#import-form input[type=file]", str(filled))
    page.click("#import-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã nhập tệp: 150 mới, 0 cập nhật, 0 không đổi, 0 dòng bị từ chối." in messages(page)
    shot(clerk, "1-nhap-150")
    # The same file again: nothing new, nobody twice.
    page.set_input_files("#import-form input[type=file]", str(filled))
    page.click("#import-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã nhập tệp: 0 mới, 0 cập nhật, 150 không đổi, 0 dòng bị từ chối." in messages(page)
    assert batch.nominations.count() == PEOPLE
    assert "Biên bản họp xét" in page.inner_text("#batch-nominations")  # each still lacks the minutes
    shot(clerk, "2-nhap-lai-khong-trung")

    # The letter, then ONE meeting of the unit's council with its minutes, for all 150.
    letter, minutes = tmp_path / "to-trinh.pdf", tmp_path / "bien-ban-hoi-dong.pdf"
    letter.write_bytes(PDF)
    minutes.write_bytes(PDF)
    page.set_input_files("#letter-form input[type=file]", str(letter))
    page.click("#letter-form button[type=submit]")
    page.wait_for_load_state()
    form = page.locator("#meeting-form")
    form.locator("[name=held_on]").fill(timezone.localdate().strftime("%d/%m/%Y"))
    form.locator("[name=members_total]").fill("9")
    form.locator("[name=members_present]").fill("8")
    form.locator("[name=attendees]").fill("Giám đốc Sở (Chủ tịch Hội đồng), 8/9 thành viên")
    form.locator("[name=minutes]").set_input_files(str(minutes))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "150 đối tượng; biên bản dùng chung cho tất cả" in messages(page)
    assert "Biên bản họp xét" not in page.inner_text("#batch-nominations")
    assert CouncilMeeting.objects.get(unit=batch.unit).nominations.count() == PEOPLE
    page.locator("#unit-meeting").scroll_into_view_if_needed()
    shot(clerk, "3-mot-phien-hop")

    page.click("#submit-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã nộp tờ trình với 150 đối tượng." in messages(page)
    assert set(batch.nominations.values_list("status", flat=True)) == {Nomination.Status.UNIT_SIGNATURE}
    shot(clerk, "4-nop-tat-ca")

    # The head: one decision for the whole group (150, more than a page), previewed, signed.
    head = Person(browser, base, "thutruong_sogd")
    page = head.go("/cong-viec/cho-ky/?award_type=LDTT&movement=0")
    assert "Lao động tiên tiến" in page.inner_text("#signature-groups")
    page.check("#whole-group-decision")
    shot(head, "5-thu-truong-chon-ca-nhom")
    page.click("form:has(#signature-list) button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("input[name=nominations]").count() == PEOPLE
    shot(head, "6-du-thao-150")
    page.click("form[action$='/quyet-dinh/lap/'] button[type=submit]")
    page.wait_for_load_state()
    decision = Decision.objects.filter(unit=batch.unit).order_by("-id").first()
    assert decision.lines.count() == PEOPLE
    # Signing asks first, in a dialog (the tick box is for pages without JavaScript).
    page.locator("#sign-form button[type=submit]").click()
    page.locator("#confirm-dialog").wait_for(state="visible")
    shot(head, "7-hop-thoai-ky")
    page.click("#confirm-dialog-ok")
    page.wait_for_load_state()
    page.wait_for_selector("text=Tải văn bản đã ký (PDF)", timeout=120_000)
    decision.refresh_from_db()
    assert decision.status == "signed" and decision.number.endswith("/QĐ-SGDĐT")
    assert batch.nominations.filter(status=Nomination.Status.AWARDED).count() == PEOPLE
    shot(head, "8-mot-quyet-dinh-150")
    for person in (clerk, head):
        person.close()
