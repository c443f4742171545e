"""Lifecycles as data: which status follows which, by which action, and the way each path takes.

One ``Lifecycle`` per thing that moves through statuses. The nomination's is
declared below; the django-fsm transitions on ``Nomination`` take their
sources and targets from it, the submit service and the transitions that
choose among several targets ask it where the dossier goes next, the flow
builds its gateways' cases from its successors, and the progress indicator
draws its route. ``tests/workflows/test_lifecycle_table.py`` fails when any
of them disagrees with it.

A smaller lifecycle (a registration, a movement's report, a cluster's year,
a citizen's application) declares its own ``Lifecycle`` the same way: its
edges, its terminal statuses, and routes where it has more than one way; its
model declares each transition with ``models.base.table_transition`` (the
sources and targets from the table, never written on the decorator), and a
test compares the model's transitions with the table as
``test_lifecycle_table`` does. The table checks itself when declared: a route
step without an edge to it, or an edge out of a terminal status, is refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product

from ..vocabulary import (
    ApplicationStatus,
    MovementStatus,
    Path,
    RegistrationStatus,
    RequestStatus,
    Stage,
    Status,
)

__all__ = [
    "APPLICATION",
    "MOVEMENT",
    "MOVEMENT_REQUEST",
    "NOMINATION",
    "REGISTRATION",
    "Edge",
    "Lifecycle",
    "Step",
]


@dataclass(frozen=True)
class Edge:
    """``action`` moves a ``source`` status to ``target``; ``when`` says what chooses this target."""

    action: str
    source: str
    target: str
    when: str = ""


@dataclass(frozen=True)
class Step:
    """A status on a route; with ``when``, only where that condition holds (e.g. a vote is required)."""

    status: str
    when: str = ""


@dataclass(frozen=True)
class Lifecycle:
    name: str
    initial: str
    edges: tuple[Edge, ...]
    terminal: tuple[str, ...]
    # The way forward per path, after the initial status (the initial status is not listed).
    routes: Mapping[str, tuple[Step, ...]] = field(default_factory=dict)
    # The stage a return came from -> where the resubmission goes.
    returns: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        known = (
            {self.initial, *self.terminal} | {e.source for e in self.edges} | {e.target for e in self.edges}
        )
        pairs = {(e.source, e.target) for e in self.edges}
        for status in self.terminal:
            if any(e.source == status for e in self.edges):
                raise ValueError(f"{self.name}: terminal status {status} has an edge out")
        for path, steps in self.routes.items():
            conditions = sorted({s.when for s in steps if s.when})
            for values in product((True, False), repeat=len(conditions)):
                route = (self.initial, *self._route(path, dict(zip(conditions, values, strict=True))))
                for pair in zip(route, route[1:], strict=False):
                    if pair not in pairs:
                        raise ValueError(f"{self.name}: route {path} has no edge {pair[0]} -> {pair[1]}")
        for source, target in self.returns.items():
            if source not in known or target not in known:
                raise ValueError(f"{self.name}: unknown status in returns {source} -> {target}")

    # --- the graph ----------------------------------------------------------------

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.action for e in self.edges))

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.initial, *(s for e in self.edges for s in (e.source, e.target))]))

    def sources(self, action: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.edges if e.action == action))

    def targets(self, action: str, *, source: str | None = None) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(e.target for e in self.edges if e.action == action and source in (None, e.source))
        )

    def successors(self, status: str, *, action: str | None = None) -> tuple[str, ...]:
        """Every status one action away from ``status`` (or one ``action`` away)."""
        return tuple(
            dict.fromkeys(e.target for e in self.edges if e.source == status and action in (None, e.action))
        )

    def is_terminal(self, status: str) -> bool:
        return status in self.terminal

    # --- the routes ---------------------------------------------------------------

    def _route(self, path: str, conditions: Mapping[str, bool]) -> tuple[str, ...]:
        try:
            steps = self.routes[path]
        except KeyError:
            raise ValueError(f"{self.name}: no route for path {path!r}") from None
        asked = {}

        def holds(condition):
            if condition not in asked:
                value = conditions[condition]
                asked[condition] = bool(value() if callable(value) else value)
            return asked[condition]

        return tuple(s.status for s in steps if not s.when or holds(s.when))

    def route(self, path: str, **conditions) -> tuple[str, ...]:
        """The statuses a thing on ``path`` passes through after the initial one, given the conditions.

        A condition may be a function: it is asked only where the route has a step that needs it."""
        return self._route(path, conditions)

    def first(self, path: str, **conditions: bool) -> str:
        """Where a thing on ``path`` goes from the initial status (a dossier's first stage after submission)."""
        return self._route(path, conditions)[0]

    def after(self, path: str, status: str, **conditions: bool) -> str:
        """The next status on ``path``'s route once ``status`` is passed."""
        route = self._route(path, conditions)
        if status not in route[:-1]:
            raise ValueError(f"{self.name}: {status} is not passed on the {path} route {route}")
        return route[route.index(status) + 1]

    def resubmission(self, returned_from: str) -> str:
        """Where a returned thing goes when it is sent again: the stage that returned it, as a rule."""
        return self.returns[returned_from]


S = Status
REVIEW = (S.CLUSTER_REVIEW, S.COUNCIL_REVIEW, S.COUNCIL_VOTE, S.AWAITING_SIGNATURE)
# The stages whose reviewer can send the dossier back to its unit.
RETURNING = (S.CLUSTER_REVIEW, S.COUNCIL_REVIEW, S.AWAITING_SIGNATURE, S.UNIT_SIGNATURE, S.AWAITING_PROPOSAL)


def _edges(action: str, sources, targets, when: str = "") -> tuple[Edge, ...]:
    return tuple(Edge(action, s, t, when) for s in sources for t in targets)


# The conditions on a nomination's routes, fixed at submission (``Nomination.vote_required``, ``cluster``).
VOTE = "vote"  # the award's authority asks its council's vote
CLUSTER = "cluster"  # the unit belongs to a cluster that year and the award is not ad hoc

NOMINATION = Lifecycle(
    name="nomination",
    initial=S.DRAFT,
    edges=(
        *_edges(
            "submit",
            [S.DRAFT],
            [S.CLUSTER_REVIEW, S.COUNCIL_REVIEW, S.UNIT_VOTE, S.UNIT_SIGNATURE],
            "the path, the cluster and the vote",
        ),
        Edge("approve_cluster", S.CLUSTER_REVIEW, S.COUNCIL_REVIEW),
        *_edges("return_for_changes", RETURNING, [S.RETURNED]),
        *_edges("resubmit", [S.RETURNED], RETURNING, "the stage that returned it"),
        *_edges(
            "pass_appraisal",
            [S.COUNCIL_REVIEW],
            [S.COUNCIL_VOTE, S.AWAITING_SIGNATURE, S.AWAITING_PROPOSAL],
            "the vote and the path",
        ),
        *_edges(
            "record_vote", [S.COUNCIL_VOTE], [S.AWAITING_SIGNATURE, S.AWAITING_PROPOSAL], "passed; the path"
        ),
        Edge("record_vote", S.COUNCIL_VOTE, S.REJECTED, "not passed"),
        Edge("record_vote", S.UNIT_VOTE, S.UNIT_SIGNATURE, "passed"),
        Edge("record_vote", S.UNIT_VOTE, S.REJECTED, "not passed"),
        *_edges("sign", [S.AWAITING_SIGNATURE, S.UNIT_SIGNATURE], [S.AWARDED]),
        Edge("forward", S.AWAITING_PROPOSAL, S.FORWARDED),
        *_edges("record_result", [S.FORWARDED], [S.AWARDED, S.REJECTED, S.RETURNED], "the central result"),
        *_edges("return_to_council", [S.AWAITING_SIGNATURE, S.AWAITING_PROPOSAL], [S.COUNCIL_VOTE]),
        *_edges("reject", [*REVIEW, S.UNIT_VOTE, S.UNIT_SIGNATURE, S.AWAITING_PROPOSAL], [S.REJECTED]),
        *_edges("withdraw", [S.DRAFT, S.CLUSTER_REVIEW, S.RETURNED, S.UNIT_VOTE], [S.WITHDRAWN]),
    ),
    terminal=(S.AWARDED, S.REJECTED, S.WITHDRAWN),
    routes={
        # The unit's own titles: its council advises where a vote is required, its head decides.
        Path.UNIT: (Step(S.UNIT_VOTE, VOTE), Step(S.UNIT_SIGNATURE), Step(S.AWARDED)),
        Path.PROVINCE: (
            Step(S.CLUSTER_REVIEW, CLUSTER),
            Step(S.COUNCIL_REVIEW),
            Step(S.COUNCIL_VOTE, VOTE),
            Step(S.AWAITING_SIGNATURE),
            Step(S.AWARDED),
        ),
        # After the provincial Council, the Chairman's proposal letter, then the central result.
        Path.UPWARD: (
            Step(S.CLUSTER_REVIEW, CLUSTER),
            Step(S.COUNCIL_REVIEW),
            Step(S.COUNCIL_VOTE, VOTE),
            Step(S.AWAITING_PROPOSAL),
            Step(S.FORWARDED),
            Step(S.AWARDED),
        ),
    },
    returns={
        **{stage: stage for stage in RETURNING},
        # Returned by the central level: supplemented, it goes up again in a new proposal.
        Stage.FORWARDED: S.AWAITING_PROPOSAL,
    },
)


A = ApplicationStatus
# The commune's part of a citizen's application (Huy chương TNXP vẻ vang, QĐ 01/2026/QĐ-TTg): the
# clerk checks completeness (or returns it for more papers), the list is posted, the commune meets,
# the Chairman sends the cases up in one letter or tells the applicant why not. Once sent up, the
# case is a Nomination on the upward path; its central result concludes the application.
APPLICATION = Lifecycle(
    name="application",
    initial=A.FILED,
    edges=(
        *_edges("accept", [A.FILED, A.RESUBMITTED], [A.COMPLETE]),
        *_edges("return_for_documents", [A.FILED, A.RESUBMITTED], [A.RETURNED]),
        Edge("resubmit", A.RETURNED, A.RESUBMITTED),
        Edge("post", A.COMPLETE, A.POSTED),
        Edge("review", A.POSTED, A.REVIEWED),
        Edge("send_up", A.REVIEWED, A.SENT_UP),
        *_edges(
            "refuse", [A.FILED, A.RETURNED, A.RESUBMITTED, A.COMPLETE, A.POSTED, A.REVIEWED], [A.REFUSED]
        ),
        *_edges("conclude", [A.SENT_UP], [A.AWARDED, A.NOT_AWARDED], "the central result"),
    ),
    terminal=(A.REFUSED, A.AWARDED, A.NOT_AWARDED),
    routes={
        "commune": (
            Step(A.COMPLETE),
            Step(A.POSTED),
            Step(A.REVIEWED),
            Step(A.SENT_UP),
            Step(A.AWARDED),
        )
    },
)

# A movement: drafted by the Standing agency, launched (its participants asked for their plans), and
# closed once its final review is done.
M = MovementStatus
MOVEMENT = Lifecycle(
    name="movement",
    initial=M.DRAFT,
    edges=(Edge("launch", M.DRAFT, M.LAUNCHED), Edge("close", M.LAUNCHED, M.CLOSED)),
    terminal=(M.CLOSED,),
)

# What a movement asks of one unit (a response plan at launch, a report at each review): the unit
# sends it, the Standing agency accepts it or returns it with a comment, the unit sends it again.
R = RequestStatus
MOVEMENT_REQUEST = Lifecycle(
    name="movement_request",
    initial=R.OPEN,
    edges=(
        Edge("submit", R.OPEN, R.SUBMITTED),
        Edge("accept", R.SUBMITTED, R.ACCEPTED),
        Edge("return_request", R.SUBMITTED, R.RETURNED),
        Edge("resubmit", R.RETURNED, R.SUBMITTED),
    ),
    terminal=(R.ACCEPTED,),
)

# A unit's emulation registration for a year (đăng ký thi đua): the same shape.
G = RegistrationStatus
REGISTRATION = Lifecycle(
    name="registration",
    initial=G.DRAFT,
    edges=(
        Edge("submit", G.DRAFT, G.SUBMITTED),
        Edge("accept", G.SUBMITTED, G.ACCEPTED),
        Edge("return_registration", G.SUBMITTED, G.RETURNED),
        Edge("resubmit", G.RETURNED, G.SUBMITTED),
    ),
    terminal=(G.ACCEPTED,),
)
