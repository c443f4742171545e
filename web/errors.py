"""Error pages: the API answers in its own JSON shape even for addresses that match no route."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "detail": _("Không tìm thấy."), "fields": {}}, status=404)
    return defaults.page_not_found(request, exception)
