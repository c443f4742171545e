"""Public verification of a signed decision: by number alone, or by number and the file or its SHA-256."""

import hashlib
import re

from django.utils.translation import gettext as _

from ..selectors import decisions_signed_by_number
from .decision_pdf import verification_url
from .signing import verify_signatures

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
        "url": verification_url(decision.number),
    }


def _signatures(data: bytes) -> tuple[list[dict], bool, bool]:
    """Per signature: who (person or organisation), when, intact or not, trusted chain or not."""
    result = verify_signatures(data)
    rows = [
        {
            "role": _("Chữ ký số của cơ quan, tổ chức")
            if r.organisation_signature
            else _("Chữ ký số của người ký"),
            "organisation_signature": r.organisation_signature,
            "name": r.name,
            "organisation": r.organisation,
            "title": r.title,
            "signed_at": r.signed_at,
            "intact": r.intact,
            "trusted": r.trusted,
            "revoked": r.revoked,
        }
        for r in result.signatures
    ]
    return rows, result.intact, bool(rows) and all(r["trusted"] and not r["revoked"] for r in rows)


def signatures_of(decision) -> list[dict]:
    """The stored file's signatures (signed or issued documents), for the document's own page."""
    stored = _stored(decision) if decision.pdf else None
    return _signatures(stored)[0] if stored is not None else []


def _with_signatures(decision) -> dict:
    """A document found by its number (the QR code's visit): its signatures as stored."""
    stored = _stored(decision)
    signatures, intact, trusted = _signatures(stored) if stored is not None else ([], False, False)
    return {**_described(decision), "signatures": signatures, "intact": intact, "trusted": trusted}


def _stored(decision) -> bytes | None:
    try:
        with decision.pdf.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def verify_decision(*, number: str, data: bytes | None, sha256: str) -> dict:
    """``status`` is "valid" (the file or hash is the signed one and its signature verifies),
    "exists" (number alone: the signed documents with that number, asking for the file to compare),
    or "invalid" with a reason."""
    decisions = decisions_signed_by_number(number=number)
    if not decisions:
        return {"status": "invalid", "valid": False, "reason": _("Không có quyết định đã ký mang số này.")}
    sha256 = (sha256 or "").strip().lower()
    if data is None and not sha256:
        return {"status": "exists", "valid": False, "matches": [_with_signatures(d) for d in decisions]}
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        match = next((d for d in decisions if d.sha256 == digest), None)
        signatures, intact, trusted = _signatures(data)
        if match is None or not intact:
            return {
                "status": "invalid",
                "valid": False,
                "signatures": signatures,
                "reason": _("Tệp không đúng bản đã ký (đã bị thay đổi hoặc không phải quyết định này)."),
            }
    else:
        match = next((d for d in decisions if SHA.match(sha256) and d.sha256 == sha256), None)
        if match is None:
            return {"status": "invalid", "valid": False, "reason": _("Mã SHA-256 không khớp với bản đã ký.")}
        stored = _stored(match)
        signatures, intact, trusted = _signatures(stored) if stored is not None else ([], False, False)
    return {
        "status": "valid",
        "valid": True,
        "intact": intact,
        "trusted": trusted,
        "signatures": signatures,
        **_described(match),
    }
