from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """What people touch: screens, template tags, forms, the REST API and the admin. No models."""

    name = "web"
    verbose_name = _("Giao diện")
