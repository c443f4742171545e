"""Telling a citizen where their application stands: e-mail, and an SMS gateway behind a setting.

The applicant has no account, so no ``Notification`` row: the message goes to the e-mail address
or the phone number of the application, after the action commits. ``APPLICANT_SMS_GATEWAY`` names
a callable ``send(phone, text)`` (a provider's client); unset, no SMS is sent.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger("workflows.applicants")


def _messages(application, event: str) -> str:
    v = {
        "code": application.code,
        "name": application.volunteer_name,
        "commune": application.commune.name,
        "missing": application.missing_items,
        "reason": application.refusal_reason,
        "result": application.result_note,
        "until": application.posting.closes_on.strftime("%d/%m/%Y") if application.posting_id else "",
    }
    texts = {
        "filed": _(
            "%(commune)s đã tiếp nhận hồ sơ đề nghị Huy chương Thanh niên xung phong vẻ vang của %(name)s. "
            "Mã tra cứu: %(code)s."
        ),
        "returned": _("Hồ sơ %(code)s (%(name)s) cần bổ sung: %(missing)s."),
        "posted": _(
            "Hồ sơ %(code)s (%(name)s) đang được niêm yết công khai tại %(commune)s đến ngày %(until)s."
        ),
        "sent_up": _("Hồ sơ %(code)s (%(name)s) đã được %(commune)s trình Chủ tịch UBND tỉnh."),
        "refused": _("Hồ sơ %(code)s (%(name)s) không được %(commune)s đề nghị. Lý do: %(reason)s"),
        "decided": _("Hồ sơ %(code)s (%(name)s): %(result)s"),
    }
    return texts[event] % v


def tell(application, event: str) -> None:
    """After the commit: the e-mail (if any address) and the SMS (if a gateway is set and a phone)."""
    text = _messages(application, event)
    link = (
        settings.SITE_URL.rstrip("/") + reverse("public:application_track")
        if getattr(settings, "SITE_URL", "")
        else ""
    )
    email, phone = application.email, application.phone

    def send():
        if email:
            body = text + ("\n\n" + _("Tra cứu hồ sơ: %(link)s") % {"link": link} if link else "")
            try:
                send_mail(_("Hồ sơ %(code)s") % {"code": application.code}, body, None, [email])
            except Exception:  # a mail server down must not undo the commune's act
                logger.exception("applicant e-mail for %s failed", application.code)
        gateway = getattr(settings, "APPLICANT_SMS_GATEWAY", "")
        if gateway and phone:
            try:
                import_string(gateway)(phone, text)
            except Exception:
                logger.exception("applicant SMS for %s failed", application.code)

    transaction.on_commit(send)
