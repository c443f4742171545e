"""Queues open where the work is, show received/due dates and days left in colour, and hand work back."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.web.test_queues import at_signature, html, submitted
from workflows import actions
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db


def test_the_queue_opens_on_the_group_tab_when_the_inbox_is_empty(client, world):
    submitted(world, nominee_name="Chờ người nhận")
    page = html(client, world.reviewer, reverse("queues:my_work"))
    assert 'class="tab active" id="tab-queue"' in page and "Chờ người nhận" in page
    assert "Nhận lúc" in page and re.search(r"còn \d+ ngày làm việc", page)


def test_taking_a_task_opens_its_dossier_and_the_inbox_becomes_the_first_tab(client, world):
    n = submitted(world)
    client.force_login(world.reviewer)
    response = client.post(reverse("queues:claim", args=[actions.open_task(n.pk).pk]))
    assert response.url == reverse("nominations:detail", args=[n.pk])
    assert 'class="tab active" id="tab-inbox"' in html(client, world.reviewer, reverse("queues:my_work"))


def test_due_dates_are_amber_when_close_and_red_when_past(client, world):
    late, close = submitted(world, nominee_name="Hồ sơ trễ"), submitted(world, nominee_name="Hồ sơ gấp")
    now = timezone.now()
    TaskDeadline.objects.filter(nomination=late).update(due_at=now - timedelta(days=10))
    TaskDeadline.objects.filter(nomination=close).update(due_at=now + timedelta(hours=1))
    page = html(client, world.reviewer, reverse("queues:my_work") + "?q=queue")
    late_row = page[page.index("Hồ sơ trễ") : page.index("</tr>", page.index("Hồ sơ trễ"))]
    close_row = page[page.index("Hồ sơ gấp") : page.index("</tr>", page.index("Hồ sơ gấp"))]
    assert 'class="due overdue"' in late_row and "quá hạn" in late_row
    assert 'class="due soon"' in close_row


def test_a_resubmitted_dossier_goes_back_to_the_reviewer_who_returned_it(client, world):
    n = submitted(world)
    actions.claim(user=world.reviewer2, task_id=actions.open_task(n.pk).pk)
    actions.perform(user=world.reviewer2, nomination_id=n.pk, action="return_for_changes", comment="Bổ sung")
    actions.perform(user=world.clerk, nomination_id=n.pk, action="resubmit")
    assert actions.open_task(n.pk).owner == world.reviewer2
    assert n.nominee_name in html(client, world.reviewer2, reverse("queues:my_work") + "?q=inbox")
    # Someone no longer in the role gets nothing back: the dossier waits in the group queue.
    m = submitted(world, nominee_name="Hồ sơ thứ hai")
    actions.perform(user=world.reviewer2, nomination_id=m.pk, action="return_for_changes", comment="Bổ sung")
    world.reviewer2.groups.clear()
    actions.perform(user=world.clerk, nomination_id=m.pk, action="resubmit")
    assert actions.open_task(m.pk).owner is None


def test_the_leaders_queue_shows_the_vote_and_due_date_and_its_summary_rows_filter(client, world):
    from tests.factories import AwardTypeFactory

    at_signature(world, nominee_name="Bằng khen một")
    other = AwardTypeFactory(code="TAP_THE_LDXS", name="Tập thể lao động xuất sắc")
    n = at_signature(world, nominee_name="Tập thể hai")
    type(n).objects.filter(pk=n.pk).update(award_type=other)
    page = html(client, world.leader, reverse("queues:signature"))
    assert "21/25 thành viên có mặt" in page and "20 đồng ý" in page and "Đạt" in page
    assert re.search(r'class="due[^"]*">\d\d/\d\d/\d{4}', page)
    link = (
        re.search(r'href="(\?award_type=TAP_THE_LDXS&amp;movement=0)"', page).group(1).replace("&amp;", "&")
    )
    filtered = html(client, world.leader, reverse("queues:signature") + link)
    listing = filtered[filtered.index('id="signature-list"') :]
    assert "Tập thể hai" in listing and "Bằng khen một" not in listing
