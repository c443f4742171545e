"""Helpers shared by the services: input errors, required reasons."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..exceptions import InvalidInput


def validation_to_input(exc: ValidationError) -> InvalidInput:
    fields = {k: " ".join(str(m) for m in v) for k, v in getattr(exc, "message_dict", {}).items()}
    message = " ".join(fields.values()) if fields else " ".join(str(m) for m in exc.messages)
    return InvalidInput(message, fields=fields)


def require_comment(comment: str, what: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise InvalidInput(
            _("Phải nhập lý do khi %(what)s.") % {"what": what}, fields={"comment": _("Bắt buộc.")}
        )
    return comment
