"""Reports of the statistical circular and for the leadership: periods, forms, summaries, files.

Reads only; every figure is one aggregate query (no loop over nominations in Python)."""

from .forms import FORMS, FormReport, build_form
from .period import (
    Period,
    calendar_year,
    current_reporting_year,
    default_period,
    first_half,
    parse_period,
    reporting_year,
)
from .summary import DIMENSIONS, parse_group_by, summary

__all__ = [
    "DIMENSIONS",
    "FORMS",
    "FormReport",
    "Period",
    "build_form",
    "calendar_year",
    "current_reporting_year",
    "default_period",
    "first_half",
    "parse_group_by",
    "parse_period",
    "reporting_year",
    "summary",
]
