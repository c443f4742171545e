"""The load generator writes what a live system would have written (PostgreSQL: it uses COPY)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.conftest import restore_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_on_sqlite_it_refuses_with_a_clear_message():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is for SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_load", nominations=10)
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark", quick=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL")
def test_a_small_load_has_a_valid_chain_processes_and_open_deadlines(settings, tmp_path, demo_snapshot):
    from viewflow.workflow.models import Task

    from nominations.audit import verify_chain
    from nominations.models import Nomination
    from workflows.models import NominationProcess, TaskDeadline
    from workflows.selectors import tasks_queue

    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchors.jsonl")
    # The load starts from the demo province (the command seeds it when the catalog is empty):
    # the session's one seed, restored, instead of seeding again here.
    restore_demo(demo_snapshot)
    call_command("generate_load", nominations=400, units=5, stdout=io.StringIO())
    assert Nomination.objects.filter(unit__code__startswith="LOAD-").count() >= 1
    assert verify_chain().ok
    submitted = Nomination.objects.exclude(status__in=["draft", "withdrawn"])
    # Every submitted dossier has its process; every open human task its open deadline.
    assert NominationProcess.objects.filter(nomination__in=submitted).count() == submitted.count()
    open_tasks = Task.objects.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"])
    assert TaskDeadline.objects.filter(closed_at__isnull=True).count() == open_tasks.count()
    assert open_tasks.exists()
    # And the queues see them.
    from nominations.models import Role, User

    appraiser = User.objects.filter(groups__name=Role.APPRAISER).first()
    waiting = Nomination.objects.filter(status="council_review").exists()
    assert tasks_queue(user=appraiser).exists() or not waiting
    # Vacuumed as autovacuum would have done on a live server (CI's server runs without it).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL "
            "AND relname IN ('nominations_nomination', 'viewflow_task', 'workflows_taskdeadline')"
        )
        assert cursor.fetchone()[0] == 3


def test_the_generator_writes_every_column_the_database_requires():
    """COPY bypasses Django's defaults: a NOT NULL column added to a model must be in the generator
    (a new field broke it once; this says which one at once, on SQLite too)."""
    from django.apps import apps
    from django.db.models import NOT_PROVIDED

    from demo.management.commands import generate_load as g

    tables = {
        "nominations_nomination": g.NOM_COLUMNS,
        "viewflow_task": g.TASK_COLUMNS,
        "workflows_taskdeadline": g.DEADLINE_COLUMNS,
        "nominations_auditevent": g.AUDIT_COLUMNS,
        "nominations_awardrecord": g.RECORD_COLUMNS,
    }
    missing = {
        model._meta.db_table: [
            f.column
            for f in model._meta.concrete_fields
            if not f.null and f.db_default is NOT_PROVIDED and f.column not in tables[model._meta.db_table]
        ]
        for model in apps.get_models()
        if model._meta.db_table in tables
    }
    assert missing == dict.fromkeys(tables, [])
