"""The tamper-evident audit trail: append a link, verify the chain."""

import json
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from .models import AuditCheckpoint, AuditEvent

logger = logging.getLogger("nominations.audit")

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


_pending = threading.local()


@contextmanager
def appended_at_end():
    """Inside, ``record_event`` queues its rows; on leaving normally they are linked and written
    together (the chain's lock, one read of the head, one INSERT). The global lock is then held
    from the end of the action to its COMMIT, not from its first audit row: the action's reads
    and writes, the flow's routing and any PDF run before anyone else has to wait.

    Use it inside the action's transaction; an exception discards the queue with the transaction.
    Nested uses write once, at the outermost exit. It gives the list of queued events: once the
    outermost block has exited they carry their ids, so what follows (the notices) need not read
    them back.
    """
    if getattr(_pending, "events", None) is not None:
        yield _pending.events
        return
    _pending.events = []
    try:
        yield _pending.events
        events = _pending.events
    finally:
        _pending.events = None
    if events:
        with _constraints_checked_first(len(events)):
            _append(events)


# From how many audit rows at once the pending foreign-key checks are worth two more round trips:
# a decision's batch (hundreds of rows per title) gains ~100 ms of lock; one completion's dozen
# rows gain nothing measurable and would pay two statements.
_EARLY_CHECK_FROM = 10


@contextmanager
def _constraints_checked_first(count: int):
    """PostgreSQL: run the transaction's pending foreign-key checks now, before the chain's lock.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at COMMIT, while the chain's
    lock is held. A decision of 500 titles inserts some 3,000 rows (award records, tasks, links,
    notices): checking them at COMMIT held the lock for ~100 ms more. ``SET CONSTRAINTS ALL
    IMMEDIATE`` checks them here, outside the lock; afterwards every deferrable constraint is
    deferred again, as the schema declares them all (none is INITIALLY IMMEDIATE)."""
    if connection.vendor != "postgresql" or count < _EARLY_CHECK_FROM:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _append(events: list[AuditEvent]) -> None:
    assert transaction.get_connection().in_atomic_block, (
        "audit rows are written inside the action's transaction"
    )
    _lock_chain()
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    for event in events:
        event.prev_hash = prev
        event.hash = event.compute_hash()
        prev = event.hash
    if len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.bulk_create(events)  # append-only rows: no save() logic to skip


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
    """Append one event to the chain, inside the caller's transaction (at its end inside
    ``appended_at_end``)."""
    assert transaction.get_connection().in_atomic_block, (
        "audit rows are written inside the action's transaction"
    )
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
    )
    queue = getattr(_pending, "events", None)
    if queue is not None:
        queue.append(event)
    else:
        _append([event])
    return event


@dataclass
class ChainReport:
    ok: bool
    count: int
    broken_id: int | None = None
    reason: str = ""


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the chain oldest first; report the first row whose link does not hold, then hold the
    table against its anchors (the checkpoints and the anchor file): rows cut from the end, or a
    chain rebuilt without the key, no longer match the head and count signed there."""
    prev = GENESIS
    count = 0
    heads = {}
    anchors = _anchors()
    wanted = {a.last_id for a in anchors}
    version = 0
    # Plain (unkeyed) rows are those written before the key existed, and no others: a whole chain
    # rebuilt without the key is then found even when every anchor is gone.
    plain_until = settings.AUDIT_PLAIN_ROWS_UNTIL
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.prev_hash != prev:
            return ChainReport(False, count, event.pk, "prev_hash")
        if event.hash_version < 1 and event.pk > plain_until:
            return ChainReport(False, count, event.pk, "unkeyed")
        # Once keyed, always keyed: a row "downgraded" to the plain hash is a forgery.
        if event.hash_version < version or event.compute_hash() != event.hash:
            return ChainReport(False, count, event.pk, "hash")
        version = event.hash_version
        prev = event.hash
        count += 1
        if event.pk in wanted:
            heads[event.pk] = (event.hash, count)
    for anchor in anchors:
        if heads.get(anchor.last_id) != (anchor.head_hash, anchor.count):
            return ChainReport(False, count, anchor.last_id, "truncated")
    return ChainReport(True, count)


# --- anchors outside the chain ------------------------------------------------------


def checkpoint() -> AuditCheckpoint | None:
    """Sign the chain's head and count now, in the table and the anchor file (and the log).

    Run every minute by the background worker; nothing new since the last one, nothing written.
    """
    head = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    if head is None:
        return None
    last = AuditCheckpoint.objects.order_by("-last_id").first()
    if last is not None and last.last_id == head[0]:
        return last
    anchor = AuditCheckpoint(
        last_id=head[0], count=AuditEvent.objects.filter(id__lte=head[0]).count(), head_hash=head[1]
    )
    anchor.sign()
    anchor.save()
    line = {
        "last_id": anchor.last_id,
        "count": anchor.count,
        "head_hash": anchor.head_hash,
        "at": anchor.at.isoformat(),
        "signature": anchor.signature,
    }
    path = Path(settings.AUDIT_ANCHOR_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(line) + "\n")
    logger.info("audit anchor %s", json.dumps(line))
    return anchor


def anchor_file_head(path: Path) -> dict | None:
    """The last authentic anchor of an anchor file (``last_id``, ``count``, ``at``), or None."""
    for anchor in _file_anchors(path):
        return {"last_id": anchor.last_id, "count": anchor.count, "at": anchor.at.isoformat()}
    return None


def _file_anchors(path: Path):
    if not path.exists():
        return
    for raw in reversed(path.read_text(encoding="utf-8").splitlines()):
        try:
            data = json.loads(raw)
            anchor = AuditCheckpoint(
                last_id=data["last_id"],
                count=data["count"],
                head_hash=data["head_hash"],
                at=datetime.fromisoformat(data["at"]),
                signature=data["signature"],
            )
        except (ValueError, KeyError, TypeError):
            continue
        if anchor.is_authentic():
            yield anchor


def _anchors() -> list[AuditCheckpoint]:
    """The latest authentic anchor of each store (a forged one, without the key, is ignored)."""
    found = []
    stored = AuditCheckpoint.objects.order_by("-last_id").first()
    if stored is not None and stored.is_authentic():
        found.append(stored)
    for anchor in _file_anchors(Path(settings.AUDIT_ANCHOR_FILE)):
        found.append(anchor)
        break
    return found
