"""The lifecycle table is the one source: the FSM, the flow's gateways and the stage table agree with it.

Each test names the consumer that disagrees, so a transition added by hand to the model, a case
written into a gateway, or a stage the table forgot fails here before it misroutes a dossier.
"""

from types import SimpleNamespace

import pytest
from django_fsm import RETURN_VALUE

from nominations import services
from nominations.models import Nomination, Stage
from nominations.policy.lifecycle import CLUSTER, NOMINATION, VOTE, Edge, Lifecycle, Step
from nominations.policy.stages import ACTIONS, STAGE_BY_KEY, STAGE_BY_STATUS, STAGES
from nominations.vocabulary import Path
from workflows.flows import NominationFlow

S = Nomination.Status


def fsm_edges() -> set[tuple[str, str, str]]:
    edges = set()
    for t in Nomination._meta.get_field("status").get_all_transitions(Nomination):
        targets = t.target.allowed_states if isinstance(t.target, RETURN_VALUE) else [t.target]
        edges |= {(t.name, t.source, target) for target in targets}
    return edges


def table_edges() -> set[tuple[str, str, str]]:
    return {(e.action, e.source, e.target) for e in NOMINATION.edges}


def test_the_fsm_transitions_are_exactly_the_tables_edges():
    fsm, table = fsm_edges(), table_edges()
    assert fsm - table == set(), "transitions on Nomination that the lifecycle table does not have"
    assert table - fsm == set(), "edges of the lifecycle table that Nomination cannot take"


def cases(switch) -> tuple[set[str], bool]:
    """The stage keys a gateway routes to, and whether it ends the process by default."""
    keys = {node.name for node, cond in switch._activate_next if cond is not None}
    ends = any(cond is None and node.name == "end" for node, cond in switch._activate_next)
    return keys, ends


def expected(successors) -> tuple[set[str], bool]:
    return (
        {STAGE_BY_STATUS[s].key for s in successors if s in STAGE_BY_STATUS},
        any(NOMINATION.is_terminal(s) for s in successors),
    )


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.key)
def test_every_gateway_routes_to_the_tables_successors_of_its_stage(stage):
    task = getattr(NominationFlow, stage.key)
    gateway = task._next
    assert cases(gateway) == expected(NOMINATION.successors(stage.status)), gateway.name


def test_the_submitted_dossier_is_routed_to_every_first_stage_of_the_table():
    gateway = NominationFlow.start._next
    assert cases(gateway) == expected(NOMINATION.targets("submit"))


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.key)
def test_each_case_waits_for_the_status_of_its_stage(stage):
    """A case's condition is true exactly for the status its stage waits in."""
    gateways = [getattr(NominationFlow, s.key)._next for s in STAGES] + [NominationFlow.start._next]
    for gateway in gateways:
        for node, cond in gateway._activate_next:
            if cond is None or node.name != stage.key:
                continue
            for status in S.values:
                activation = SimpleNamespace(
                    process=SimpleNamespace(nomination=SimpleNamespace(status=status))
                )
                assert cond(activation) == (status == stage.status), (gateway.name, node.name, status)


def test_every_status_a_dossier_waits_in_has_a_stage_and_every_stage_is_a_table_status():
    waiting = set(NOMINATION.statuses) - {NOMINATION.initial, *NOMINATION.terminal}
    assert waiting == set(STAGE_BY_STATUS)
    assert set(NOMINATION.statuses) == set(S.values)


def test_every_action_of_the_table_is_an_action_of_the_stage_table_with_a_service_that_exists():
    by_name = {a.name: a for a in ACTIONS}
    assert set(NOMINATION.actions) <= set(by_name)
    for action in ACTIONS:
        if action.service:
            assert callable(getattr(services, action.service, None)), action.service
    # Every action fired on one dossier through the door is an edge of the table.
    assert {a.name for a in ACTIONS if a.transition} <= set(NOMINATION.actions)


def test_returns_cover_every_stage_that_can_return_and_resubmission_follows_them():
    assert set(NOMINATION.returns) == set(Stage.values)
    returning = set(NOMINATION.sources("return_for_changes"))
    returned_by_result = {e.source for e in NOMINATION.edges if e.target == S.RETURNED} - returning
    assert returning | returned_by_result == set(NOMINATION.returns)
    assert set(NOMINATION.targets("resubmit")) == set(NOMINATION.returns.values())


@pytest.mark.parametrize(
    "path,conditions,route",
    [
        (Path.UNIT, {VOTE: True}, [S.UNIT_VOTE, S.UNIT_SIGNATURE, S.AWARDED]),
        (Path.UNIT, {VOTE: False}, [S.UNIT_SIGNATURE, S.AWARDED]),
        (
            Path.PROVINCE,
            {VOTE: True, CLUSTER: True},
            [S.CLUSTER_REVIEW, S.COUNCIL_REVIEW, S.COUNCIL_VOTE, S.AWAITING_SIGNATURE, S.AWARDED],
        ),
        (Path.PROVINCE, {VOTE: False, CLUSTER: False}, [S.COUNCIL_REVIEW, S.AWAITING_SIGNATURE, S.AWARDED]),
        (
            Path.UPWARD,
            {VOTE: True, CLUSTER: True},
            [S.CLUSTER_REVIEW, S.COUNCIL_REVIEW, S.COUNCIL_VOTE, S.AWAITING_PROPOSAL, S.FORWARDED, S.AWARDED],
        ),
    ],
)
def test_the_routes_of_the_three_paths(path, conditions, route):
    assert list(NOMINATION.route(path, **conditions)) == route
    assert NOMINATION.first(path, **conditions) == route[0]


def test_the_stage_table_keys_name_the_flows_tasks():
    for key in STAGE_BY_KEY:
        assert getattr(NominationFlow, key).name == key


def test_a_table_whose_route_has_no_edge_is_refused_when_declared():
    """The shape checks itself: a route step with no edge to it, or an edge out of a terminal status."""
    with pytest.raises(ValueError, match="no edge"):
        Lifecycle(
            name="registration",
            initial="draft",
            edges=(Edge("submit", "draft", "open"), Edge("close", "open", "closed")),
            terminal=("closed",),
            routes={"only": (Step("open"), Step("accepted"))},
        )
    with pytest.raises(ValueError, match="terminal"):
        Lifecycle(
            name="report", initial="draft", edges=(Edge("reopen", "closed", "draft"),), terminal=("closed",)
        )
