"""Dossier checks read from the award catalog (required documents)."""

from django.db.models import Q

from ..models import Document, DocumentKind, Nomination, Route


def required_documents(nomination: Nomination) -> list[str]:
    """The document kinds this dossier must hold, from the award type and route.

    Ad-hoc awards follow the simplified procedure: a submission letter and a
    short summary of the achievement instead of the full report and minutes.
    """
    if nomination.route == Route.AD_HOC:
        return [DocumentKind.TO_TRINH, DocumentKind.TOM_TAT_THANH_TICH]
    return list(nomination.award_type.required_documents or [])


def missing_documents(nomination: Nomination) -> list[str]:
    """Required kinds with no current (non-superseded) document.

    A batch's own documents (its tờ trình) count for every nomination in it.
    """
    owner = Q(nomination_id=nomination.pk)
    if nomination.batch_id:
        owner |= Q(batch_id=nomination.batch_id, nomination__isnull=True)
    present = set(Document.objects.filter(owner, superseded=False).values_list("kind", flat=True).distinct())
    return [kind for kind in required_documents(nomination) if kind not in present]


def document_kind_labels(kinds) -> list[str]:
    labels = dict(DocumentKind.choices)
    return [str(labels.get(k, k)) for k in kinds]


# The appraiser's checklist (thẩm định); recorded per dossier with the result.
APPRAISAL_CHECKLIST = (
    ("documents", "Đủ thành phần hồ sơ theo quy định"),
    ("criteria", "Đạt tiêu chuẩn của danh hiệu, hình thức khen thưởng"),
    ("no_discipline", "Không đang bị kỷ luật, thanh tra, khiếu nại chưa giải quyết"),
    ("authority", "Đúng thẩm quyền, đúng đối tượng, đúng thời gian"),
)


def submission_closed(nomination: Nomination, *, today) -> tuple[str, object] | None:
    """(what closed, closing date) if the window is shut for this unit today, else None.

    An award type or a movement may close; an extension granted to the unit
    for that award type or movement reopens it until its date.
    """
    from ..models import SubmissionExtension

    windows = []
    if nomination.award_type.submission_closes:
        windows.append(("award_type", nomination.award_type, nomination.award_type.submission_closes))
    if nomination.movement_id and nomination.movement.submission_closes:
        windows.append(("movement", nomination.movement, nomination.movement.submission_closes))
    for field, obj, closes in windows:
        if today <= closes:
            continue
        extended = SubmissionExtension.objects.filter(
            unit_id=nomination.unit_id, until__gte=today, **{field: obj}
        ).exists()
        if not extended:
            return (str(obj), closes)
    return None
