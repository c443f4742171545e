"""The audit trail is tamper-evident: an edited or deleted row breaks the chain."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from nominations.models import AuditEvent
from workflows import actions


@pytest.fixture
def submitted(world, draft):
    return actions.perform(user=world.clerk, nomination_id=draft.pk, action="submit")


def test_verify_audit_says_ok_with_the_count(submitted, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "OK" in out
    assert str(AuditEvent.objects.count()) in out


def test_editing_a_row_in_the_database_is_detected_and_named(submitted):
    victim = AuditEvent.objects.filter(action="submit").get()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET comment = %s WHERE id = %s", ["đã sửa lén", victim.pk]
        )
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert f"#{victim.pk}" in str(err.value)


def test_deleting_a_row_in_the_database_is_detected(submitted):
    rows = list(AuditEvent.objects.order_by("id"))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [rows[1].pk])
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert f"#{rows[2].pk}" in str(err.value)


# --- anchors outside the table, and the key (issue 16, defect 7) ---------------------------


def _delete_rows(ids, table=None):
    with connection.cursor() as cursor:
        for pk in ids:
            cursor.execute(f"DELETE FROM {table or AuditEvent._meta.db_table} WHERE id = %s", [pk])


def _more_events(world, n):
    from django.db import transaction

    from nominations.audit import record_event

    with transaction.atomic():
        for i in range(n):
            record_event(action="update", actor=world.clerk, data={"i": i})


@pytest.mark.parametrize("cut", [1, 10, "all"])
def test_cutting_rows_from_the_end_is_found_against_the_anchors(world, submitted, cut):
    from nominations.audit import checkpoint

    _more_events(world, 12)
    checkpoint()
    call_command("verify_audit")
    ids = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True))
    _delete_rows(ids if cut == "all" else ids[:cut])
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert "cắt bớt" in str(err.value)


def test_the_file_anchor_still_holds_when_the_checkpoints_are_deleted_too(world, submitted):
    from nominations.audit import checkpoint
    from nominations.models import AuditCheckpoint

    _more_events(world, 3)
    checkpoint()
    last = AuditEvent.objects.order_by("-id").first()
    _delete_rows([last.pk])
    _delete_rows(AuditCheckpoint.objects.values_list("id", flat=True), AuditCheckpoint._meta.db_table)
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert "cắt bớt" in str(err.value)


def test_a_chain_rebuilt_without_the_key_is_found_against_the_anchors(world, submitted):
    """The attacker edits a row and rebuilds the whole chain with plain SHA-256 (all they can compute
    without AUDIT_KEY): the chain is self-consistent, the signed anchor is not."""
    from nominations.audit import checkpoint

    checkpoint()
    rows = list(AuditEvent.objects.order_by("id"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET comment = %s WHERE id = %s", ["sửa", rows[0].pk]
        )
    prev = "0" * 64
    for row in AuditEvent.objects.order_by("id"):
        row.prev_hash = prev
        row.hash_version = 0
        forged = row.compute_hash()
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {AuditEvent._meta.db_table} SET prev_hash = %s, hash = %s, hash_version = 0 WHERE id = %s",
                [prev, forged, row.pk],
            )
        prev = forged
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert "cắt bớt hoặc dựng lại" in str(err.value)


def test_rehashing_one_row_with_the_plain_hash_after_keyed_rows_is_found(world, submitted):
    import hashlib
    import json as _json

    rows = list(AuditEvent.objects.order_by("id"))
    assert all(r.hash_version == 1 for r in rows)
    victim = rows[-1]
    payload = {
        "prev": victim.prev_hash,
        "nomination": victim.nomination_id,
        "actor": victim.actor_id,
        "actor_name": victim.actor_name,
        "action": victim.action,
        "from": victim.from_status,
        "to": victim.to_status,
        "comment": "sửa lén",
        "ip": victim.ip,
        "data": victim.data,
        "at": victim.at.isoformat(),
    }
    raw = _json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET comment = %s, hash = %s WHERE id = %s",
            ["sửa lén", hashlib.sha256(raw).hexdigest(), victim.pk],
        )
    with pytest.raises(CommandError) as err:
        call_command("verify_audit")
    assert f"#{victim.pk}" in str(err.value)


def test_rows_queued_by_an_action_are_chained_at_its_end_in_order(world):
    from django.db import transaction

    from nominations.audit import appended_at_end, record_event, verify_chain

    before = AuditEvent.objects.count()
    with transaction.atomic(), appended_at_end():
        record_event(action="first", actor=world.clerk)
        record_event(action="second", actor=world.clerk)
        # Nothing is written (nor the chain's lock taken) until the action ends.
        assert AuditEvent.objects.count() == before
    rows = list(AuditEvent.objects.order_by("id"))[before:]
    assert [r.action for r in rows] == ["first", "second"]
    assert rows[1].prev_hash == rows[0].hash
    assert verify_chain().ok


def test_an_action_that_fails_leaves_no_queued_row(world):
    from django.db import transaction

    from nominations.audit import appended_at_end, record_event

    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), appended_at_end():
        record_event(action="lost", actor=world.clerk)
        raise RuntimeError("the action failed")
    assert AuditEvent.objects.count() == before
    with transaction.atomic():
        record_event(action="next", actor=world.clerk)  # the queue is gone: written at once
    assert AuditEvent.objects.filter(action="next").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="deferred foreign keys: PostgreSQL")
def test_the_actions_deferred_foreign_key_checks_run_before_the_chains_lock(world):
    """In a batch (a decision's), a broken reference is found before the chain's global lock is
    taken (not at COMMIT, under it), and the checks are deferred again afterwards, as the schema
    declares them. One completion's few rows are checked at COMMIT: two round trips would cost it
    more than the checks."""
    from unittest import mock

    from django.db import IntegrityError, transaction

    from nominations import audit
    from nominations.models import Comment

    with mock.patch("nominations.audit._lock_chain") as lock:
        with pytest.raises(IntegrityError), transaction.atomic(), audit.appended_at_end():
            Comment.objects.create(nomination_id=987654321, author=world.clerk, kind="approve", body="x")
            for _ in range(audit._EARLY_CHECK_FROM):
                audit.record_event(action="orphan", actor=world.clerk)
        lock.assert_not_called()

    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one, transaction.atomic(), audit.appended_at_end():
        audit.record_event(action="single", actor=world.clerk)
    assert not [q for q in one.captured_queries if "CONSTRAINTS" in q["sql"]]

    with transaction.atomic(), audit.appended_at_end():
        audit.record_event(action="fine", actor=world.clerk)
    with transaction.atomic():
        Comment.objects.create(nomination_id=987654321, author=world.clerk, kind="approve", body="x")
        with connection.cursor() as cursor:  # still deferred: the check waits for the end
            cursor.execute("SELECT 1")
        transaction.set_rollback(True)
