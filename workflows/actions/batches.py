"""Submitting a batch (one tờ trình, many nominees): what can be submitted is, the rest is told.

The letter goes up with every entry that is ready; an entry the unit withdrew is skipped, one
already submitted is left alone, and one that cannot go (a document missing, the window closed)
is listed by its row in the batch's file and its identity number, with the reason. Each submitted
dossier then moves through its own flow, started through the door like a dossier submitted alone.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations import services
from nominations.audit import appended_at_end
from nominations.exceptions import DossierChanged, InvalidInput, NotPermitted
from nominations.models import Batch, Nomination
from nominations.policy import documents
from nominations.policy.permissions import can_edit_batch

from .door import RACE_ERRORS, start_process

S = Nomination.Status


class BatchSubmission(list):
    """The nominations submitted now (a list, as before), with what was not and why.

    ``refused``: entries that could not be submitted; ``skipped``: entries withdrawn or already
    submitted. Each item: {"nomination", "row", "citizen_id", "name", "reason"}.
    """

    def __init__(self, submitted=(), *, refused=(), skipped=()):
        super().__init__(submitted)
        self.refused = list(refused)
        self.skipped = list(skipped)


def _line(nomination: Nomination, reason: str) -> dict:
    return {
        "nomination": nomination.pk,
        "row": nomination.batch_row,
        "citizen_id": nomination.nominee_citizen_id,
        "name": nomination.nominee_name,
        "reason": str(reason),
    }


def describe(line: dict) -> str:
    """One line of what was not submitted, as the batch page and the message say it."""
    where = (_("Dòng %(row)s") % {"row": line["row"]} if line["row"] else _("Thêm trực tiếp")) + (
        f" · CCCD {line['citizen_id']}" if line["citizen_id"] else ""
    )
    return f"{where} · {line['name']}: {line['reason']}"


def submit_batch(*, user, batch_id: int, ip: str | None = None) -> BatchSubmission:
    """Every entry checked first (state, documents, the window), then the ready ones submitted in
    one transaction; if none is ready, nothing changes and the reasons are raised."""
    try:
        return _submit_ready(user=user, batch_id=batch_id, ip=ip)
    except RACE_ERRORS as exc:
        raise DossierChanged() from exc


def _submit_ready(*, user, batch_id, ip) -> BatchSubmission:
    with transaction.atomic(), appended_at_end():
        batch = Batch.objects.select_for_update().get(pk=batch_id)
        if not can_edit_batch(user, batch):
            raise NotPermitted()
        # Rows locked in id order: two submitters cannot deadlock.
        nominations = list(
            Nomination.objects.select_for_update(of=("self",))
            .filter(batch=batch)
            .select_related("award_type", "unit", "movement")
            .order_by("pk")
        )
        if not nominations:
            raise InvalidInput(_("Tờ trình chưa có đối tượng nào."))
        drafts = [n for n in nominations if n.status == S.DRAFT]
        skipped = [
            _line(
                n,
                _("đơn vị đã rút, không nộp")
                if n.status == S.WITHDRAWN
                else _("đã nộp trước đó (%(status)s)") % {"status": n.get_status_display().lower()},
            )
            for n in nominations
            if n.status != S.DRAFT
        ]
        # What each draft lacks, read for all of them at once.
        missing = documents.missing_documents_for(drafts)
        today = timezone.localdate()
        ready, refused = [], []
        for n in drafts:
            if missing.get(n.pk):
                labels = ", ".join(documents.document_kind_labels(missing[n.pk]))
                refused.append(_line(n, _("còn thiếu %(docs)s") % {"docs": labels}))
                continue
            closed = documents.submission_closed(n, today=today)
            if closed:
                refused.append(
                    _line(
                        n,
                        _("đã hết hạn nhận hồ sơ (%(what)s, hạn %(date)s)")
                        % {"what": closed[0], "date": closed[1].strftime("%d/%m/%Y")},
                    )
                )
                continue
            ready.append(n)
        if not ready:
            lines = [describe(line) for line in refused or skipped]
            raise InvalidInput(
                _("Chưa nộp được đối tượng nào của tờ trình: ") + "; ".join(lines) + ".",
                fields={"nominations": lines},
            )
        for nomination in ready:
            services.nomination_submit(nomination=nomination, actor=user, ip=ip)
            start_process(nomination)
        services.batch_mark_submitted(batch=batch, actor=user, ip=ip, nominations=ready)
    return BatchSubmission(ready, refused=refused, skipped=skipped)
