"""E-mail delivery loses nothing: a recipient busy elsewhere does not make a notification skipped,
and e-mails stuck in "pending" are queued again (issue 16, defect 3)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.utils import timezone

from nominations.models import User
from workflows import notify
from workflows.models import Notification


def pending(user, key):
    return Notification.objects.create(
        recipient=user,
        kind="test",
        title="Thông báo thử",
        key=key,
        email_status=Notification.EmailStatus.PENDING,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_locked_recipient_row_does_not_make_delivery_skip_the_email():
    user = User.objects.create(username="nhan_thu", email="nhan@demo.tdkt.local")
    notification = pending(user, "k1")
    holding, release = threading.Event(), threading.Event()

    def hold_the_user_row():
        # Another worker in the middle of something with this person (their row locked).
        try:
            with transaction.atomic():
                list(User.objects.select_for_update().filter(pk=user.pk))
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold_the_user_row)
    thread.start()
    try:
        assert holding.wait(10)
        assert notify.deliver(notification.pk) is True
    finally:
        release.set()
        thread.join(10)
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["nhan@demo.tdkt.local"]]


@pytest.mark.django_db
def test_emails_stuck_in_pending_are_queued_again_and_sent_once():
    user = User.objects.create(username="nhan_thu", email="nhan@demo.tdkt.local")
    old = pending(user, "old")
    fresh = pending(user, "fresh")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    # The worker's task queue (sync in tests) sends it; a second sweep sends nothing more.
    assert notify.redeliver_stuck() == 1
    assert notify.redeliver_stuck() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.email_status == Notification.EmailStatus.SENT
    assert fresh.email_status == Notification.EmailStatus.PENDING
    assert len(mail.outbox) == 1
