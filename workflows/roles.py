"""Role groups and the task permissions each one holds (idempotent)."""

from django.contrib.auth.models import Group, Permission

from nominations.models import Role

# Which viewflow task permission each role group carries.
ROLE_TASK_PERMISSIONS = {
    Role.UNIT_CLERK: ["revise_dossier"],
    Role.CLUSTER_REVIEWER: ["review_cluster"],
    Role.APPRAISER: ["appraise"],
    Role.COUNCIL_SECRETARY: ["record_vote"],
    Role.LEADER: ["sign_decision"],
    Role.AGENCY_HEAD: [],
    Role.ADMIN: ["review_cluster", "appraise", "record_vote", "sign_decision", "revise_dossier"],
}


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups and grant their permissions; safe to run any time."""
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="workflows")}
    if not perms:  # permissions not created yet (first migrate, before post_migrate of workflows)
        return
    for role, codenames in ROLE_TASK_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = [perms[c] for c in [*codenames, "view_nominationprocess"] if c in perms]
        group.permissions.add(*wanted)
