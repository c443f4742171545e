"""Submitting a batch: every nomination checked first, then each sent on its own way."""

from django.utils import timezone
from django.utils.translation import gettext as _

from nominations import rules
from nominations.exceptions import InvalidInput, NotPermitted
from nominations.models import Batch, Nomination

from . import actions


def submit_batch(*, user, batch_id: int, ip: str | None = None) -> list[Nomination]:
    """All or nothing on what can be checked beforehand (documents, state, scope);
    each nomination then moves through the flow independently."""
    batch = Batch.objects.get(pk=batch_id)
    if not (user.is_superuser or user.unit_id == batch.unit_id):
        raise NotPermitted()
    nominations = list(batch.nominations.select_related("award_type").order_by("pk"))
    if not nominations:
        raise InvalidInput(_("Tờ trình chưa có đối tượng nào."))
    problems = []
    for n in nominations:
        if n.status != Nomination.Status.DRAFT:
            problems.append(
                _("%(name)s: đã nộp hoặc không còn ở trạng thái soạn.") % {"name": n.nominee_name}
            )
            continue
        missing = rules.missing_documents(n)
        if missing:
            problems.append(
                _("%(name)s: còn thiếu %(docs)s.")
                % {"name": n.nominee_name, "docs": ", ".join(rules.document_kind_labels(missing))}
            )
    if problems:
        raise InvalidInput(
            _("Chưa nộp được tờ trình: ") + " ".join(problems), fields={"nominations": problems}
        )
    done = [actions.perform(user=user, nomination_id=n.pk, action="submit", ip=ip) for n in nominations]
    Batch.objects.filter(pk=batch.pk).update(submitted_at=timezone.now())
    return done
