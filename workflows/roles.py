"""Role groups and the task permissions each one holds (idempotent)."""

from django.contrib.auth.models import Group, Permission

from nominations.models import Role
from nominations.policy.stages import STAGES

# Which viewflow task permission each role group carries (the stage table); the admin holds all.
ROLE_TASK_PERMISSIONS = {role: [] for role in Role}
for _stage in STAGES:
    for _role in _stage.roles:
        ROLE_TASK_PERMISSIONS[_role].append(_stage.permission)
ROLE_TASK_PERMISSIONS[Role.ADMIN] = [s.permission for s in STAGES]


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups and grant their permissions; safe to run any time."""
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="workflows")}
    if not perms:  # permissions not created yet (first migrate, before post_migrate of workflows)
        return
    for role, codenames in ROLE_TASK_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = [perms[c] for c in [*codenames, "view_nominationprocess"] if c in perms]
        group.permissions.add(*wanted)
