"""Search, filters and sorting on every work queue: the unit's own dossiers and the văn thư's
documents to issue, like the reviewers' queue (tests/web/test_queue_volume.py)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.conftest import attach_required
from tests.factories import NominationFactory
from tests.web.test_end_to_end import login
from workflows import actions
from workflows.calendar import LOCAL
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db
NAMES = ("Nguyễn Thị Ánh", "Trần Văn Bảo", "Lê Minh Châu", "Phạm Thu Dung")


@pytest.fixture
def unit_four(world):
    """Four of the unit's dossiers: two submitted (one overdue, one due soon), one draft, one of
    another year; and another unit's, never listed."""
    now = timezone.now()
    made = []
    for i, name in enumerate(NAMES):
        n = NominationFactory(
            unit=world.so_gd,
            award_type=world.award,
            created_by=world.clerk,
            nominee_name=name,
            nominee_citizen_id=f"03418800000{i}",
            year=2025 if i == 3 else 2026,
        )
        made.append(n)
    for n in made[:2]:
        attach_required(n, world.clerk)
        actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    TaskDeadline.objects.filter(nomination=made[0]).update(due_at=now - timedelta(days=2))
    TaskDeadline.objects.filter(nomination=made[1]).update(due_at=now + timedelta(hours=20))
    NominationFactory(
        unit=world.so_yte, award_type=world.award, created_by=world.clerk2, nominee_name="Võ Văn Ngoài"
    )
    return made


