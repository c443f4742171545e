"""Accent-insensitive search keys for Vietnamese text."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_search(value: str) -> str:
    """Lower-case, strip diacritics (đ → d) and fold white space.

    "Nguyễn Văn An" and "nguyen  van an" give the same key, on SQLite and
    PostgreSQL alike, so search needs no database extension.
    """
    if not value:
        return ""
    value = value.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", value)
    # Drop combining marks (the accents), control characters (a NUL byte would make PostgreSQL
    # refuse the query) and invisible format characters (zero-width space and joiners, the BOM,
    # the soft hyphen: pasted from a word processor, "Nguyễn\u200bVăn" must still be found).
    stripped = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Cc", "Cf") or ch in " \t\n"
    )
    return _SPACES.sub(" ", stripped).strip().lower()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: str) -> str:
    """A file name's words: "Hình thức khen thưởng" → "hinh-thuc-khen-thuong", "3/BC-SNV" → "3-bc-snv"."""
    return _NOT_SLUG.sub("-", normalize_search(str(value or ""))).strip("-")
