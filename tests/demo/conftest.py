"""The demo province for every test in this package, from the session's one seed.

``seed_demo`` runs once per session (``demo_snapshot``, tests/conftest.py; the browser tests restore
the same snapshot). Here it is restored inside an outer transaction that is rolled back when the
package is done; each test runs in its own savepoint within it (pytest-django's ``db``), so a
test's changes never reach the next one and no other package sees the demo's rows.
"""

import pytest
from django.db import transaction

from nominations.models import User
from tests.conftest import restore_demo


@pytest.fixture(scope="package")
def demo_seed(demo_snapshot, django_db_blocker):
    """What ``seed_demo`` printed; the rows stay until the package ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            restore_demo(demo_snapshot)
            yield demo_snapshot.output
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_seed, db):
    """The demo's users by username."""
    return {u.username: u for u in User.objects.all()}
