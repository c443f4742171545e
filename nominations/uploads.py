"""Dossier files: type from content (not the name), size, safe name, SHA-256."""

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .exceptions import InvalidInput

ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    extension: str
    content_type: str
    size: int
    sha256: str
    safe_name: str


def sniff_type(head: bytes, content: bytes) -> str | None:
    """The file's real type from its magic bytes (and, for Office files, its parts)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    return None


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, extension: str) -> str:
    """Keep only the base name, ASCII-folded, with the extension of the real type."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = base.replace("đ", "d").replace("Đ", "D")
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _UNSAFE.sub("-", stem).strip(".-_")[:80] or "tai-lieu"
    return f"{stem}.{extension}"


def check_upload(uploaded, *, field: str = "file") -> CheckedFile:
    """Validate an uploaded file; raise InvalidInput with a Vietnamese reason, told on ``field``
    (the request's name for the file: ``file``, ``minutes``, ``evidence``)."""

    def refuse(message):
        raise InvalidInput(message, fields={field: message})

    name = getattr(uploaded, "name", "") or ""
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        refuse(_("Tên tệp không được chứa đường dẫn."))
    limit = settings.DOCUMENT_MAX_BYTES
    too_large = _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        refuse(too_large)
    content = uploaded.read(limit + 1)
    if not content:
        refuse(_("Tệp rỗng, không có nội dung."))
    if len(content) > limit:
        refuse(too_large)
    kind = sniff_type(content[:16], content)
    if kind is None:
        refuse(_("Định dạng tệp không được chấp nhận (nội dung không phải PDF, DOCX, XLSX, JPG hoặc PNG)."))
    return CheckedFile(
        content=content,
        extension=kind,
        content_type=ALLOWED[kind],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        safe_name=safe_filename(name, kind),
    )
