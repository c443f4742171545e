"""The one way a value goes into a workbook cell: text is always text, never a formula.

A nominee's name, a return comment or a notification that starts with ``=``, ``+``, ``-`` or ``@``
(``=HYPERLINK(…)``, a DDE call) would otherwise be written as a live formula, and such text crosses
organisations (a unit's text lands in the province's workbook). openpyxl turns any string starting
with ``=`` into a formula; here every string is stored as a string cell (data type ``s``), and one
that starts with a formula character also carries Excel's quote prefix, so editing the cell in
Excel keeps it text. Every export writes through ``put`` (normal workbooks) or ``cell``
(write-only workbooks); a test reads every export back and finds no formula.
"""

from django.utils.functional import Promise
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

# What Excel (and LibreOffice, Sheets) read as the start of a formula when the cell is edited.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _text(value):
    return str(value) if isinstance(value, Promise) else value


def _as_text(cell, value) -> None:
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True


def put(ws, row: int, column: int, value):
    """Write ``value`` into the cell at (row, column) of a normal worksheet; return the cell."""
    value = _text(value)
    cell = ws.cell(row=row, column=column)
    if value is not None:  # as ``ws.cell(value=None)``: a merged cell's other parts take no value
        cell.value = value
        _as_text(cell, value)
    return cell


def cell(ws, value) -> Cell:
    """A cell of a write-only worksheet holding ``value`` (``ws.append([...])`` takes it)."""
    value = _text(value)
    written = WriteOnlyCell(ws, value=value)
    _as_text(written, value)
    return written


def row(ws, values) -> list[Cell]:
    """A whole row of a write-only worksheet, every value through ``cell``."""
    return [v if isinstance(v, Cell) else cell(ws, v) for v in values]
