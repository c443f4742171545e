"""Every screen's address, grouped by what the user does."""

from django.urls import include, path

from .batches.urls import urlpatterns as batch_urls
from .decisions.urls import urlpatterns as decision_urls
from .dossiers.urls import urlpatterns as dossier_urls
from .dossiers.views import home
from .extensions.urls import urlpatterns as extension_urls

# The dossier, batch, decision and extension screens share the "nominations" namespace
# (their addresses all live under /ho-so/).
nomination_urls = [*dossier_urls, *extension_urls, *decision_urls, *batch_urls]

urlpatterns = [
    path("", home, name="home"),
    path("ho-so/", include((nomination_urls, "nominations"))),
    path("thong-bao/", include("web.notifications.urls")),
    path("cong-viec/", include("web.queues.urls")),
    path("ca-nhan-tap-the/", include("web.people.urls")),
    path("cong-khai/", include("web.public.urls")),
    path("huy-chuong-tnxp/", include("web.applications.urls")),
    path("bao-cao/", include("web.reports.urls")),
    path("phong-trao/", include("web.movements.urls")),
    path("api/", include("web.api.urls")),
]
