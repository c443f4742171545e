"""The tamper-evident audit trail: append a link, verify the chain."""

from dataclasses import dataclass

from django.db import connection, transaction

from .models import AuditEvent

GENESIS = "0" * 64
# Arbitrary constant naming the advisory lock that serialises chain appends.
_CHAIN_LOCK_KEY = 0x7464_6B74  # "tdkt"


def _lock_chain() -> None:
    """Serialise appends so each row links to the one committed before it.

    PostgreSQL: a transaction-scoped advisory lock (released at commit).
    SQLite: writers are already serialised by the database file lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def record_event(
    *,
    action: str,
    actor=None,
    nomination=None,
    from_status: str = "",
    to_status: str = "",
    comment: str = "",
    ip: str | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction."""
    assert transaction.get_connection().in_atomic_block, (
        "audit rows are written inside the action's transaction"
    )
    _lock_chain()
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    event = AuditEvent(
        nomination=nomination,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_full_name() if actor is not None and actor.pk else "hệ thống"),
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        comment=comment or "",
        ip=ip or None,
        data=data or {},
        prev_hash=prev,
    )
    event.hash = event.compute_hash()
    event.save()
    return event


@dataclass
class ChainReport:
    ok: bool
    count: int
    broken_id: int | None = None
    reason: str = ""


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the chain oldest first; report the first row whose link does not hold."""
    prev = GENESIS
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.prev_hash != prev:
            return ChainReport(False, count, event.pk, "prev_hash")
        if event.compute_hash() != event.hash:
            return ChainReport(False, count, event.pk, "hash")
        prev = event.hash
        count += 1
    return ChainReport(True, count)
