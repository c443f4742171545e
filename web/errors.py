"""Error pages: the API answers in its own JSON shape even for addresses that match no route."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "detail": _("Không tìm thấy."), "fields": {}}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """A request refused before any view ran (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS fields or files): the API answers in its own shape."""
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent

    if not request.path.startswith("/api/"):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        code, detail = "too_large", _("Nội dung gửi lên quá lớn.")
    elif isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        code, detail = "too_many_fields", _("Yêu cầu có quá nhiều trường dữ liệu.")
    else:
        code, detail = "bad_request", _("Yêu cầu không hợp lệ.")
    return JsonResponse({"code": code, "detail": detail, "fields": {}}, status=400)
