"""The citizen's application: its model's transitions are exactly its lifecycle table's edges, and
the declared service periods add up as the medal's 24 months are counted."""

from datetime import date

from django_fsm import RETURN_VALUE

from nominations.models import CitizenApplication, ServicePeriod
from nominations.policy.lifecycle import APPLICATION

S = CitizenApplication.Status


def test_the_applications_transitions_are_exactly_its_tables_edges():
    fsm = set()
    for t in CitizenApplication._meta.get_field("status").get_all_transitions(CitizenApplication):
        targets = t.target.allowed_states if isinstance(t.target, RETURN_VALUE) else [t.target]
        fsm |= {(t.name, t.source, target) for target in targets}
    table = {(e.action, e.source, e.target) for e in APPLICATION.edges}
    assert fsm == table


def test_every_status_is_on_the_table_and_the_ends_are_final():
    assert set(APPLICATION.statuses) == set(S.values)
    assert set(APPLICATION.terminal) == {S.REFUSED, S.AWARDED, S.NOT_AWARDED}
    # A returned case can only come back (or be refused): it never skips the check.
    assert set(APPLICATION.successors(S.RETURNED)) == {S.RESUBMITTED, S.REFUSED}
    assert APPLICATION.route("commune") == (S.COMPLETE, S.POSTED, S.REVIEWED, S.SENT_UP, S.AWARDED)


def test_service_months_count_whole_months():
    assert ServicePeriod(started_on=date(1968, 3, 1), ended_on=date(1969, 6, 30)).months == 15
    assert ServicePeriod(started_on=date(1969, 9, 15), ended_on=date(1970, 12, 14)).months == 14
    assert ServicePeriod(started_on=date(1969, 9, 15), ended_on=date(1969, 9, 1)).months == 0
