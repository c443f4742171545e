"""Who may do what to which nomination: role AND scope (DESIGN §1).

One place for the policy, read by the django-fsm transition permissions, the
services, the workflow door and the selectors, so the screen, the API and the
engine can never disagree.
"""

from .models import Nomination, Role

S = Nomination.Status

# action -> the role that performs it
ACTION_ROLES = {
    "submit": Role.UNIT_CLERK,
    "resubmit": Role.UNIT_CLERK,
    "withdraw": Role.UNIT_CLERK,
    "edit": Role.UNIT_CLERK,
    "approve_cluster": Role.CLUSTER_REVIEWER,
    "pass_appraisal": Role.APPRAISER,
    "record_vote": Role.COUNCIL_SECRETARY,
    "sign": Role.LEADER,
    "return_to_council": Role.LEADER,
}

# return_for_changes and reject: the reviewer of the stage the dossier is in.
STAGE_REVIEWER = {
    S.CLUSTER_REVIEW: Role.CLUSTER_REVIEWER,
    S.COUNCIL_REVIEW: Role.APPRAISER,
    S.COUNCIL_VOTE: Role.COUNCIL_SECRETARY,
    S.AWAITING_SIGNATURE: Role.LEADER,
}

PROVINCE_ROLES = (Role.APPRAISER, Role.COUNCIL_SECRETARY, Role.LEADER, Role.AGENCY_HEAD)


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
    if role == Role.UNIT_CLERK:
        return user.unit_id is not None and user.unit_id == nomination.unit_id
    if role == Role.CLUSTER_REVIEWER:
        return is_cluster_reviewer_of(user, nomination)
    # Province-level roles work on every dossier that has left its unit.
    return nomination.status != S.DRAFT


def acting_role(action: str, nomination: Nomination) -> str | None:
    """The role that performs ``action`` on this nomination in its current state."""
    if action in ("return_for_changes", "reject"):
        return STAGE_REVIEWER.get(nomination.status)
    return ACTION_ROLES.get(action)


def can_act(user, nomination: Nomination, action: str) -> bool:
    """Role and scope check for an action (the state check is django-fsm's)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    role = acting_role(action, nomination)
    if role is None:
        return False
    if user.is_superuser:
        return True
    return user.has_role(role) and in_scope(user, nomination, role)


def can_view(user, nomination: Nomination) -> bool:
    """Visibility of one nomination; lists use selectors.nominations_visible_to."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.has_role(Role.UNIT_CLERK) and user.unit_id == nomination.unit_id:
        return True
    if user.has_role(Role.CLUSTER_REVIEWER) and is_cluster_reviewer_of(user, nomination):
        return True
    return any(user.has_role(r) for r in PROVINCE_ROLES) and nomination.status != S.DRAFT
