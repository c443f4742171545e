from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nominations"
    verbose_name = _("Thi đua – Khen thưởng")
