"""What one completion through the door costs the database, pinned so that it cannot silently regrow.

Statement counts are deterministic where times are not (issue 15). The scenario is a request's: a
user object loaded fresh (its roles and clusters are read once), the SLA table and the calendar
already cached by the process (REFERENCE_CACHE_SECONDS), and the door outside any transaction, as
in production (the flow lock opens it).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nominations.models import User
from nominations.policy.eligibility import ACTIVE_RULES
from nominations.policy.paths import AUTHORITIES
from nominations.policy.registration import RULES as REGISTRATION_RULES
from workflows import actions, announce, notify
from workflows.calendar import forget_adjustments
from workflows.deadlines import forget_policies

pytestmark = pytest.mark.django_db(transaction=True)

APPRAISAL = {"checklist": {"criteria": True, "documents": True}, "justification": "Đã đối chiếu."}
# Without BEGIN and COMMIT; PostgreSQL adds one statement, the audit chain's advisory lock.
# approve_cluster: the open task; the flow lock; task, process and nomination in one read; the
# user's roles and clusters; the nomination's UPDATE; the task's UPDATE; the gateway's INSERT,
# link and UPDATE; the next task's INSERT and link; its deadline; the old deadline closed; the
# chain's head and the audit row; the unit's clerks; the notices. pass_appraisal: no cluster
# read (a province role), but the Appraisal row; the eligibility rules and the award's authority
# come from the process cache like the SLA table, and so does the province's registration rule;
# whether the nominee was registered (the eligibility box's warning) is one read.
LIMITS = {"approve_cluster": 18, "pass_appraisal": 19}


def _forget_reference():
    forget_policies()
    forget_adjustments()
    ACTIVE_RULES.forget()
    AUTHORITIES.forget()
    REGISTRATION_RULES.forget()


@pytest.fixture
def warm(settings):
    # Rows cached by earlier tests (under 0 seconds) would look fresh under 60: start empty.
    settings.REFERENCE_CACHE_SECONDS = 60
    _forget_reference()
    yield
    _forget_reference()


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(notify, "enqueue_deliveries", calls.append)
    return calls


@pytest.fixture
def arrivals(monkeypatch):
    """The next stage's people are told by a job queued at commit: it runs in the worker, so it is
    not the completion's cost (the test settings would run it inline, inside the count)."""
    calls = []
    monkeypatch.setattr(announce, "enqueue_arrivals", calls.append)
    return calls


def _statements(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"] not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")]


def _complete(world, nomination, action):
    who = world.reviewer if action == "approve_cluster" else world.appraiser
    user = User.objects.get(pk=who.pk)  # as a request loads it
    params = APPRAISAL if action == "pass_appraisal" else {}
    with CaptureQueriesContext(connection) as ctx:
        actions.perform(user=user, nomination_id=nomination.pk, action=action, **params)
    return _statements(ctx)


def _walk_to(world, draft, action):
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    if action == "pass_appraisal":
        actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster")
        ACTIVE_RULES.get()  # the process has appraised a dossier within the minute
        REGISTRATION_RULES.get()


@pytest.mark.parametrize("action", ["approve_cluster", "pass_appraisal"])
def test_a_completion_stays_within_its_statements(world, draft, warm, queued, arrivals, action):
    world.clerk.email = "donvi@tdkt.test"
    world.clerk.save()
    _walk_to(world, draft, action)
    queued.clear()
    arrivals.clear()

    sql = _complete(world, draft, action)
    limit = LIMITS[action] + (1 if connection.vendor == "postgresql" else 0)
    listing = "\n".join(f"{i:2d} {s[:160]}" for i, s in enumerate(sql, 1))
    assert len(sql) <= limit, f"{len(sql)} statements (at most {limit}):\n{listing}"

    def count(pattern):
        return sum(1 for s in sql if re.search(pattern, s))

    # The nomination is read once, under the lock, and its UPDATE names only what changed.
    assert count(r'^SELECT .* FROM "viewflow_task" .*"nominations_nomination"') == 1, listing
    assert count(r'^SELECT .* FROM "nominations_nomination"') == 0, listing
    update = next(s for s in sql if s.startswith('UPDATE "nominations_nomination"'))
    assert re.match(
        r'UPDATE "nominations_nomination" SET "status" = .*, "status_changed_at" = [^,]* WHERE', update
    )
    # No savepoint inside the flow lock; the reference data comes from the process cache.
    assert count(r"SAVEPOINT") == 0, listing
    assert (
        count(r'"workflows_slapolicy"|"workflows_calendaradjustment"|"nominations_eligibilityrule"') == 0
    ), listing
    assert count(r'FROM "nominations_awardauthority"') == 0, listing
    # The audit row is not read back, the human task is written once, the notices in one INSERT
    # and one delivery task.
    assert count(r'^SELECT .* FROM "nominations_auditevent"') == 1, listing  # the chain's head
    assert count(r'^UPDATE "viewflow_task"') == 2, listing  # the human task, the gateway
    assert count(r'^INSERT INTO "workflows_notification"') == 1, listing
    assert len(queued) == 1
    # One job tells the next stage's people, after the commit, and costs no statement here.
    assert arrivals == [[draft.pk]]


def test_the_completed_task_is_owned_and_done_by_the_one_who_acted(world, draft, warm, queued):
    """Assignment and completion are one write: the task still records who did it and when."""
    actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")
    task = actions.open_task(draft.pk)
    actions.perform(user=world.reviewer, nomination_id=draft.pk, action="approve_cluster")
    task.refresh_from_db()
    assert (task.status, task.owner_id) == ("DONE", world.reviewer.pk)
    assert task.started is not None and task.finished is not None
