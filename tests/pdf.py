"""A document's text as a reader sees it, read by pypdf (requirements-dev.txt).

The suite reads PDFs with a Python library so that it needs no system tool: poppler's
``pdftotext`` is not there on a fresh machine. Only the outside validator (``pdfsig``) and the
renderer (``pdftoppm``) stay poppler's, each test skipping with its reason when they are absent.
"""

import io

from pypdf import PdfReader
from pypdf.generic import StreamObject

HIDDEN = 1 << 1  # an annotation's "Hidden" flag (PDF 32000-1, 12.5.3)


def _shown_fields(page) -> list[str]:
    """The text drawn by the page's visible annotations (the number and date filled in at issuance,
    the signature stamps): their normal appearance, which a viewer prints over the page."""
    texts = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        if int(annotation.get("/F", 0)) & HIDDEN:
            continue
        appearance = (annotation.get("/AP") or {}).get("/N")
        appearance = appearance.get_object() if appearance is not None else None
        if isinstance(appearance, StreamObject):
            texts.append(page.extract_xform_text(appearance))
    return texts


def pdf_text(data: bytes) -> str:
    """Every page's text, then what its filled fields show; runs of white space (line and column
    breaks) read as one space."""
    reader = PdfReader(io.BytesIO(data))
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text() or "")
        parts.extend(_shown_fields(page))
    return " ".join(" ".join(parts).split())
