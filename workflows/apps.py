from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflows"
    verbose_name = _("Quy trình xét duyệt")

    def ready(self):
        from .roles import ensure_role_groups
        from .schedules import ensure_schedules

        # After the permissions exist; dispatch_uid keeps it to one run per migrate.
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="workflows.ensure_role_groups")
        # Every migrate (the demo, a deploy) leaves the background schedules in place.
        post_migrate.connect(ensure_schedules, sender=self, dispatch_uid="workflows.ensure_schedules")
