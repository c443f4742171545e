"""Faults: a storage that fails, a worker that dies mid-sweep (issue 16)."""

import pytest
from django.core.files.storage import InMemoryStorage

from nominations.models import AuditEvent, Document
from tests.conftest import pdf_file

pytestmark = pytest.mark.django_db


def test_a_storage_error_while_uploading_is_a_clear_message_and_saves_nothing(
    client, world, draft, monkeypatch
):
    before = (Document.objects.count(), AuditEvent.objects.count())

    def broken(self, name, content, max_length=None):
        raise OSError("No space left on device")

    monkeypatch.setattr(InMemoryStorage, "save", broken)
    client.force_login(world.clerk)
    page = client.post(
        f"/ho-so/{draft.pk}/tai-lieu/", {"kind": "khac", "file": pdf_file("them.pdf")}, follow=True
    ).content.decode()
    assert "Không lưu được tệp" in page
    assert (Document.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_a_sweep_killed_halfway_and_run_again_notifies_each_event_once(world, monkeypatch):
    """The worker dies while telling people (an exception mid-loop); the retried sweep completes the
    rest, and nobody is told twice."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.conftest import attach_required
    from tests.factories import NominationFactory
    from workflows import actions, sweep
    from workflows.models import DeadlineEvent, Notification, TaskDeadline

    for i in range(5):
        n = NominationFactory(
            unit=world.so_gd, award_type=world.award, created_by=world.clerk, nominee_name=f"Hạn {i}"
        )
        attach_required(n, world.clerk)
        actions.perform(user=world.clerk, nomination_id=n.pk, action="submit")
    TaskDeadline.objects.update(
        due_at=timezone.now() - timedelta(days=1), remind_at=timezone.now() - timedelta(days=3)
    )
    real_notify = sweep.notify_many
    calls = []

    def dying(notices):
        # The sweep tells a page of deadlines at once: the worker dies while telling the first page.
        calls.append(1)
        if len(calls) == 1:
            raise SystemExit("worker killed")
        return real_notify(notices)

    monkeypatch.setattr(sweep, "notify_many", dying)
    with pytest.raises(SystemExit):
        sweep.sweep_deadlines()
    monkeypatch.setattr(sweep, "notify_many", real_notify)
    sweep.sweep_deadlines()
    sweep.sweep_deadlines()
    overdue = DeadlineEvent.objects.filter(kind=DeadlineEvent.Kind.OVERDUE)
    assert overdue.count() == 5
    keys = list(Notification.objects.filter(kind="deadline_overdue").values_list("key", flat=True))
    assert len(keys) == len(set(keys)) and len(keys) >= 5
