"""The demo province, seeded ONCE for every test in this package.

The seed runs inside an outer transaction that is rolled back when the package
is done; each test runs in its own savepoint within it (pytest-django's
``db``), so a test's changes never reach the next one and no other package
sees the demo's rows.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from nominations.models import User
from tests.conftest import restore_reference_rows


@pytest.fixture(scope="package")
def demo_seed(django_db_setup, django_db_blocker, migrated_reference_rows):
    """What ``seed_demo`` printed; the rows stay until the package ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            restore_reference_rows(migrated_reference_rows)  # the seed reads the calendar and SLA days
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_seed, db):
    """The demo's users by username."""
    return {u.username: u for u in User.objects.all()}
