"""A small workbook that declares a huge sheet (issue 31, item 5): ``<dimension ref="A1:XFD20000"/>``
over 20,000 short rows, about 30 KB; openpyxl's read-only reader pads every row to 16,384 cells.
Used by the tests and by ``scripts/reprobe_security.py``."""

import io
import re
import zipfile

RSS_PROBE = """
import resource, sys, os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from nominations.services.imports import ImportFileError, UNIT_COLUMNS, read_rows
content = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_rows(SimpleUploadedFile("bom.xlsx", content), UNIT_COLUMNS)
    outcome = "read"
except ImportFileError as exc:
    outcome = "refused: " + str(exc)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) // 1024, after // 1024, outcome)
"""


def width_bomb(header: list[str], rows: int = 20_000, declared: str = "A1:XFD20000") -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for i in range(rows):
        sheet.append([f"U{i % 10}", "x"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension ref=\"[^\"]+\"\s*/>", b"", data)
                data = data.replace(b"<sheetData>", f'<dimension ref="{declared}"/><sheetData>'.encode(), 1)
            target.writestr(name, data)
    return out.getvalue()
