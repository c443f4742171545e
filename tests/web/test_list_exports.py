"""Every list a user meets downloads as a workbook: what the filtered screen shows (every page),
in the same scope, with a totals row, read back here as a user would open it."""

import html as htmllib
import io
import re
from datetime import date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nominations.models import Decision, Role
from tests.factories import AwardTypeFactory, NominationFactory, UserFactory
from tests.web.test_queues import at_signature, submitted
from workflows import actions
from workflows.models import Notification

pytestmark = pytest.mark.django_db


def page_and_workbook(client, user, url):
    """The page, and the workbook behind its "Tải XLSX" link (the link as the page writes it)."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    link = re.search(r'<a id="list-xlsx" href="([^"]+)">', page)
    assert link, f"{url}: no Tải XLSX link"
    href = htmllib.unescape(link.group(1))
    assert "format=xlsx" in href and "page=" not in href
    download = client.get(url.split("?")[0] + href)
    assert download.status_code == 200, href
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download["Content-Disposition"].startswith("attachment; filename=")
    return page, load_workbook(io.BytesIO(download.content))


def table(sheet):
    """(headers, rows, totals) of a sheet laid out by write_table: title, subtitle, headers on row 4."""
    assert sheet.freeze_panes == "A5"
    headers = [c.value for c in sheet[4]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    return headers, rows[:-1], rows[-1]


def test_a_reviewers_queue_downloads_every_page_of_the_tab_shown(client, world, monkeypatch):
    from web.queues import views

    names = [f"Người chờ {i}" for i in range(4)]
    for name in names:
        submitted(world, nominee_name=name)
    elsewhere = submitted(world, unit=world.so_tc, clerk=world.clerk_tc, nominee_name="Hồ sơ khối kinh tế")
    monkeypatch.setattr(views.Paginator, "__init__", _small_pages(views.Paginator.__init__))
    page, book = page_and_workbook(client, world.reviewer, reverse("queues:my_work") + "?q=queue")
    assert "1/2" in page  # the screen pages, the workbook does not
    headers, rows, totals = table(book.active)
    assert headers[:4] == ["Hồ sơ", "Hình thức", "Đơn vị", "Bước"]
    assert sorted(r[0] for r in rows) == sorted(names)
    assert elsewhere.nominee_name not in {r[0] for r in rows}
    assert totals[0] == "Tổng cộng: 4 việc"
    assert all(isinstance(r[4], datetime | date) for r in rows)
    assert book.active.cell(row=5, column=5).number_format == "dd/mm/yyyy"
    assert "Hàng chờ của bộ phận" in book.active.cell(row=1, column=1).value

    # The tab the link carries: nothing taken yet, so "Việc tôi đã nhận" exports nothing.
    _, book = page_and_workbook(client, world.reviewer, reverse("queues:my_work") + "?q=inbox")
    _, rows, totals = table(book.active)
    assert rows == [] and totals[0] == "Tổng cộng: 0 việc"


def _small_pages(init):
    def small(self, object_list, per_page, *args, **kwargs):
        init(self, object_list, 2, *args, **kwargs)

    return small


def test_a_unit_clerks_export_holds_only_their_units_dossiers(client, world):
    mine = [
        NominationFactory(unit=world.so_gd, award_type=world.award, nominee_name=f"Hồ sơ GD {i}")
        for i in range(3)
    ]
    returned = submitted(world, nominee_name="Hồ sơ bị trả")
    actions.perform(
        user=world.reviewer,
        nomination_id=returned.pk,
        action="return_for_changes",
        comment="Thiếu biên bản họp.",
    )
    NominationFactory(unit=world.so_yte, nominee_name="Hồ sơ Sở Y tế")
    page, book = page_and_workbook(client, world.clerk, reverse("queues:unit"))
    headers, rows, totals = table(book.active)
    assert headers[:2] == ["Đối tượng", "Trạng thái"]
    shown = {r[0] for r in rows}
    assert shown == {n.nominee_name for n in mine} | {"Hồ sơ bị trả"}
    assert all(name in page for name in shown) and "Hồ sơ Sở Y tế" not in page
    # Returned first, as on the screen, with the reviewer's comment.
    assert (
        rows[0][0] == "Hồ sơ bị trả"
        and rows[0][1] == "Trả lại để bổ sung"
        and rows[0][-1] == "Thiếu biên bản họp."
    )
    assert totals[0] == "Tổng cộng: 4 hồ sơ"
    assert (
        rows[1][3] == mine[0].year and book.active.cell(row=6, column=4).number_format == "0"
    )  # 2026, not 2.026
    # Another unit's clerk gets only their own.
    _, book = page_and_workbook(client, world.clerk2, reverse("queues:unit"))
    assert [r[0] for r in table(book.active)[1]] == ["Hồ sơ Sở Y tế"]


def test_the_leaders_signature_queue_exports_the_filtered_group(client, world):
    other_award = AwardTypeFactory(code="GK_TINH", name="Giấy khen cấp tỉnh")
    first = at_signature(world, nominee_name="Người Một")
    second = at_signature(world, nominee_name="Người Hai")
    type(second).objects.filter(pk=second.pk).update(award_type=other_award)
    _, book = page_and_workbook(client, world.leader, reverse("queues:signature"))
    headers, rows, totals = table(book["Chờ ký quyết định"])
    assert {r[0] for r in rows} == {"Người Một", "Người Hai"} and totals[0] == "Tổng cộng: 2 hồ sơ"
    vote = headers.index("Hội đồng biểu quyết")
    # The same sentence as the page, the dossier and the meeting (issue 27).
    assert rows[0][vote].startswith("20 đồng ý, 1 không đồng ý; 21/25 thành viên có mặt; ngưỡng: ")
    # The filter of the page goes with the link: only the chosen award type.
    url = reverse("queues:signature") + f"?award_type={world.award.code}&movement=0"
    page, book = page_and_workbook(client, world.leader, url)
    assert f"award_type={world.award.code}" in page
    _, rows, totals = table(book["Chờ ký quyết định"])
    assert [r[0] for r in rows] == [first.nominee_name] and totals[0] == "Tổng cộng: 1 hồ sơ"
    # Nobody else's queue: a clerk may not ask for it.
    client.force_login(world.clerk)
    assert client.get(reverse("queues:signature"), {"format": "xlsx"}).status_code == 403


def test_the_oversight_board_exports_its_three_lists_with_sums(client, world):
    for i in range(3):
        submitted(world, nominee_name=f"Người {i}")
    page, book = page_and_workbook(client, world.head, reverse("queues:oversight"))
    assert book.sheetnames == ["Theo bước", "Quá hạn theo đơn vị", "Báo cáo vượt cấp"]
    headers, rows, totals = table(book["Theo bước"])
    assert headers == ["Bước", "Đang chờ", "Quá hạn"]
    assert sum(r[1] for r in rows) == 3 and totals[1] == 3 and totals[2] == 0
    # Each step's figures as the board prints them.
    for title, waiting, _overdue in rows:
        assert re.search(rf"{re.escape(title)}</td><td[^>]*>{waiting}</td>", page), title


def test_the_decisions_list_exports_every_document_in_scope(client, world):
    at_signature(world, nominee_name="Người Một")
    n = at_signature(world, nominee_name="Người Hai")
    client.force_login(world.leader)
    response = client.post(
        reverse("nominations:decision_create"), {"nominations": [n.pk], "kind": "decision"}
    )
    assert response.status_code == 302
    Decision.objects.create(
        created_by=world.leader,
        unit=world.so_yte,
        year=2026,
        title="Quyết định của Sở Y tế",
        issuer_symbol="QĐ-SYT",
    )
    page, book = page_and_workbook(client, world.leader, reverse("nominations:decisions"))
    headers, rows, totals = table(book.active)
    assert headers[:3] == ["Số", "Loại", "Trích yếu"]
    assert len(rows) == 2 and all(r[2] in page for r in rows)
    money = headers.index("Tổng tiền (đồng)")
    assert totals[money] == sum(r[money] for r in rows) and totals[0] == "Tổng cộng: 2 văn bản"
    assert book.active.cell(row=5 + len(rows), column=money + 1).number_format == "#,##0"
    # A unit head sees only their own unit's register, on screen and in the workbook.
    head_gd = UserFactory(username="thutruong_sogd", unit=world.so_gd, roles=[Role.UNIT_HEAD])
    page, book = page_and_workbook(client, head_gd, reverse("nominations:decisions"))
    _, rows, totals = table(book.active)
    assert rows == [] and "Quyết định của Sở Y tế" not in page


def test_the_notifications_export_is_the_users_own_and_marks_nothing_read(client, world, draft):
    for i in range(3):
        Notification.objects.create(
            recipient=world.reviewer,
            nomination=draft,
            kind="deadline_reminder",
            title=f"Nhắc hạn {i}",
            body="Cần xử lý.",
            key=f"k{i}",
        )
    Notification.objects.create(
        recipient=world.clerk,
        nomination=draft,
        kind="deadline_reminder",
        title="Của người khác",
        body="",
        key="x",
    )
    client.force_login(world.reviewer)
    download = client.get(reverse("notifications:list"), {"format": "xlsx"})
    assert Notification.objects.filter(recipient=world.reviewer, read_at__isnull=True).count() == 3
    _, rows, totals = table(load_workbook(io.BytesIO(download.content)).active)
    assert sorted(r[0] for r in rows) == ["Nhắc hạn 0", "Nhắc hạn 1", "Nhắc hạn 2"]
    assert {r[3] for r in rows} == {"Chưa đọc"} and totals[0] == "Tổng cộng: 3 thông báo"
    assert isinstance(rows[0][2], datetime)
    page, book = page_and_workbook(client, world.reviewer, reverse("notifications:list"))
    assert "Của người khác" not in page
    _, rows, _ = table(book.active)
    assert {r[3] for r in rows} == {"Đã đọc"}  # the page was opened (and read) first


def test_over_the_limit_the_user_is_sent_to_the_background_export(client, world, monkeypatch):
    from web import exports

    monkeypatch.setattr(exports, "XLSX_LIMIT", 2)
    for i in range(3):
        NominationFactory(unit=world.so_gd, nominee_name=f"Người {i}")
    client.force_login(world.clerk)
    response = client.get(reverse("queues:unit"), {"format": "xlsx"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("queues:unit")
    assert "Danh sách có hơn 2 dòng" in response.content.decode()
    assert "Xuất dữ liệu" in response.content.decode()
    response = client.get(reverse("nominations:list"), {"format": "xlsx", "year": "2026"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?year=2026")


def test_the_office_clerks_issuance_queue_downloads_and_holds_only_signed_documents(client, world):
    """A draft is not the văn thư's to issue: neither the page nor the workbook lists it."""
    Decision.objects.create(
        created_by=world.leader, year=2026, title="Dự thảo chưa ký", issuer_symbol="QĐ-UBND"
    )
    clerk = UserFactory(username="vanthu", unit=None, roles=[Role.CLERK_OFFICE])
    client.force_login(clerk)
    page = client.get(reverse("nominations:issuance_queue")).content.decode()
    assert "Dự thảo chưa ký" not in page
    response = client.get(reverse("nominations:issuance_queue"), {"format": "xlsx"})
    _, rows, totals = table(load_workbook(io.BytesIO(response.content)).active)
    assert rows == [] and totals[0] == "Tổng cộng: 0 văn bản"
