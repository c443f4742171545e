"""Opening an uploaded workbook for an import without letting its declared size cost memory.

openpyxl's read-only reader pads every row to the sheet's declared width: a 31 KB file whose
``<dimension>`` says ``A1:XFD20000`` (16,384 columns) made each of its 20,000 rows a 16,384-item
tuple, +504 MB for one request. Here the declared dimensions are read first (they cost nothing)
and refused beyond the template's width (plus a little room for stray formatted columns) or the row
limit, and rows are read at most that wide whatever the file declares, so an import's memory is
bounded by rows × the template's columns.
"""

import io

from django.utils.translation import gettext as _

# Columns allowed beyond the template's own (a user's stray notes, formatted empty columns).
SPARE_COLUMNS = 20


class WorkbookRefused(ValueError):
    """The workbook declares more than an import may read (the message says what and the limit)."""


def width_for(columns: int) -> int:
    return columns + SPARE_COLUMNS


def open_rows(content: bytes, *, columns: int, max_rows: int):
    """The active sheet's rows (values only, at most ``width_for(columns)`` wide), after refusing
    a sheet that declares more columns or rows than that. Raises ``WorkbookRefused``; any other
    error is the file's (unreadable)."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    width = width_for(columns)
    declared_columns, declared_rows = sheet.max_column or 0, sheet.max_row or 0
    if declared_columns > width:
        raise WorkbookRefused(
            _(
                "Tệp khai báo %(declared)s cột, nhiều hơn mẫu nhập (%(columns)s cột, cho phép tối đa %(width)s): hãy dùng tệp mẫu, chỉ giữ các cột của mẫu."
            )
            % {"declared": f"{declared_columns:,}".replace(",", "."), "columns": columns, "width": width}
        )
    if declared_rows > max_rows + 1:
        raise WorkbookRefused(
            _("Tệp khai báo %(declared)s dòng: tối đa %(limit)s dòng dữ liệu.")
            % {"declared": f"{declared_rows:,}".replace(",", "."), "limit": f"{max_rows:,}".replace(",", ".")}
        )
    return sheet.iter_rows(values_only=True, max_col=width)
