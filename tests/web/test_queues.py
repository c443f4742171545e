"""Work queues: each person sees their own work, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.models import Nomination
from tests.conftest import attach_required
from tests.factories import MovementFactory, NominationFactory
from workflows import actions

pytestmark = pytest.mark.django_db


def submitted(world, unit=None, clerk=None, **kwargs):
    unit, clerk = unit or world.so_gd, clerk or world.clerk
    n = NominationFactory(unit=unit, award_type=world.award, created_by=clerk, **kwargs)
    attach_required(n, clerk)
    return actions.perform(user=clerk, nomination_id=n.pk, action="submit")


def at_signature(world, **kwargs):
    n = submitted(world, **kwargs)
    actions.perform(user=world.reviewer, nomination_id=n.pk, action="approve_cluster")
    actions.perform(user=world.appraiser, nomination_id=n.pk, action="pass_appraisal")
    return actions.perform(
        user=world.secretary,
        nomination_id=n.pk,
        action="record_vote",
        votes_for=20,
        votes_against=1,
        members_present=21,
        members_total=25,
    )


def html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_cluster_reviewer_queues_only_their_clusters_dossiers(client, world):
    mine = submitted(world, nominee_name="Hồ sơ khối văn xã")
    theirs = submitted(world, unit=world.so_tc, clerk=world.clerk_tc, nominee_name="Hồ sơ khối kinh tế")
    page = html(client, world.reviewer, reverse("queues:my_work") + "?q=queue")
    assert mine.nominee_name in page and theirs.nominee_name not in page
    page = html(client, world.other_reviewer, reverse("queues:my_work") + "?q=queue")
    assert theirs.nominee_name in page and mine.nominee_name not in page
    # The appraiser's queue is empty until the cluster approves.
    assert mine.nominee_name not in html(client, world.appraiser, reverse("queues:my_work") + "?q=queue")


def test_claim_moves_a_task_from_queue_to_inbox_and_release_back(client, world):
    n = submitted(world, nominee_name="Nguyễn Thị Thu")
    task = actions.open_task(n.pk)
    client.force_login(world.reviewer)
    client.post(reverse("queues:claim", args=[task.pk]))
    assert "Nguyễn Thị Thu" in html(client, world.reviewer, reverse("queues:my_work") + "?q=inbox")
    assert "Nguyễn Thị Thu" not in html(client, world.reviewer2, reverse("queues:my_work") + "?q=queue")
    client.force_login(world.reviewer)
    client.post(reverse("queues:release", args=[task.pk]))
    assert "Nguyễn Thị Thu" in html(client, world.reviewer2, reverse("queues:my_work") + "?q=queue")


def test_claiming_outside_ones_scope_is_not_found(client, world):
    n = submitted(world)
    client.force_login(world.other_reviewer)
    assert client.post(reverse("queues:claim", args=[actions.open_task(n.pk).pk])).status_code == 404


def test_the_unit_sees_returned_dossiers_first_with_the_comment(client, world):
    submitted(world, nominee_name="Đang xét")
    n = submitted(world, nominee_name="Bị trả lại")
    actions.perform(
        user=world.reviewer, nomination_id=n.pk, action="return_for_changes", comment="Thiếu chữ ký"
    )
    page = html(client, world.clerk, reverse("queues:unit"))
    assert page.index("Bị trả lại") < page.index("Đang xét")
    assert "Thiếu chữ ký" in page
    assert "Bị trả lại" not in html(client, world.clerk2, reverse("queues:unit"))


def test_the_signature_queue_groups_and_the_draft_computes_rewards(client, world):
    movement = MovementFactory(name="Chuyển đổi số")
    a = at_signature(world, nominee_name="Cá nhân A")
    b = at_signature(
        world, nominee_name="Hộ ông B", nominee_kind="household", household_address="Xã X", movement=movement
    )
    from nominations.models import BaseSalary

    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    page = html(client, world.leader, reverse("queues:signature"))
    assert "Cá nhân A" in page and "Hộ ông B" in page and "Chuyển đổi số" in page
    response = client.post(reverse("queues:decision_draft"), {"nominations": [a.pk, b.pk]})
    page = response.content.decode()
    # Bằng khen: 1.0 × 2.340.000; household × 1.5 = 3.510.000; total 5.850.000
    assert "2.340.000 đ" in page and "3.510.000 đ" in page and "5.850.000 đ" in page
    # A nomination that left the queue fails the whole draft with a message.
    actions.perform(user=world.leader, nomination_id=a.pk, action="return_for_changes", comment="Xem lại")
    response = client.post(reverse("queues:decision_draft"), {"nominations": [a.pk, b.pk]}, follow=True)
    assert "không còn ở trạng thái chờ ký" in response.content.decode()


def test_only_leaders_see_the_signature_queue_and_only_the_agency_head_oversight(client, world):
    client.force_login(world.clerk)
    assert client.get(reverse("queues:signature")).status_code == 403
    assert client.get(reverse("queues:oversight")).status_code == 403
    client.force_login(world.head)
    assert client.get(reverse("queues:oversight")).status_code == 200


def test_oversight_counts_per_stage_and_overdue_per_unit(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from workflows.models import TaskDeadline

    late = submitted(world, nominee_name="Trễ hạn")
    submitted(world, nominee_name="Đúng hạn")
    TaskDeadline.objects.filter(nomination=late).update(due_at=timezone.now() - timedelta(days=1))
    page = html(client, world.head, reverse("queues:oversight"))
    assert "Cụm/Khối xét duyệt" in page
    assert world.so_gd.name in page
    listing = html(client, world.head, reverse("nominations:list") + f"?unit={world.so_gd.pk}&overdue=1")
    assert "Trễ hạn" in listing and "Đúng hạn" not in listing


def test_search_is_accent_insensitive_and_odd_input_never_errors(client, world):
    submitted(world, nominee_name="Nguyễn Văn An")
    for query in ["nguyen van an", "Nguyễn Văn An", "NGUYEN VAN"]:
        assert "Nguyễn Văn An" in html(client, world.reviewer, reverse("nominations:list") + f"?q={query}")
    for odd in ['"', "%", "%25%25", "'; select", "x" * 10000, "\x00"]:
        client.force_login(world.reviewer)
        assert (
            client.get(reverse("nominations:list"), {"q": odd, "year": "abc", "unit": "-1"}).status_code
            == 200
        )


def test_the_list_filters_keep_the_choice_and_escape_names(client, world):
    world.so_yte.name = 'Sở Y tế <b>"thử"</b>'
    world.so_yte.save()
    submitted(world)
    submitted(world, unit=world.so_yte, clerk=world.clerk2)
    page = html(client, world.head, reverse("nominations:list") + f"?unit={world.so_gd.pk}")
    unit_select = page.split('<select name="unit">')[1].split("</select>")[0]
    assert f'<option value="{world.so_gd.pk}" selected>{world.so_gd.name}</option>' in unit_select
    assert unit_select.count(" selected") == 1
    assert "Sở Y tế &lt;b&gt;&quot;thử&quot;&lt;/b&gt;" in unit_select and "<b>" not in unit_select
    # The other filters the same way: a cluster named with its year, a long movement cut to 60.
    from nominations.models import Movement

    long_name = "Phong trào thi đua " + "rất dài " * 12
    movement = Movement.objects.create(name=long_name)
    page = html(
        client,
        world.head,
        reverse("nominations:list") + f"?cluster={world.block.pk}&movement={movement.pk}&route=",
    )
    clusters = page.split('<select name="cluster">')[1].split("</select>")[0]
    assert (
        f'<option value="{world.block.pk}" selected>{world.block.name} ({world.block.year})</option>'
        in clusters
    )
    movements = page.split('<select name="movement">')[1].split("</select>")[0]
    assert f'<option value="{movement.pk}" selected>{long_name[:59]}…</option>' in movements
    assert " selected" not in page.split('<select name="route">')[1].split("</select>")[0]
    # Nothing chosen, nothing selected (and an odd value selects nothing either).
    for query in ("", "?unit=abc"):
        page = html(client, world.head, reverse("nominations:list") + query)
        assert " selected" not in page.split('<select name="unit">')[1].split("</select>")[0]


def count_queries(client, user, url):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("reviewer", "/cong-viec/viec-cua-toi/?q=queue"),
        ("reviewer", "/cong-viec/viec-cua-toi/?q=overdue"),
        ("clerk", "/cong-viec/ho-so-don-vi/"),
        ("leader", "/cong-viec/cho-ky/"),
        ("head", "/cong-viec/giam-sat/"),
        ("reviewer", "/ho-so/"),
    ],
)
def test_queue_pages_cost_the_same_number_of_queries_as_data_grows(client, world, who, url):
    def grow(n):
        for _ in range(n):
            at_signature(world)
            submitted(world)

    grow(2)
    small = count_queries(client, getattr(world, who), url)
    grow(6)
    large = count_queries(client, getattr(world, who), url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"
    assert Nomination.objects.count() == 16


def test_the_clerks_and_the_leaders_pages_come_a_page_at_a_time(client, world, monkeypatch):
    from web.queues import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for name in ("Người Một", "Người Hai", "Người Ba"):
        at_signature(world, nominee_name=name)
    first = html(client, world.clerk, reverse("queues:unit"))
    second = html(client, world.clerk, reverse("queues:unit") + "?page=2")
    shown = [name for name in ("Người Một", "Người Hai", "Người Ba") if name in first]
    assert len(shown) == 2 and "?page=2" in first
    assert all(name not in second for name in shown) and "1/2" not in second and "2/2" in second
    # The heading counts every dossier of the status, not just this page's.
    assert "(3)" in first

    first = html(client, world.leader, reverse("queues:signature"))
    second = html(client, world.leader, reverse("queues:signature") + "?page=2")
    assert sum(name in first for name in ("Người Một", "Người Hai", "Người Ba")) == 2
    assert sum(name in second for name in ("Người Một", "Người Hai", "Người Ba")) == 1


def test_the_filtered_list_downloads_as_a_workbook_with_its_totals(client, world):
    """Every page of what the filters show, Vietnamese headers, dates as dates, a totals row, the
    header frozen; another unit's dossiers are not in it."""
    import io
    from datetime import date

    from openpyxl import load_workbook

    mine = [NominationFactory(unit=world.so_gd, nominee_name=f"Người {i}") for i in range(3)]
    NominationFactory(unit=world.so_yte, nominee_name="Người của đơn vị khác")
    client.force_login(world.clerk)
    page = client.get(reverse("nominations:list")).content.decode()
    assert 'id="list-xlsx"' in page
    response = client.get(reverse("nominations:list"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response) if response.streaming else response.content)).active
    assert sheet.freeze_panes == "A5"
    assert [c.value for c in sheet[4]][:3] == ["Đối tượng", "Đơn vị", "Hình thức"]
    names = {row[0].value for row in sheet.iter_rows(min_row=5, max_row=4 + len(mine))}
    assert names == {n.nominee_name for n in mine}
    assert sheet.cell(row=5 + len(mine), column=1).value == "Tổng cộng: 3 hồ sơ"
    assert isinstance(sheet.cell(row=5, column=9).value, date)  # "Cập nhật" as a date, dd/mm/yyyy
    assert sheet.cell(row=5, column=9).number_format == "dd/mm/yyyy"
