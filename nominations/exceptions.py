"""Errors a business action can end with, each carrying a Vietnamese message."""

from django.utils.translation import gettext_lazy as _


class ActionError(Exception):
    """Base class: ``code`` is stable for the API, ``message`` is for people."""

    code = "action_error"
    default_message = _("Không thực hiện được thao tác.")

    def __init__(self, message=None, *, fields=None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(str(self.message))


class NotPermitted(ActionError):
    """The user's role or scope does not allow this action (HTTP 403)."""

    code = "permission_denied"
    default_message = _("Bạn không có quyền thực hiện thao tác này đối với hồ sơ này.")


class InvalidState(ActionError):
    """The dossier is not in a state where this action applies (HTTP 409)."""

    code = "invalid_state"
    default_message = _("Hồ sơ không ở trạng thái cho phép thao tác này.")


class DossierChanged(ActionError):
    """Someone else acted first (HTTP 409): reload and look again."""

    code = "conflict"
    default_message = _("Hồ sơ vừa được người khác thay đổi. Vui lòng tải lại trang và kiểm tra.")


class InvalidInput(ActionError):
    """The input is incomplete or wrong (HTTP 400); ``fields`` says where."""

    code = "invalid"
    default_message = _("Dữ liệu nhập chưa hợp lệ.")
