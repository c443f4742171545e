"""Catalog rows that every action reads (eligibility rules, award authorities), shared by the process.

Read once per REFERENCE_CACHE_SECONDS (60 by default, like the SLA table and the calendar: another
host's edit is seen within that), dropped at once on a local edit (signals in apps.py). The tests
set 0: every read goes to the table.
"""

from time import monotonic

from django.conf import settings


class Reference:
    """A per-process copy of a small table's rows, by key, refreshed after REFERENCE_CACHE_SECONDS."""

    def __init__(self, load):
        self._load = load
        self._rows = {}

    def get(self, key=None):
        now = monotonic()
        hit = self._rows.get(key)
        if hit is None or now - hit[0] >= getattr(settings, "REFERENCE_CACHE_SECONDS", 60):
            hit = self._rows[key] = (now, self._load(key))
        return hit[1]

    def forget(self, **kwargs) -> None:
        """Signal receiver: a row changed here."""
        self._rows.clear()
