from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo and the measurements: the seed, the demo's year, its certificate authority, the
    load generator and the benchmark. The product runs without it (production leaves it out);
    it may import every layer, and nothing imports it."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu và đo hiệu năng")

    def ready(self):
        # App registry is ready: the CA's module may now import the models it seeds keys for.
        from nominations.publishing.signing import register_key_provider

        from .ca import DemoKeys

        register_key_provider(DemoKeys())
