"""The new screens speak English in English mode (locale/en)."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from nominations.models import AwardType, Unit, User
from tests.web.test_end_to_end import do, login

pytestmark = pytest.mark.django_db


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_dossier_page_queue_and_dashboard_in_english(client, world, draft):
    login(client, world.clerk)
    do(client, draft, "submit")
    login(client, world.reviewer)
    english(client)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'aria-label="Dossier progress"' in page and "Unit submits" in page
    assert "working days left" in page or "working day left" in page
    assert "The dossier will not be awarded; this cannot be undone." in page
    assert "Hạn" not in page.split('id="steps"')[1].split("</ol>")[0]
    queue = client.get(reverse("queues:my_work")).content.decode()
    assert "Received" in queue and "Nhận lúc" not in queue
    login(client, world.head)
    english(client)
    board = client.get(reverse("queues:dashboard")).content.decode()
    assert "Waiting and overdue by step" in board and "Đang chờ và quá hạn theo bước" not in board


# Letters only Vietnamese writes (with its tone marks); the English chrome has none of them.
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
CHROME = {"h1", "h2", "h3", "th", "button", "label", "legend", "caption", "title"}


class _Chrome(HTMLParser):
    """The visible chrome of a page: headings, table headers, buttons, labels, button-like and
    download links, chart titles and legends; not the options of a select (catalog data)."""

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        chrome = (
            tag in CHROME
            or (
                tag == "a"
                and ("button" in (attrs.get("class") or "") or attrs.get("id", "").endswith("xlsx"))
            )
            or (tag == "text" and (attrs.get("font-weight") == "bold" or attrs.get("font-size") == "12"))
            or (tag == "p" and attrs.get("id") == "period")
        )
        if tag in ("select", "option"):
            chrome = False
        if tag not in ("input", "br", "img", "rect", "line", "circle", "meta", "link", "col"):
            self.stack.append((tag, chrome, tag in ("select", "option")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(hidden for _t, _c, hidden in self.stack):
            return
        if any(chrome for _t, chrome, _h in self.stack) and data.strip():
            self.texts.append(data.strip())


def vietnamese_chrome(html: str, data: list[str]) -> list[str]:
    parser = _Chrome()
    parser.feed(html)
    left = []
    for text in parser.texts:
        for value in data:  # names of units and people stay as they are
            text = text.replace(value, "")
        text = re.sub(r"[\d.]+ đ", "", text)  # amounts in đồng, written as in Vietnam
        text = re.sub(r"\S+/\S+", "", text)  # official codes and numbers: 0601.N/BNV-TĐKT, 12/QĐ-UBND
        if VIETNAMESE.search(text):
            left.append(text)
    return left


def test_the_report_screens_and_the_lists_workbooks_in_english(client, report_world):
    """The reports, forms 0601–0605, the export's progress and every list with its “Download XLSX”
    link speak English; so do the workbooks' titles, headers and totals. Data stays Vietnamese."""
    from openpyxl import load_workbook

    from nominations.models import ReportExport
    from tests.reports_data import PERIOD

    w = report_world
    data = [u.name for u in Unit.objects.all()] + [u.get_full_name() for u in User.objects.all()]
    data += list(AwardType.objects.values_list("name", flat=True))
    client.force_login(w.head)
    english(client)
    pages = [
        reverse("reports:index") + "?" + urlencode({**PERIOD, "group_by": group})
        for group in ("award_type", "unit")
    ]
    pages += [
        reverse("reports:form", args=[code]) + "?" + urlencode(PERIOD)
        for code in ("0601", "0602", "0603", "0604", "0605")
    ]
    client.post(reverse("reports:export_create"), {"from": PERIOD["from"], "to": PERIOD["to"]})
    pages.append(reverse("reports:export", args=[ReportExport.objects.get(requested_by=w.head).pk]))
    pages += [reverse("queues:oversight"), reverse("nominations:list"), reverse("notifications:list")]
    for url in pages:
        html = client.get(url).content.decode()
        assert 'lang="en"' in html, url
        assert not vietnamese_chrome(html, data), (url, vietnamese_chrome(html, data))
    html = client.get(pages[0]).content.decode()
    assert (
        "Emulation and commendation reports" in html
        and "Awards by kind: this period and the same period last year" in html
    )

    def workbook_chrome(user, url):
        client.force_login(user)
        english(client)
        page = client.get(url).content.decode()
        assert "Download XLSX" in page and not vietnamese_chrome(page, data), (
            url,
            vietnamese_chrome(page, data),
        )
        response = client.get(url, {"format": "xlsx"})
        book = load_workbook(io.BytesIO(response.content))
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            chrome = [rows[0][0], *rows[3], rows[-1][0] if len(rows) > 4 else ""]
            left = vietnamese_chrome("".join(f"<th>{c}</th>" for c in chrome if isinstance(c, str)), data)
            assert not left, (url, sheet.title, left)
        return book

    book = workbook_chrome(w.head, reverse("queues:oversight"))
    assert book.sheetnames == ["By step", "Overdue by unit", "Escalations"]
    book = workbook_chrome(w.clerk, reverse("queues:unit"))
    assert book.active["A4"].value == "Nominee" and book.active.cell(book.active.max_row, 1).value.startswith(
        "Total: "
    )
    workbook_chrome(w.reviewer, reverse("queues:my_work"))
    workbook_chrome(w.leader, reverse("queues:signature"))
    workbook_chrome(w.leader, reverse("nominations:decisions"))
    workbook_chrome(w.reviewer, reverse("notifications:list"))
    workbook_chrome(w.clerk, reverse("nominations:list"))
