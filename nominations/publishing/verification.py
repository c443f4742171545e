"""Public verification of a signed decision: by number alone, or by number and the file or its SHA-256."""

import hashlib
import re

from django.utils.translation import gettext as _

from ..selectors import decisions_signed_by_number
from .signing import verify_pdf

SHA = re.compile(r"^[0-9a-fA-F]{64}$")


def _described(decision) -> dict:
    return {
        "number": decision.number,
        "kind": decision.get_kind_display(),
        "issuer": " ".join(part for part in (decision.issuer_name, decision.place_name) if part).strip(),
        "signer": decision.signer.get_full_name() if decision.signer else "",
        "signer_title": decision.signer_title,
        "signed_at": decision.signed_at,
        "decision_date": decision.decision_date,
        "title": decision.title,
    }


def verify_decision(*, number: str, data: bytes | None, sha256: str) -> dict:
    """``status`` is "valid" (the file or hash is the signed one and its signature verifies),
    "exists" (number alone: the signed documents with that number, asking for the file to compare),
    or "invalid" with a reason."""
    decisions = decisions_signed_by_number(number=number)
    if not decisions:
        return {"status": "invalid", "valid": False, "reason": _("Không có quyết định đã ký mang số này.")}
    sha256 = (sha256 or "").strip().lower()
    if data is None and not sha256:
        return {"status": "exists", "valid": False, "matches": [_described(d) for d in decisions]}
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        match = next((d for d in decisions if d.sha256 == digest), None)
        if match is None or not verify_pdf(data).valid:
            return {
                "status": "invalid",
                "valid": False,
                "reason": _("Tệp không đúng bản đã ký (đã bị thay đổi hoặc không phải quyết định này)."),
            }
    else:
        match = next((d for d in decisions if SHA.match(sha256) and d.sha256 == sha256), None)
        if match is None:
            return {"status": "invalid", "valid": False, "reason": _("Mã SHA-256 không khớp với bản đã ký.")}
    return {"status": "valid", "valid": True, **_described(match)}
