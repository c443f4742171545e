"""Who may do what to which nomination: role AND scope (DESIGN §1).

One place for the policy, read by the django-fsm transition permissions, the
services, the workflow door, the selectors and the screens, so the screen,
the API and the engine can never disagree. The roles and scopes come from
the stage table (``policy.stages``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..exceptions import NotPermitted
from ..vocabulary import Role, Status
from .stages import ACTION_BY_NAME, PROVINCE_ROLES, ROLE_SCOPE, STAGE_BY_KEY, STAGE_BY_STATUS, Scope

if TYPE_CHECKING:  # the models read this module for their transitions' permissions
    from ..models import Nomination

S = Status

# An upward proposal is published for comment while it is appraised or waits for the vote.
DISCLOSURE_STATUSES = (S.COUNCIL_REVIEW, S.COUNCIL_VOTE)

__all__ = [
    "DISCLOSURE_STATUSES",
    "PROVINCE_ROLES",
    "acting_role",
    "acting_roles",
    "can_act",
    "can_edit_batch",
    "can_open_disclosure",
    "can_take_task",
    "can_view",
    "has_any_role",
    "in_scope",
    "is_cluster_reviewer_of",
    "require_role",
    "sees_province",
    "signing_statuses",
]


def has_any_role(user, *roles) -> bool:
    """An active superuser, or an active user holding one of ``roles``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(user.has_role(r) for r in roles)


def sees_province(user) -> bool:
    """A province-wide role: every dossier that has left its unit, every report of the province."""
    return has_any_role(user, *PROVINCE_ROLES)


def require_role(user, *roles, message=None) -> None:
    """Refuse (NotPermitted, HTTP 403) unless ``has_any_role``."""
    if not has_any_role(user, *roles):
        raise NotPermitted(message)


def is_cluster_reviewer_of(user, nomination: Nomination) -> bool:
    """The user reviews the cluster that this nomination belongs to (that year)."""
    if not nomination.cluster_id:
        return False
    cache = getattr(user, "_reviewed_cluster_ids", None)
    if cache is None:
        cache = set(user.reviewed_clusters.values_list("id", flat=True))
        user._reviewed_cluster_ids = cache
    return nomination.cluster_id in cache


def in_scope(user, nomination: Nomination, role: str) -> bool:
    """Whether ``user`` acting as ``role`` covers this nomination."""
    scope = ROLE_SCOPE.get(role)
    if scope == Scope.UNIT:
        return user.unit_id is not None and user.unit_id == nomination.unit_id
    if scope == Scope.CLUSTER:
        return is_cluster_reviewer_of(user, nomination)
    # Province-level roles work on every dossier that has left its unit.
    return scope == Scope.PROVINCE and nomination.status != S.DRAFT


def acting_roles(action: str, nomination: Nomination) -> tuple[str, ...]:
    """The roles that perform ``action`` on this nomination in its current state (the stage table)."""
    spec = ACTION_BY_NAME.get(action)
    if spec is None:
        return ()
    if spec.role is not None:
        return (spec.role,)
    stage = STAGE_BY_STATUS.get(nomination.status)
    if not spec.stages or (stage is not None and stage.key in spec.stages):
        return stage.roles if stage else ()
    # Not an action of the stage the dossier is in: the roles that perform it where it
    # applies, so that the state check (not the role check) answers.
    return tuple(dict.fromkeys(role for key in spec.stages for role in STAGE_BY_KEY[key].roles))


def acting_role(action: str, nomination: Nomination) -> str | None:
    """The first of ``acting_roles`` (the stage's own role)."""
    roles = acting_roles(action, nomination)
    return roles[0] if roles else None


def can_act(user, nomination: Nomination, action: str) -> bool:
    """Role and scope check for an action (the state check is django-fsm's)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    roles = acting_roles(action, nomination)
    if not roles:
        return False
    if user.is_superuser:
        return True
    return any(user.has_role(role) and in_scope(user, nomination, role) for role in roles)


def can_view(user, nomination: Nomination) -> bool:
    """Visibility of one nomination; lists use selectors.nominations_visible_to."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if (
        user.has_role(Role.UNIT_CLERK) or user.has_role(Role.UNIT_HEAD)
    ) and user.unit_id == nomination.unit_id:
        return True
    if user.has_role(Role.CLUSTER_REVIEWER) and is_cluster_reviewer_of(user, nomination):
        return True
    return any(user.has_role(r) for r in PROVINCE_ROLES) and nomination.status != S.DRAFT


def can_take_task(user, nomination: Nomination) -> bool:
    """Whether the user may take (claim) the task the nomination waits on: the stage's role, in scope."""
    stage = STAGE_BY_STATUS.get(nomination.status)
    if stage is None:
        return False
    return any(
        has_any_role(user, role) and (user.is_superuser or in_scope(user, nomination, role))
        for role in stage.roles
    )


def can_edit_batch(user, batch) -> bool:
    """A batch (tờ trình) belongs to its unit: that unit's clerk prepares and submits it."""
    return has_any_role(user, Role.UNIT_CLERK) and (user.is_superuser or user.unit_id == batch.unit_id)


def can_open_disclosure(user, nomination: Nomination) -> bool:
    """An appraiser or the agency head publishes an upward proposal for comment, at appraisal or vote."""
    return (
        nomination.award_type.needs_public_disclosure
        and nomination.status in DISCLOSURE_STATUSES
        and has_any_role(user, Role.APPRAISER, Role.AGENCY_HEAD)
    )


def signing_statuses(user, *, proposal: bool = False) -> tuple[str, ...]:
    """The statuses of the dossiers this user signs for: the leader's decisions or proposals,
    a unit head's own unit's titles."""
    if proposal:
        return (S.AWAITING_PROPOSAL,) if has_any_role(user, Role.LEADER) else ()
    statuses = []
    if has_any_role(user, Role.LEADER):
        statuses.append(S.AWAITING_SIGNATURE)
    if has_any_role(user, Role.UNIT_HEAD):
        statuses.append(S.UNIT_SIGNATURE)
    return tuple(statuses)
