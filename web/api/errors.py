"""One error shape for the whole API: {"code", "detail" (Vietnamese), "fields"}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from nominations.exceptions import ActionError, DossierChanged, InvalidInput, InvalidState, NotPermitted

ACTION_STATUS = {
    InvalidInput: status.HTTP_400_BAD_REQUEST,
    NotPermitted: status.HTTP_403_FORBIDDEN,
    InvalidState: status.HTTP_409_CONFLICT,
    DossierChanged: status.HTTP_409_CONFLICT,
}


def _flatten(detail):
    if isinstance(detail, dict):
        return {
            str(k): " ".join(str(m) for m in (v if isinstance(v, list) else [v])) for k, v in detail.items()
        }
    return {}


def exception_handler(exc, context):
    if isinstance(exc, ActionError):
        code = next((s for cls, s in ACTION_STATUS.items() if isinstance(exc, cls)), 400)
        return Response(
            {
                "code": exc.code,
                "detail": str(exc.message),
                "fields": {k: str(v) for k, v in exc.fields.items()},
            },
            status=code,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    response = drf_handler(exc, context)
    if response is None:
        return None
    messages = {
        status.HTTP_401_UNAUTHORIZED: _("Chưa đăng nhập hoặc mã truy cập không hợp lệ."),
        status.HTTP_403_FORBIDDEN: _("Bạn không có quyền thực hiện thao tác này."),
        status.HTTP_404_NOT_FOUND: _("Không tìm thấy."),
        status.HTTP_405_METHOD_NOT_ALLOWED: _("Phương thức không được hỗ trợ."),
        status.HTTP_429_TOO_MANY_REQUESTS: _("Quá nhiều yêu cầu, vui lòng thử lại sau."),
    }
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        detail = " ".join(fields.values()) if fields else " ".join(str(d) for d in exc.detail)
        response.data = {
            "code": "invalid",
            "detail": detail or _("Dữ liệu nhập chưa hợp lệ."),
            "fields": fields,
        }
    else:
        detail = messages.get(response.status_code, str(getattr(exc, "detail", "")))
        if isinstance(exc, exceptions.Throttled) and exc.wait:
            detail = _("Quá nhiều yêu cầu, vui lòng thử lại sau %(s)s giây.") % {"s": int(exc.wait)}
        response.data = {"code": getattr(exc, "default_code", "error"), "detail": str(detail), "fields": {}}
    return response
