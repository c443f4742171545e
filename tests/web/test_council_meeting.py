"""The secretary records one meeting and the votes of many dossiers: previewed, then all or nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.models import AuditEvent, Nomination
from tests.web.test_queues import submitted
from workflows import actions

S = Nomination.Status
pytestmark = pytest.mark.django_db


def at_vote(world, name):
    n = submitted(world, nominee_name=name)
    actions.perform(user=world.reviewer, nomination_id=n.pk, action="approve_cluster")
    return actions.perform(user=world.appraiser, nomination_id=n.pk, action="pass_appraisal")


def post(client, a, b, **extra):
    data = {
        "meeting_date": timezone.localdate().strftime("%d/%m/%Y"),
        "members_total": 25,
        "members_present": 21,
        f"for-{a.pk}": 20,
        f"against-{a.pk}": 1,
        f"for-{b.pk}": 10,
        f"against-{b.pk}": 11,
        **extra,
    }
    return client.post(reverse("queues:meeting"), data)


def test_the_meeting_shows_each_result_before_saving_then_saves_them_all(client, world):
    a, b = at_vote(world, "Người đạt"), at_vote(world, "Người không đạt")
    client.force_login(world.secretary)
    page = client.get(reverse("queues:meeting")).content.decode()
    assert "Người đạt" in page and "Người không đạt" in page

    preview = post(client, a, b, preview="1")
    html = preview.content.decode()
    assert preview.status_code == 200 and 'id="save-meeting"' in html
    row_a = html[html.index(f'data-nomination="{a.pk}"') :]
    row_b = html[html.index(f'data-nomination="{b.pk}"') :]
    assert 'class="pass">Đạt<' in row_a[: row_a.index("</tr>")]
    assert 'class="fail">Không đạt<' in row_b[: row_b.index("</tr>")]
    a.refresh_from_db()
    assert a.status == S.COUNCIL_VOTE  # nothing saved by the preview

    saved = post(client, a, b, save="1")
    assert saved.status_code == 302
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.status, b.status) == (S.AWAITING_SIGNATURE, S.REJECTED)
    events = AuditEvent.objects.filter(action="record_vote", nomination__in=[a, b])
    assert events.count() == 2 and all("Phiên họp Hội đồng ngày" in e.comment for e in events)


def test_one_bad_row_saves_nothing_and_says_where(client, world):
    a, b = at_vote(world, "Người một"), at_vote(world, "Người hai")
    client.force_login(world.secretary)
    response = post(client, a, b, save="1", **{f"for-{b.pk}": 30})
    assert response.status_code == 400
    assert "Tổng số phiếu vượt quá tổng số thành viên Hội đồng." in response.content.decode()
    a.refresh_from_db()
    assert a.status == S.COUNCIL_VOTE and not AuditEvent.objects.filter(action="record_vote").exists()


def test_without_a_quorum_nothing_is_saved(client, world):
    a, b = at_vote(world, "Người một"), at_vote(world, "Người hai")
    client.force_login(world.secretary)
    response = post(client, a, b, save="1", members_present=10)
    assert response.status_code == 400 and "Chưa đủ 2/3" in response.content.decode()
    assert not AuditEvent.objects.filter(action="record_vote").exists()


def test_the_door_rolls_back_the_whole_meeting_when_one_dossier_moved(world):
    from datetime import date

    from nominations.exceptions import ActionError

    a, b = at_vote(world, "Người một"), at_vote(world, "Người hai")
    actions.perform(user=world.secretary, nomination_id=b.pk, action="reject", comment="Rút khỏi phiên họp")
    with pytest.raises(ActionError):
        actions.record_meeting(
            user=world.secretary,
            meeting_date=date.today(),
            members_total=25,
            members_present=21,
            votes=[(a.pk, 20, 1), (b.pk, 20, 1)],
        )
    a.refresh_from_db()
    assert a.status == S.COUNCIL_VOTE and not AuditEvent.objects.filter(action="record_vote").exists()
