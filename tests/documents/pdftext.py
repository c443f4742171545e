"""A document as a reader gets it: the text of its pages, and what its form fields print.

pypdf (a Python library, so the tests need no poppler) extracts each page's text; the number, the
date and the annex's reference of a document signed before the văn thư numbered it are form fields
filled at issuance, drawn by their appearance rather than the page, so their values are read too,
in the page's order. Whitespace is normalised: the comparison is about words, not line breaks.
"""

import io
import re

from pypdf import PdfReader

# Field names as signing.py gives them, and how the text below names them.
FIELDS = {
    "SoKyHieu": "ô số",
    "DiaDanhNgayThang": "ô ngày",
    "KemTheoVanBan": "ô kèm theo",
}


def normalise(text: str) -> str:
    return " ".join(text.split())


def page_texts(data: bytes) -> list[str]:
    """Each page's text (normalised), with its filled text fields as "[ô số: Số: 8/QĐ-UBND]"."""
    reader = PdfReader(io.BytesIO(data))
    out = []
    for page in reader.pages:
        parts = [page.extract_text() or ""]
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            name = str(widget.get("/T", ""))
            if name in FIELDS and widget.get("/V"):
                parts.append(f"[{FIELDS[name]}: {widget['/V']}]")
        out.append(normalise(" ".join(parts)))
    return out


def document_text(data: bytes) -> str:
    """The whole document, a page per paragraph ("--- trang N ---" between them)."""
    return "\n".join(f"--- trang {n} ---\n{text}" for n, text in enumerate(page_texts(data), start=1))


def title_of(data: bytes) -> str:
    return str(PdfReader(io.BytesIO(data)).metadata.get("/Title", ""))


def with_values(expected: str, values: dict) -> str:
    """The expected text with what changes from run to run (today's date, the number the register
    gives) put in: ``{ngay}`` and the like."""
    for key, value in values.items():
        expected = expected.replace("{" + key + "}", value)
    return normalise_lines(expected)


def normalise_lines(text: str) -> str:
    return "\n".join(normalise(line) for line in text.strip().splitlines() if line.strip())


def placeholders(text: str, values: dict) -> str:
    """The inverse, to write an expected file from a checked rendering."""
    for key, value in sorted(values.items(), key=lambda item: -len(item[1])):
        text = text.replace(value, "{" + key + "}")
    return text


WORD = re.compile(r"\w+")