def listed(client, **params):
    response = client.get(reverse("queues:unit"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Võ Văn Ngoài" not in html  # another unit's dossier, never
    found = [name for name in NAMES if name in html]
    return sorted(found, key=html.index)


def test_the_units_own_list_searches_filters_and_sorts(client, world, unit_four):
    a, b, c, d = unit_four
    login(client, world.clerk)
    assert set(listed(client)) == set(NAMES)
    assert listed(client, tim="tran van bao") == ["Trần Văn Bảo"]  # without accents
    assert listed(client, tim="034188000002") == ["Lê Minh Châu"]  # the identity number
    assert listed(client, tim=str(d.pk)) == ["Phạm Thu Dung"]  # the dossier's number
    assert set(listed(client, status="draft")) == {"Lê Minh Châu", "Phạm Thu Dung"}
    assert listed(client, year=2025) == ["Phạm Thu Dung"]
    assert listed(client, award_type=world.award.code, due="overdue") == ["Nguyễn Thị Ánh"]
    assert listed(client, due="soon") == ["Trần Văn Bảo"]
    assert listed(client, award_type="CSTD_TINH") == []
    # By due date: the overdue one, then the one due soon (the drafts have no due date: last).
    assert listed(client, status="cluster_review", sort="due") == ["Nguyễn Thị Ánh", "Trần Văn Bảo"]
    html = client.get(reverse("queues:unit"), {"due": "overdue"}).content.decode()
    assert 'id="result-count">1 hồ sơ<' in html and "Bỏ lọc" in html
    assert (
        "Không có hồ sơ nào khớp điều kiện lọc."
        in client.get(reverse("queues:unit"), {"tim": "không ai tên thế"}).content.decode()
    )
    # Nonsense in the address is ignored, not a 500.
    assert set(listed(client, status="x", year="abc", due="?", sort="'")) == set(NAMES)


def test_the_units_list_as_a_workbook_keeps_its_filters(client, world, unit_four):
    from io import BytesIO

    from openpyxl import load_workbook

    login(client, world.clerk)
    response = client.get(reverse("queues:unit"), {"due": "overdue", "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "Nguyễn Thị Ánh" in cells and "Trần Văn Bảo" not in cells


def waiting_document(world, *, title, kind, signed_at, people):
    from nominations.models import Decision, DecisionLine

    decision = Decision.objects.create(
        created_by=world.leader,
        year=2026,
        title=title,
        kind=kind,
        issuer_symbol="QĐ-UBND" if kind == "decision" else "TTr-UBND",
        status=Decision.Status.LEADER_SIGNED,
        signer=world.leader,
        signed_at=signed_at,
    )
    for position, (name, unit) in enumerate(people, start=1):
        n = NominationFactory(unit=unit, award_type=world.award, nominee_name=name)
        DecisionLine.objects.create(
            decision=decision,
            nomination=n,
            position=position,
            nominee_name=name,
            unit_name=unit.name,
            award_type=world.award,
            coefficient=1,
            base_salary=2_340_000,
            amount=2_340_000,
        )
    return decision


def test_the_office_clerks_queue_searches_filters_and_sorts(client, world):
    from nominations.models import Role
    from tests.factories import UserFactory

    now = timezone.now()
    older = waiting_document(
        world,
        title="Khen thưởng ngành giáo dục",
        kind="decision",
        signed_at=now - timedelta(days=3),
        people=[("Hoàng Văn Giáo", world.so_gd)],
    )
    newer = waiting_document(
        world,
        title="Đề nghị Thủ tướng tặng Bằng khen",
        kind="proposal",
        signed_at=now - timedelta(hours=2),
        people=[("Đỗ Thị Y Tá", world.so_yte)],
    )
    clerk = UserFactory(username="vanthu", unit=None, roles=[Role.CLERK_OFFICE])
    client.force_login(clerk)
    url = reverse("nominations:issuance_queue")

    def titles(**params):
        html = client.get(url, params).content.decode()
        found = [d.title for d in (older, newer) if d.title in html]
        return sorted(found, key=html.index)

    assert titles() == [older.title, newer.title]  # longest waiting first
    assert titles(sort="newest") == [newer.title, older.title]
    assert titles(q="do thi y ta") == [newer.title]  # an awardee's name, without accents
    assert titles(q="giáo dục") == [older.title]  # the subject
    assert titles(kind="proposal") == [newer.title]
    assert titles(unit=world.so_gd.pk) == [older.title]
    assert titles(award_type=world.award.code) == [older.title, newer.title]
    assert titles(award_type="CSTD_TINH") == []
    html = client.get(url, {"unit": world.so_yte.pk}).content.decode()
    assert 'id="result-count">1 văn bản<' in html and "Bỏ lọc" in html
    assert "Không có văn bản nào khớp điều kiện lọc." in client.get(url, {"q": "không có"}).content.decode()
    assert titles(unit="x", kind="?", sort="'") == [older.title, newer.title]  # nonsense ignored


def test_the_units_home_counts_its_returned_work_and_links_to_it(client, world):
    """The unit's clerk: a returned dossier is work waiting for them, counted (and overdue) on the
    home page, and the count's link opens the queue that lists it."""
    n = NominationFactory(
        unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name="Bùi Thị Trả"
    )
    attach_required(n, world.clerk)
    actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    actions.perform(
        user=world.reviewer, nomination_id=n.pk, action="return_for_changes", comment="Bổ sung minh chứng."
    )
    TaskDeadline.objects.filter(nomination=n, closed_at__isnull=True).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    login(client, world.clerk)
    html = client.get(reverse("home")).content.decode()
    row = html[html.index('data-stage="revise"') :].split("</tr>")[0]
    assert 'class="waiting"' in row and ">1</a>" in row.split('class="soon"')[0]
    overdue = row.split("overdue-count")[1]
    assert overdue.split(">")[1].startswith("1<")
    link = overdue.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert "Bùi Thị Trả" in client.get(link).content.decode()
    # Another unit's clerk counts nothing of it.
    login(client, world.clerk2)
    row = client.get(reverse("home")).content.decode()
    row = row[row.index('data-stage="revise"') :].split("</tr>")[0]
    assert row.split("overdue-count")[1].split(">")[1].startswith("0<")


# Nghị định 30/2020/NĐ-CP, Điều 16 khoản 1: issued on the day of signing, at the latest within the
# next working day. Today is Tuesday 08/12/2026, 09:00 in Hà Nội.
TUESDAY_MORNING = datetime(2026, 12, 8, 9, 0, tzinfo=LOCAL)


@pytest.fixture
def three_signed(world):
    """Signed on Friday 04/12 (due Monday 07/12 across the weekend: overdue by one working day),
    on Monday 07/12 (due today) and this morning (due Wednesday 09/12)."""
    return [
        waiting_document(
            world,
            title=title,
            kind="decision",
            signed_at=signed_at,
            people=[(name, world.so_gd)],
        )
        for title, signed_at, name in (
            ("Khen thưởng ký thứ Sáu", datetime(2026, 12, 4, 16, 30, tzinfo=LOCAL), "Ngô Văn Sáu"),
            ("Khen thưởng ký thứ Hai", datetime(2026, 12, 7, 15, 0, tzinfo=LOCAL), "Lý Thị Hai"),
            ("Khen thưởng ký sáng nay", datetime(2026, 12, 8, 8, 30, tzinfo=LOCAL), "Đinh Văn Ba"),
        )
    ]


def office_clerk():
    from nominations.models import Role
    from tests.factories import UserFactory

    return UserFactory(username="vanthu", unit=None, roles=[Role.CLERK_OFFICE])


def test_the_office_clerks_queue_shows_filters_and_sorts_by_the_issuance_time_limit(
    client, world, three_signed
):
    friday, monday, today = three_signed
    client.force_login(office_clerk())
    url = reverse("nominations:issuance_queue")

    def titles(**params):
        html = client.get(url, params).content.decode()
        found = [d.title for d in three_signed if d.title in html]
        return sorted(found, key=html.index)

    with time_machine.travel(TUESDAY_MORNING, tick=False):
        html = client.get(url).content.decode()
        row = html[html.index(f'id="issue-{friday.pk}"') :].split("</tr>")[0]
        assert "07/12/2026 17:00" in row and "quá hạn 1 ngày làm việc" in row  # across the weekend
        assert "Nghị định 30/2020/NĐ-CP" in row  # the legal basis, on the due date
        row = html[html.index(f'id="issue-{monday.pk}"') :].split("</tr>")[0]
        assert "08/12/2026 17:00" in row and "hạn hôm nay" in row
        row = html[html.index(f'id="issue-{today.pk}"') :].split("</tr>")[0]
        assert "09/12/2026 17:00" in row and "còn 1 ngày làm việc" in row
        assert titles(due="overdue") == [friday.title]
        assert titles(due="today") == [monday.title]
        assert titles(due="soon") == [monday.title, today.title]  # within 2 working days, not overdue
        assert titles(sort="newest") == [today.title, monday.title, friday.title]
        assert titles(sort="due", due="soon") == [monday.title, today.title]
        assert titles(sort="due") == [friday.title, monday.title, today.title]
        assert titles(due="?", sort="x") == [friday.title, monday.title, today.title]  # ignored
        html = client.get(url, {"due": "overdue"}).content.decode()
        assert 'id="result-count">1 văn bản<' in html and "Bỏ lọc" in html
        # The workbook keeps the filter and carries the due date.
        from io import BytesIO

        from openpyxl import load_workbook

        response = client.get(url, {"due": "overdue", "format": "xlsx"})
        cells = [
            str(c.value) for row in load_workbook(BytesIO(response.content)).active.iter_rows() for c in row
        ]
        assert "Hạn phát hành" in cells and friday.title in cells and monday.title not in cells


def test_the_issuance_time_limit_is_the_row_in_force_on_the_day_of_signing(client, world, three_signed):
    """A later rule (here: same day) applies to documents signed from its first day only."""
    from nominations.models import IssuanceTimeLimit

    friday, monday, today = three_signed
    IssuanceTimeLimit.objects.update(valid_to=date(2026, 12, 7))
    IssuanceTimeLimit.objects.create(working_days=0, valid_from=date(2026, 12, 8), legal_basis="Quy định mới")
    client.force_login(office_clerk())
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        html = client.get(reverse("nominations:issuance_queue")).content.decode()
    row = html[html.index(f'id="issue-{today.pk}"') :].split("</tr>")[0]
    assert "08/12/2026 17:00" in row and "hạn hôm nay" in row and "Quy định mới" in row
    row = html[html.index(f'id="issue-{monday.pk}"') :].split("</tr>")[0]
    assert "08/12/2026 17:00" in row and "Nghị định 30/2020/NĐ-CP" in row
    # Before any rule: no time limit at all, shown as such.
    IssuanceTimeLimit.objects.all().delete()
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        html = client.get(reverse("nominations:issuance_queue")).content.decode()
    row = html[html.index(f'id="issue-{friday.pk}"') :].split("</tr>")[0]
    assert "quá hạn" not in row and "—" in row


def test_the_office_clerks_home_counts_documents_due_and_overdue_and_links_to_them(
    client, world, three_signed
):
    friday, monday, today = three_signed
    client.force_login(office_clerk())
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        html = client.get(reverse("home")).content.decode()
        row = html[html.index('data-stage="issue"') :].split("</tr>")[0]

        def cell(css):
            part = row.split(f'class="{css}')[1]
            link = part.split('href="')[1].split('"')[0].replace("&amp;", "&")
            return part.split(">")[1].split("<")[0], link

        waiting, _ = cell("waiting")
        soon, soon_link = cell("soon")
        overdue, overdue_link = cell("overdue-count")
        assert (waiting, soon, overdue) == ("3", "2", "1")
        listed = client.get(overdue_link).content.decode()
        assert friday.title in listed and monday.title not in listed and today.title not in listed
        listed = client.get(soon_link).content.decode()
        assert friday.title not in listed and monday.title in listed and today.title in listed
