"""Large exports: asked for once, produced in the background, state and progress in the database.

- ``export_request``: the same request (who, what, which period, which day) is one row: a second
  click, or a second tab, gets the same export, never a second job.
- ``export_run``: claims the row atomically (queued, or running with a stale heartbeat), streams
  the rows to a workbook, touching the heartbeat and the progress as it goes; a second delivery
  of the same job finds the row claimed and does nothing. A worker killed mid-run leaves a stale
  heartbeat: the next delivery (or the screen, through ``export_is_stale``) runs it again from
  the start, and the file it stores replaces nothing but its own.
"""

import hashlib
import os
import tempfile
from datetime import date, timedelta

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import spreadsheet
from ..exceptions import InvalidInput
from ..models import ReportExport
from ..reports.period import Period

STALE_AFTER = timedelta(minutes=3)
PROGRESS_EVERY = 2000
KINDS = ("nominations",)


def export_request(*, actor, kind: str, period: Period) -> tuple[ReportExport, bool]:
    """The export of ``kind`` over ``period`` in ``actor``'s scope: existing, or new and queued."""
    if kind not in KINDS:
        raise InvalidInput(_("Không có loại báo cáo này."))
    today = timezone.localdate()
    raw = f"{actor.pk}|{kind}|{period.start}|{period.end}|{today}"
    key = hashlib.sha256(raw.encode()).hexdigest()
    export, created = ReportExport.objects.get_or_create(
        key=key,
        defaults={
            "requested_by": actor,
            "kind": kind,
            "params": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        },
    )
    if not created and export.status == ReportExport.Status.FAILED:
        # Asking again after a failure is a new attempt of the same export.
        ReportExport.objects.filter(pk=export.pk).update(
            status=ReportExport.Status.QUEUED, progress=0, rows_done=0, error="", heartbeat_at=None
        )
        export.refresh_from_db()
        created = True
    return export, created


def export_is_stale(export: ReportExport, *, now=None) -> bool:
    """Queued or running, but nobody has touched it for a while: its worker is gone."""
    now = now or timezone.now()
    if export.status == ReportExport.Status.RUNNING:
        return (export.heartbeat_at or export.created_at) < now - STALE_AFTER
    if export.status == ReportExport.Status.QUEUED:
        return export.created_at < now - STALE_AFTER
    return False


def _claim(export_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=ReportExport.Status.QUEUED) | Q(
        status=ReportExport.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER
    )
    return bool(
        ReportExport.objects.filter(claimable, pk=export_id).update(
            status=ReportExport.Status.RUNNING, started_at=now, heartbeat_at=now, progress=0, rows_done=0
        )
    )


def _nomination_rows(export: ReportExport):
    from ..reports.facts import nominations_in

    period = Period(date.fromisoformat(export.params["from"]), date.fromisoformat(export.params["to"]))
    return (
        nominations_in(period, export.requested_by)
        .order_by("pk")
        .values_list(
            "pk",
            "nominee_name",
            "nominee_kind",
            "unit__name",
            "award_type__name",
            "route",
            "status",
            "submitted_at",
        )
    )


def export_run(*, export_id: int) -> str:
    """Produce the export (idempotent: a claimed or finished export is left alone)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..models import Nomination, NomineeKind, Route

    if not _claim(export_id):
        return "skipped"
    export = ReportExport.objects.select_related("requested_by").get(pk=export_id)
    try:
        rows = _nomination_rows(export)
        total = rows.count()
        ReportExport.objects.filter(pk=export_id).update(rows_total=total)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(_("Hồ sơ"))
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        headers = [
            _("Mã hồ sơ"),
            _("Đối tượng"),
            _("Loại đối tượng"),
            _("Đơn vị"),
            _("Hình thức khen thưởng"),
            _("Loại hình"),
            _("Trạng thái"),
            _("Ngày nộp"),
        ]

        def header_cell(value):
            cell = spreadsheet.cell(ws, value)
            cell.font = bold
            return cell

        ws.append([header_cell(h) for h in headers])
        kinds, routes, statuses = (
            dict(NomineeKind.choices),
            dict(Route.choices),
            dict(Nomination.Status.choices),
        )
        done = 0
        for pk, name, kind, unit, award, route, status, submitted in rows.iterator(chunk_size=PROGRESS_EVERY):
            date_cell = spreadsheet.cell(ws, timezone.localtime(submitted).date() if submitted else None)
            date_cell.number_format = "dd/mm/yyyy"
            ws.append(
                spreadsheet.row(
                    ws,
                    [
                        pk,
                        name,
                        str(kinds.get(kind, kind)),
                        unit,
                        award,
                        str(routes.get(route, route)),
                        str(statuses.get(status, status)),
                        date_cell,
                    ],
                )
            )
            done += 1
            if done % PROGRESS_EVERY == 0:
                ReportExport.objects.filter(pk=export_id).update(
                    rows_done=done, progress=min(99, done * 100 // max(1, total)), heartbeat_at=timezone.now()
                )
        ws.append(spreadsheet.row(ws, [header_cell(_("Tổng số")), done]))
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        try:
            wb.save(path)
            with open(path, "rb") as stream, transaction.atomic():
                export = ReportExport.objects.select_for_update().get(pk=export_id)
                if export.file:
                    export.file.delete(save=False)
                export.file.save(
                    f"ho-so-{export.params['from']}-{export.params['to']}.xlsx", File(stream), save=False
                )
                export.status = ReportExport.Status.DONE
                export.progress = 100
                export.rows_done = done
                export.finished_at = timezone.now()
                export.heartbeat_at = export.finished_at
                export.save()
        finally:
            os.unlink(path)
    except Exception as exc:
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
        raise
    return "done"
