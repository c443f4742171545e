"""Queues for real volume: search, filters and sorting; many dossiers approved at once; home counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.models import AuditEvent
from tests.conftest import attach_required
from tests.factories import NominationFactory
from tests.web.test_end_to_end import login
from workflows import actions
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db


def submitted(world, name, unit=None, clerk=None):
    unit, clerk = unit or world.so_gd, clerk or world.clerk
    n = NominationFactory(unit=unit, award_type=world.award, created_by=clerk, nominee_name=name)
    attach_required(n, clerk)
    actions.perform(user=clerk, nomination_id=n.pk, action="submit")
    return n


@pytest.fixture
def three(world):
    a = submitted(world, "Nguyễn Thị Ánh")
    b = submitted(world, "Trần Văn Bảo")
    c = submitted(world, "Lê Minh Châu", unit=world.so_yte, clerk=world.clerk2)
    now = timezone.now()
    # a is overdue, b due tomorrow-ish, c far away
    TaskDeadline.objects.filter(nomination=a).update(due_at=now - timedelta(days=2))
    TaskDeadline.objects.filter(nomination=b).update(due_at=now + timedelta(hours=20))
    TaskDeadline.objects.filter(nomination=c).update(due_at=now + timedelta(days=30))
    return a, b, c


def names(client, **params):
    html = client.get(reverse("queues:my_work"), {"q": "queue", **params}).content.decode()
    found = [name for name in ("Nguyễn Thị Ánh", "Trần Văn Bảo", "Lê Minh Châu") if name in html]
    return sorted(found, key=html.index)


def test_the_queue_searches_filters_and_sorts(client, world, three):
    a, b, c = three
    login(client, world.reviewer)
    assert names(client) == ["Nguyễn Thị Ánh", "Trần Văn Bảo", "Lê Minh Châu"]  # due order
    assert names(client, tim="nguyen thi anh") == ["Nguyễn Thị Ánh"]  # without accents
    assert names(client, tim="so y te") == ["Lê Minh Châu"]  # the unit's name
    assert names(client, tim=str(b.pk)) == ["Trần Văn Bảo"]  # the dossier's number
    assert names(client, unit=world.so_yte.pk) == ["Lê Minh Châu"]
    assert names(client, award_type=world.award.code) == ["Nguyễn Thị Ánh", "Trần Văn Bảo", "Lê Minh Châu"]
    assert names(client, award_type="CSTD_TINH") == []
    assert names(client, due="overdue") == ["Nguyễn Thị Ánh"]
    assert names(client, due="soon") == ["Trần Văn Bảo"]
    assert names(client, sort="received") == ["Lê Minh Châu", "Trần Văn Bảo", "Nguyễn Thị Ánh"]
    html = client.get(reverse("queues:my_work"), {"q": "queue", "due": "overdue"}).content.decode()
    assert 'id="result-count">1 việc<' in html
    # Nonsense in the address is ignored, not a 500.
    assert client.get(reverse("queues:my_work"), {"unit": "x", "due": "?", "sort": "'"}).status_code == 200


def test_a_reviewer_approves_many_at_once_each_through_the_door(client, world, three):
    a, b, c = three
    login(client, world.reviewer)
    html = client.get(reverse("queues:my_work"), {"q": "queue"}).content.decode()
    assert 'id="bulk-approve_cluster"' in html and f'name="nomination" value="{a.pk}"' in html
    # Someone else moved c first: it fails alone, named, and the others go through.
    actions.perform(user=world.reviewer2, nomination_id=c.pk, action="approve_cluster")
    response = client.post(
        reverse("queues:bulk"),
        {"action": "approve_cluster", "nomination": [a.pk, b.pk, c.pk], "comment": "Hồ sơ đầy đủ"},
        follow=True,
    )
    page = response.content.decode()
    assert "cho 2 hồ sơ" in page
    assert "Chưa thực hiện được 1 hồ sơ: Lê Minh Châu" in page
    for n in (a, b):
        n.refresh_from_db()
        assert n.status == "council_review"
        events = AuditEvent.objects.filter(nomination=n, action="approve_cluster")
        assert [(e.actor_id, e.comment) for e in events] == [(world.reviewer.pk, "Hồ sơ đầy đủ")]
        assert n.comments.filter(body="Hồ sơ đầy đủ").count() == 1
        # Its own task completion: the cluster task DONE by the reviewer, the appraisal task open.
        assert actions.open_task(n.pk).flow_task.name == "appraisal"
    # Another block's reviewer cannot approve ours in bulk.
    d = submitted(world, "Phạm Thị Dung")
    login(client, world.other_reviewer)
    client.post(reverse("queues:bulk"), {"action": "approve_cluster", "nomination": [d.pk]})
    d.refresh_from_db()
    assert d.status == "cluster_review"
    # An action the stage table does not allow in bulk is refused.
    login(client, world.reviewer)
    client.post(reverse("queues:bulk"), {"action": "reject", "nomination": [d.pk], "comment": "x"})
    d.refresh_from_db()
    assert d.status == "cluster_review"


def test_the_home_page_counts_each_roles_work_and_links_to_the_filtered_queue(client, world, three):
    login(client, world.reviewer)
    html = client.get(reverse("home")).content.decode()
    assert 'data-stage="cluster_review"' in html
    row = html[html.index('data-stage="cluster_review"') :].split("</tr>")[0]
    assert ">3</a>" in row.split('class="soon"')[0]  # waiting
    soon = row.split('class="soon"')[1]
    assert soon.split(">")[1].startswith("1<")  # b is due within two working days
    overdue = row.split("overdue-count")[1]
    assert overdue.split(">")[1].startswith("1<")
    link = reverse("queues:my_work") + "?q=queue&amp;stage=cluster_review&amp;due=overdue"
    assert link in row
    # The link opens the queue showing exactly what the count says.
    assert names(client, stage="cluster_review", due="overdue") == ["Nguyễn Thị Ánh"]
    # The clerk's home counts no reviewer's work; the appraiser's shows the appraisal stage.
    login(client, world.appraiser)
    html = client.get(reverse("home")).content.decode()
    assert 'data-stage="appraisal"' in html and 'data-stage="cluster_review"' not in html


def test_the_signature_queue_searches_filters_and_sorts(client, world):
    from tests.workflows.test_sign_decision import at_signature

    a = at_signature(world, nominee_name="Đinh Thị Hương")
    b = at_signature(world, nominee_name="Kiều Văn Long")
    b.unit = world.so_yte
    b.save()
    TaskDeadline.objects.filter(nomination=a, closed_at__isnull=True).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    TaskDeadline.objects.filter(nomination=b, closed_at__isnull=True).update(
        due_at=timezone.now() + timedelta(days=9)
    )
    login(client, world.leader)

    def shown(**params):
        html = client.get(reverse("queues:signature"), params).content.decode()
        listing = html.split('id="signature-list"')[1] if 'id="signature-list"' in html else ""
        found = [n for n in ("Đinh Thị Hương", "Kiều Văn Long") if n in listing]
        return sorted(found, key=listing.index)

    assert shown() == ["Đinh Thị Hương", "Kiều Văn Long"]  # waiting longest first
    assert shown(tim="dinh thi huong") == ["Đinh Thị Hương"]
    assert shown(tim="so y te") == ["Kiều Văn Long"]  # the unit's name
    assert shown(unit=world.so_yte.pk) == ["Kiều Văn Long"]
    assert shown(due="overdue") == ["Đinh Thị Hương"]
    assert shown(sort="received") == ["Kiều Văn Long", "Đinh Thị Hương"]
    assert shown(sort="due") == ["Đinh Thị Hương", "Kiều Văn Long"]
