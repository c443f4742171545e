"""Public verification of a signed decision: by number, and the file or its SHA-256."""

import hashlib
import re

from django.utils.translation import gettext as _

from ..selectors import decision_signed_by_number
from .signing import verify_pdf

SHA = re.compile(r"^[0-9a-fA-F]{64}$")


def verify_decision(*, number: str, data: bytes | None, sha256: str) -> dict:
    """Valid only for a signed decision whose stored hash matches and whose signature verifies."""
    decision = decision_signed_by_number(number=number)
    if decision is None:
        return {"valid": False, "reason": _("Không có quyết định đã ký mang số này.")}
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        if digest != decision.sha256 or not verify_pdf(data).valid:
            return {
                "valid": False,
                "reason": _("Tệp không đúng bản đã ký (đã bị thay đổi hoặc không phải quyết định này)."),
            }
    elif not SHA.match(sha256 or "") or sha256 != decision.sha256:
        return {"valid": False, "reason": _("Mã SHA-256 không khớp với bản đã ký.")}
    return {
        "valid": True,
        "number": decision.number,
        "signer": decision.signer.get_full_name() if decision.signer else "",
        "signer_title": decision.signer_title,
        "signed_at": decision.signed_at,
    }
