"""Re-reading a nomination under a threaded server never trips django-fsm's protection
(issue 16, defect 1: ``FSMModelMixin.refresh_from_db`` flips a class-level flag)."""

import threading

import pytest
from django.db import connection, connections

from nominations.models import Nomination
from tests.factories import NominationFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database that serves threads"),
]


def test_concurrent_refreshes_of_different_nominations_all_succeed(world):
    ids = [
        NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk).pk
        for _ in range(6)
    ]
    errors = []
    barrier = threading.Barrier(len(ids))

    def work(pk):
        try:
            nomination = Nomination.objects.get(pk=pk)
            barrier.wait()
            for _ in range(150):
                nomination.refresh_from_db()
                assert nomination.status == "draft"
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    # The protection still holds for direct writes.
    nomination = Nomination.objects.get(pk=ids[0])
    with pytest.raises(AttributeError):
        nomination.status = "awarded"
