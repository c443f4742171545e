"""The process diagram (viewflow's free chart module) with this dossier's steps marked."""

from django.utils.safestring import mark_safe
from viewflow.workflow import chart

from .flows import NominationFlow
from .models import NominationProcess


def process_svg(nomination_id: int) -> str | None:
    """SVG of the flow, done steps green and the waiting step blue; None before submission."""
    process_pk = (
        NominationProcess.objects.filter(nomination_id=nomination_id).values_list("pk", flat=True).first()
    )
    grid = chart.calc_layout_data(NominationFlow)
    if process_pk is None:
        return None
    chart.calc_cell_status(NominationFlow, grid, process_pk)
    # The SVG is produced by viewflow's own template from our node titles.
    return mark_safe(chart.grid_to_svg(grid))  # noqa: S308
