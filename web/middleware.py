"""Request and response hygiene for every page: NUL bytes refused, security headers set."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

# Free-text search is normalised (control characters dropped), so a stray NUL there still searches.
FREE_TEXT = {"q", "search"}


def _has_nul(querydict) -> bool:
    return any(
        "\x00" in key or (key not in FREE_TEXT and any("\x00" in v for v in values))
        for key, values in querydict.lists()
    )


class SecurityMiddleware:
    """A NUL byte in a query or form value is refused with 400 (PostgreSQL cannot store or compare it);
    every response carries the Content-Security-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        # The API's own parsers and serializers check bodies (and answer in its error shape).
        form = (
            not api
            and request.method == "POST"
            and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        )
        if _has_nul(request.GET) or (form and _has_nul(request.POST)):
            message = _("Dữ liệu gửi lên chứa ký tự không hợp lệ.")
            if api:
                return JsonResponse({"code": "invalid", "detail": message, "fields": {}}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """The database gone (restarting, unreachable): a clean 503 with Retry-After, never a 500 page or a
    hung request; with CONN_HEALTH_CHECKS the next request after it returns reconnects by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)) or getattr(
            getattr(exception, "__cause__", None), "pgcode", None
        ):
            return None  # a lock conflict or a query error has its own handling
        message = _("Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.")
        if request.path.startswith("/api/"):
            response = JsonResponse({"code": "unavailable", "detail": message, "fields": {}}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "30"
        return response


class FriendlyErrorsMiddleware:
    """Vietnamese 403, 404 and 500 pages for people, also with DEBUG on (the one-command demo):
    Django's technical pages (English, with settings and tracebacks) are replaced for HTML
    requests outside the API. Set DJANGO_FRIENDLY_ERRORS=0 on a developer machine to see them."""

    TEMPLATES = {403: "403.html", 404: "404.html", 500: "500.html"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        template = self.TEMPLATES.get(response.status_code)
        if (
            template is None
            or not settings.DEBUG
            or not getattr(settings, "FRIENDLY_ERRORS", True)
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        if request.path.startswith("/api/"):
            if response.status_code != 404:
                return response
            from .errors import page_not_found

            return page_not_found(request, None)  # the API's own JSON shape, as without DEBUG
        from django.template import loader

        if response.status_code == 500:
            body = loader.get_template(template).render({})
        else:
            body = loader.render_to_string(template, request=request)
        friendly = HttpResponse(body, status=response.status_code)
        friendly.cookies = response.cookies
        return friendly
