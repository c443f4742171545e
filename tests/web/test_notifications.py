import pytest
from django.urls import reverse

from workflows.models import Notification


@pytest.fixture
def note(world, draft):
    return Notification.objects.create(
        recipient=world.reviewer,
        nomination=draft,
        kind="deadline_reminder",
        title="Sắp đến hạn: Cụm/Khối xét duyệt – Nguyễn Văn An",
        body="Cần xử lý trước ngày 27/11/2026.",
        url=reverse("nominations:detail", args=[draft.pk]),
        key="t:1",
    )


def test_the_unread_count_shows_and_opening_marks_read(client, world, note):
    client.force_login(world.reviewer)
    html = client.get(reverse("home")).content.decode()
    assert 'id="unread-count">1<' in html
    assert "Sắp đến hạn" in client.get(reverse("notifications:list")).content.decode()
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    assert 'id="unread-count"' not in client.get(reverse("home")).content.decode()


def test_nobody_opens_someone_elses_notification(client, world, note):
    client.force_login(world.clerk)
    assert client.post(reverse("notifications:open", args=[note.pk])).status_code == 404
    assert "Sắp đến hạn" not in client.get(reverse("notifications:list")).content.decode()


def test_choosing_the_daily_digest(client, world):
    client.force_login(world.reviewer)
    client.post(reverse("notifications:mode"), {"mode": "digest"})
    world.reviewer.refresh_from_db()
    assert world.reviewer.notification_mode == "digest"
    client.post(reverse("notifications:mode"), {"mode": "bogus"})
    world.reviewer.refresh_from_db()
    assert world.reviewer.notification_mode == "digest"
