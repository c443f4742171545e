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


# A meeting's minutes count as the dossier's "Biên bản họp xét": one file for every dossier it decided.
MINUTES_KIND = DocumentKind.BIEN_BAN


def vote_documents(nomination: Nomination) -> list[str]:
    """The kinds asked for when the council's vote on this dossier is recorded (catalog data)."""
    return list(nomination.award_type.vote_documents or [])


def present_kinds_for(nominations) -> dict[int, set[str]]:
    """Each dossier's current document kinds, in three reads for any number of dossiers: its own
    files, its batch's letter, and the minutes of any meeting it is linked to."""
    nominations = list(nominations)
    present = {n.pk: set() for n in nominations}
    if not nominations:
        return present
    ids = list(present)
    for nomination_id, kind in (
        Document.objects.filter(nomination_id__in=ids, superseded=False)
        .values_list("nomination_id", "kind")
        .distinct()
    ):
        present[nomination_id].add(kind)
    batches = {n.batch_id for n in nominations if n.batch_id}
    if batches:
        by_batch = {}
        for batch_id, kind in (
            Document.objects.filter(batch_id__in=batches, nomination__isnull=True, superseded=False)
            .values_list("batch_id", "kind")
            .distinct()
        ):
            by_batch.setdefault(batch_id, set()).add(kind)
        for n in nominations:
            present[n.pk] |= by_batch.get(n.batch_id, set())
    with_minutes = Nomination.meetings.through.objects.filter(
        nomination_id__in=ids,
        councilmeeting__documents__superseded=False,
        councilmeeting__documents__nomination__isnull=True,
    ).values_list("nomination_id", flat=True)
    for nomination_id in set(with_minutes):
        present[nomination_id].add(MINUTES_KIND)
    return present


def missing_documents_for(nominations) -> dict[int, list[str]]:
    """Each dossier's required kinds (at submission) with no current document."""
    nominations = list(nominations)
    present = present_kinds_for(nominations)
    return {n.pk: [k for k in required_documents(n) if k not in present[n.pk]] for n in nominations}


def missing_documents(nomination: Nomination) -> list[str]:
    """Required kinds with no current (non-superseded) document.

    A batch's own documents (its tờ trình) count for every nomination in it, and the minutes of a
    meeting the dossier is linked to count as its "Biên bản họp xét".
    """
    present = _present_kinds(nomination)
    return [kind for kind in required_documents(nomination) if kind not in present]


def _present_kinds(nomination: Nomination) -> set[str]:
    """One dossier's current kinds in one read (a submission checks them under its lock)."""
    owner = Q(nomination_id=nomination.pk) | Q(meeting__nominations=nomination.pk, nomination__isnull=True)
    if nomination.batch_id:
        owner |= Q(batch_id=nomination.batch_id, nomination__isnull=True)
    return set(Document.objects.filter(owner, superseded=False).values_list("kind", flat=True).distinct())


def missing_for_vote(nomination: Nomination, *, meeting=None) -> list[str]:
    """The kinds the vote still lacks; the meeting the vote is taken at brings its minutes."""
    wanted = vote_documents(nomination)
    if not wanted:
        return []
    present = _present_kinds(nomination)
    if meeting is not None and meeting.documents.filter(superseded=False, nomination__isnull=True).exists():
        present.add(MINUTES_KIND)
    return [k for k in wanted if k not in present]


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
