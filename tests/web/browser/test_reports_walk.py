"""In a real headless Chromium, the report screens as the leader, the agency head and a unit use them:
the figures of the reporting year, the charts, forms 0601–0605, the DOCX and XLSX downloads, the
background export with its progress, and the lists' "Tải XLSX". Screenshots go to
test-artifacts/screenshots/ (reports-*.png); each page is checked for what a person would notice
wrong: a table wider than the screen, a chart that did not draw, a download that is not a file.
"""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from nominations.models import Nomination, User
from tests.web.browser.test_walkthrough import CHROMIUM, Person, browser, demo, playwright_api  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not on PATH (apt-get install chromium)"
    ),
]

FORMS = ("0601", "0602", "0603", "0604", "0605")

# Tables and charts stay inside the page: nothing wider than the viewport needs sideways scrolling
# of the whole page (a wide table scrolls inside its own box).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('main table, main figure, main svg, main section')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest('.scroll-x')) wide.push(el.tagName + '#' + (el.id || el.className));
  }
  return {page: document.documentElement.scrollWidth > width + 1, wide};
}"""


# A table cell narrower than one of its words breaks that word letter by letter ("T/ổ/n/g s/ố").
BROKEN_WORDS = """() => {
  const broken = [];
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  document.body.appendChild(probe);
  for (const cell of document.querySelectorAll('main th, main td')) {
    if (cell.offsetParent === null) continue;
    const style = getComputedStyle(cell);
    probe.style.font = style.font;
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of cell.innerText.split(/\\s+/)) {
      if (!word) continue;
      probe.textContent = word;
      if (probe.getBoundingClientRect().width > inner + 1) { broken.push(word); break; }
    }
  }
  probe.remove();
  return broken;
}"""


def fits(page, where):
    result = page.evaluate(OVERFLOW)
    assert not result["page"], f"{where}: the page scrolls sideways ({result['wide']})"
    broken = page.evaluate(BROKEN_WORDS)
    assert not broken, f"{where}: words broken across lines in table cells: {broken[:10]}"


def download(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    d = info.value
    return d.suggested_filename, open(d.path(), "rb").read()


def charts_drawn(page):
    for figure in ("#chart-awards", "#chart-months", "#chart-times"):
        svg = page.locator(f"{figure} svg")
        assert svg.count() == 1, figure
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, figure
        assert svg.locator("rect, path, polyline, circle").count() > 2, f"{figure}: nothing drawn"


def test_the_leader_agency_head_and_unit_read_their_reports(live_server, demo, browser):  # noqa: F811
    base = live_server.url

    leader = Person(browser, base, "chutich")
    page = leader.go("/bao-cao/")
    assert "Báo cáo, thống kê thi đua, khen thưởng" in page.inner_text("h1")
    totals = page.inner_text("#totals")
    assert totals.startswith("Tổng cộng")
    charts_drawn(page)
    fits(page, "reports")
    leader.shot("reports-1-lanh-dao-tong-hop")

    # The summary by unit, its workbook: the same total as the screen.
    page.select_option("select[name=group_by]", "unit")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    screen_total = page.locator("#totals th").nth(1).inner_text()
    name, content = download(page, "#summary-xlsx")
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[0] == "Tổng cộng" and f"{last[1]:,}".replace(",", ".") == screen_total
    leader.shot("reports-2-lanh-dao-theo-don-vi")

    # Processing times as a workbook.
    name, content = download(page, "#times-xlsx")
    assert load_workbook(io.BytesIO(content)).sheetnames == ["Theo bước", "Theo đơn vị"]

    # The five forms on screen, each with its XLSX and PDF.
    query = page.url.split("?", 1)[1]
    for code in FORMS:
        page = leader.go(f"/bao-cao/bieu/{code}/?{query}")
        assert f"{code}.N/BNV-TĐKT" in page.inner_text(".form-head")
        assert page.locator("#form-table tbody tr").count() > 1
        fits(page, f"form {code}")
        leader.shot(f"reports-3-bieu-{code}")
        name, content = download(page, "a.button:has-text('Tải XLSX')")
        assert name.endswith(".xlsx") and load_workbook(io.BytesIO(content)).sheetnames == [code]
        name, content = download(page, "a.button:has-text('Tải PDF')")
        assert content.startswith(b"%PDF")

    # The narrative report as DOCX.
    page = leader.go("/bao-cao/")
    name, content = download(page, "a.button:has-text('DOCX')")
    assert name.endswith(".docx")
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        assert "THI ĐUA" in docx.read("word/document.xml").decode().upper()

    # The same screens in English, the second language.
    page.select_option("footer select[name=language]", "en")
    page.click("footer button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "Emulation and commendation reports"
    assert "Awards by kind" in page.inner_text("#chart-awards")
    charts_drawn(page)
    fits(page, "reports in English")
    leader.shot("reports-7-lanh-dao-tieng-anh")
    page = leader.go(f"/bao-cao/bieu/0602/?{query}")
    assert "NUMBER OF STATE-LEVEL AWARDS" in page.inner_text(".form-head")
    fits(page, "form 0602 in English")
    leader.shot("reports-8-bieu-0602-tieng-anh")
    leader.close()

    # The agency head exports the period's dossiers in the background and downloads the file.
    head = Person(browser, base, "truongban")
    page = head.go("/bao-cao/?preset=reporting_year&year=2026")
    charts_drawn(page)
    page.click("button:has-text('Xuất dữ liệu')")
    page.wait_for_load_state()
    assert page.locator("#export-progress").count() == 1
    page.wait_for_selector("#export-download a", timeout=60_000)
    assert page.inner_text("#export-status") == "Đã xong"
    rows = page.inner_text("#export-rows")
    done, total = (int(x.strip().replace(".", "")) for x in rows.split("/"))
    assert done == total > 0
    head.shot("reports-4-truong-ban-xuat-du-lieu")
    name, content = download(page, "#export-download a")
    assert name.endswith(".xlsx") and load_workbook(io.BytesIO(content)).active.max_row >= total
    # The head numbers the year's report from the Standing agency's register, and downloads it.
    page = head.go("/bao-cao/?preset=reporting_year&year=2026")
    assert "Cùng kỳ năm trước: từ ngày 01/12/2024 đến ngày 30/11/2025" in page.inner_text("#previous-period")
    name, content = download(page, "#docx-form button[type=submit]")
    assert name.startswith("bao-cao-tdkt-1-bc-") and name.endswith("-20251201-20261130.docx")
    page = head.go("/bao-cao/?preset=reporting_year&year=2026")
    assert page.inner_text("#report-number").startswith("Báo cáo của kỳ này đã lấy số 1/BC-")
    head.shot("reports-9-truong-ban-so-bao-cao")
    # ... and enters the year's forms 0604/0605: a wrong figure is told, what was typed stays.
    page.click("#workforce-link")
    page.wait_for_load_state()
    page.fill("input[name=org_home_affairs_division]", "1")
    page.fill("input[name=total_02]", "2")
    page.fill("input[name=women_02]", "3")
    page.fill("input[name=total_11]", "2")
    page.fill("input[name=total_13]", "2")
    page.click("#workforce-form button[type=submit]")
    page.wait_for_load_state()
    assert "số nữ (3) nhiều hơn tổng số (2)" in page.inner_text("#staff-table")
    assert page.input_value("input[name=total_11]") == "2"
    fits(page, "forms 0604/0605 entry with an error")
    head.shot("reports-10-truong-ban-nhap-0605-loi")
    page.fill("input[name=women_02]", "1")
    page.fill("input[name=women_11]", "1")
    page.fill("input[name=women_13]", "1")
    page.click("#workforce-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu số liệu biểu 0604, 0605 năm 2026." in page.inner_text("main")
    page.click("a:has-text('Xem biểu 0605')")
    page.wait_for_load_state()
    total = page.locator("#form-table tr.total td")
    assert [total.nth(i).inner_text() for i in (3, 4)] == ["2", "1"]
    head.shot("reports-11-bieu-0605-da-nhap")
    # The oversight board's list as a workbook, from its "Tải XLSX".
    page = head.go("/cong-viec/giam-sat/")
    name, content = download(page, "#list-xlsx")
    assert load_workbook(io.BytesIO(content)).sheetnames[0] == "Theo bước"
    head.close()

    # A unit sees its own figures; on a phone the page still fits.
    unit = Person(browser, base, "donvi_sogd", width=390)
    page = unit.go("/bao-cao/")
    charts_drawn(page)
    fits(page, "reports on a phone")
    unit.shot("reports-5-don-vi-dien-thoai")
    page = unit.go("/bao-cao/bieu/0601/")
    fits(page, "form 0601 on a phone")
    unit.shot("reports-6-don-vi-bieu-0601-dien-thoai")
    page = unit.go("/cong-viec/ho-so-don-vi/")
    name, content = download(page, "#list-xlsx")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=5, values_only=True))
    own = Nomination.objects.filter(unit=User.objects.get(username="donvi_sogd").unit)
    assert name.startswith("ho-so-don-vi-") and sorted(r[0] for r in rows[:-1]) == sorted(
        own.values_list("nominee_name", flat=True)
    )
    assert rows[-1][0] == f"Tổng cộng: {own.count()} hồ sơ"
    unit.close()
