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
