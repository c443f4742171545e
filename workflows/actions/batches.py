"""Submitting a batch (one tờ trình, many nominees): all of them, or none."""

from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services
from nominations.audit import appended_at_end
from nominations.exceptions import DossierChanged, InvalidInput, NotPermitted
from nominations.models import Batch, Nomination
from nominations.policy import documents
from nominations.policy.permissions import can_edit_batch

from .door import RACE_ERRORS, start_process


def submit_batch(*, user, batch_id: int, ip: str | None = None) -> list[Nomination]:
    """Every nomination checked first (state, documents, scope), then all submitted in one
    transaction: a failure on any of them submits none. Each then moves through its own flow."""
    try:
        return _submit_all(user=user, batch_id=batch_id, ip=ip)
    except RACE_ERRORS as exc:
        raise DossierChanged() from exc


def _submit_all(*, user, batch_id, ip) -> list[Nomination]:
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
        problems = []
        for n in nominations:
            if n.status != Nomination.Status.DRAFT:
                problems.append(
                    _("%(name)s: đã nộp hoặc không còn ở trạng thái soạn.") % {"name": n.nominee_name}
                )
                continue
            missing = documents.missing_documents(n)
            if missing:
                problems.append(
                    _("%(name)s: còn thiếu %(docs)s.")
                    % {"name": n.nominee_name, "docs": ", ".join(documents.document_kind_labels(missing))}
                )
        if problems:
            raise InvalidInput(
                _("Chưa nộp được tờ trình: ") + " ".join(problems), fields={"nominations": problems}
            )
        for nomination in nominations:
            services.nomination_submit(nomination=nomination, actor=user, ip=ip)
            start_process(nomination)
        services.batch_mark_submitted(batch=batch, actor=user, ip=ip)
    return nominations
