"""The new screens speak English in English mode (locale/en)."""

import pytest
from django.urls import reverse

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
