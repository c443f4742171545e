"""Every read a page or the API needs, scoped to what the user may see.

Scope is applied in SQL (never by filtering Python lists), so a page costs a
fixed number of queries whatever the number of rows, and another unit's
dossier simply is not found (404).
"""

import re
import unicodedata
from datetime import date

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exceptions import InvalidInput, InvalidState
from .models import (
    AdvancedExample,
    ApplicationPosting,
    AuditEvent,
    AwardRecord,
    AwardType,
    Batch,
    CertificateBlank,
    CitizenApplication,
    Cluster,
    ClusterMembership,
    Comment,
    Decision,
    DecisionLine,
    Document,
    Movement,
    MovementRequest,
    Nomination,
    PublicDisclosure,
    Registration,
    Role,
    SubmissionExtension,
    Unit,
    User,
)
from .policy.permissions import has_any_role, signing_statuses
from .policy.registration import nominee_registered, registration_due
from .policy.stages import PROVINCE_ROLES
from .text import normalize_search

S = Nomination.Status
MAX_SEARCH_LENGTH = 100


def nominations_visible_to(user) -> QuerySet[Nomination]:
    """The nominations ``user`` may see: own unit, own clusters, or province-wide after submission."""
    qs = Nomination.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    scope = Q(pk__in=[])
    if (user.has_role(Role.UNIT_CLERK) or user.has_role(Role.UNIT_HEAD)) and user.unit_id:
        scope |= Q(unit_id=user.unit_id)
    if user.has_role(Role.CLUSTER_REVIEWER):
        # A subquery, not a join: no duplicate rows, no DISTINCT on big lists.
        reviewed = Cluster.reviewers.through.objects.filter(user_id=user.pk).values("cluster_id")
        scope |= Q(cluster_id__in=reviewed)
    if any(user.has_role(r) for r in PROVINCE_ROLES):
        scope |= ~Q(status=S.DRAFT)
    return qs.filter(scope)


# Groups of statuses the list filters on (the dashboards link to them).
OPEN, FINISHED = "open", "finished"
STATUS_GROUPS = (
    (OPEN, gettext_lazy("Đang xử lý (đã nộp, chưa có kết quả)")),
    (FINISHED, gettext_lazy("Đã có kết quả (khen thưởng hoặc không)")),
)


def nomination_list(
    *,
    user,
    status: str | None = None,
    year: int | None = None,
    award_type: str | None = None,
    unit: int | None = None,
    cluster: int | None = None,
    movement: int | None = None,
    route: str | None = None,
    overdue: bool = False,
    search: str | None = None,
    month: tuple[int, int] | None = None,
) -> QuerySet[Nomination]:
    """Filtered, scoped list with what a list row shows, in one query."""
    qs = nominations_visible_to(user).select_related("unit", "award_type", "movement", "cluster")
    if status == OPEN:
        qs = qs.exclude(status__in=[Nomination.Status.DRAFT, *Nomination.FINAL_STATUSES])
    elif status == FINISHED:
        qs = qs.filter(status__in=[Nomination.Status.AWARDED, Nomination.Status.REJECTED])
    elif status:
        qs = qs.filter(status=status)
    if month:
        qs = qs.filter(status_changed_at__year=month[0], status_changed_at__month=month[1])
    if year:
        qs = qs.filter(year=year)
    if award_type:
        qs = qs.filter(award_type__code=award_type)
    if unit:
        qs = qs.filter(unit_id=unit)
    if cluster:
        qs = qs.filter(cluster_id=cluster)
    if movement:
        qs = qs.filter(movement_id=movement)
    if route:
        qs = qs.filter(route=route)
    if overdue:
        # The open task's due date, through the reverse relation (no engine import).
        qs = qs.filter(deadlines__closed_at__isnull=True, deadlines__due_at__lt=timezone.now())
    if search:
        key = normalize_search(search[:MAX_SEARCH_LENGTH])
        if key:
            # The matching units first (a small table), then unit_id = ANY(those ids): a literal
            # list keeps PostgreSQL's estimate honest (a subquery counted as half the table, so it
            # walked the list's order index over 500k rows); both sides of the OR use an index.
            units = list(Unit.objects.filter(name_search__contains=key).values_list("pk", flat=True)[:1000])
            match = Q(nominee_name_search__contains=key)
            qs = qs.filter(match | Q(unit_id__in=units) if units else match)
    return qs.order_by("-status_changed_at", "-id")


def nomination_for(*, user, pk: int) -> Nomination:
    """One nomination the user may see, or 404 (never a hint that it exists)."""
    return get_object_or_404(
        nominations_visible_to(user).select_related(
            "unit", "award_type", "movement", "cluster", "created_by"
        ),
        pk=pk,
    )


def nomination_documents(*, nomination: Nomination) -> QuerySet[Document]:
    return nomination.documents.select_related("uploaded_by").order_by("kind", "-uploaded_at")


def disclosure_for(*, pk) -> PublicDisclosure:
    return get_object_or_404(PublicDisclosure, pk=pk or 0)


def document_for(*, user, nomination_pk: int, document_pk: int) -> Document:
    nomination = nomination_for(user=user, pk=nomination_pk)
    return get_object_or_404(Document, pk=document_pk, nomination=nomination)


def nomination_comments(*, nomination: Nomination) -> QuerySet[Comment]:
    return nomination.comments.select_related("author").order_by("created_at", "id")


def nomination_timeline(*, nomination: Nomination) -> QuerySet[AuditEvent]:
    return nomination.audit_events.order_by("id")


def cluster_for(nomination: Nomination):
    """The cluster/block the nominating unit belongs to in the nomination's year."""
    membership = (
        ClusterMembership.objects.select_related("cluster")
        .filter(unit_id=nomination.unit_id, year=nomination.year)
        .first()
    )
    return membership.cluster if membership else None


def nomination_filter_choices(*, user) -> dict:
    """What the list's filters offer: catalog entries, and only the units the user can see."""
    return {
        "award_types": AwardType.objects.order_by("name").values_list("code", "name"),
        "movements": Movement.objects.order_by("name").values_list("pk", "name"),
        # EXISTS per unit (an index probe on (unit, status) each), not IN over every visible nomination.
        "units": Unit.objects.filter(Exists(nominations_visible_to(user).filter(unit_id=OuterRef("pk"))))
        .order_by("name")
        .values_list("pk", "name"),
        "clusters": Cluster.objects.order_by("-year", "name").values_list("pk", "name", "year"),
    }


def clusters_with(qs: QuerySet[Nomination]) -> list[tuple[int, str, int]]:
    """(id, name, year) of the clusters the given dossiers belong to, latest year first."""
    return list(
        Cluster.objects.filter(Exists(qs.filter(cluster_id=OuterRef("pk"))))
        .order_by("-year", "name")
        .values_list("pk", "name", "year")
    )


def nomination_disclosures(*, nomination: Nomination) -> QuerySet[PublicDisclosure]:
    return nomination.disclosures.prefetch_related("comments").order_by("-opens_on")


# --- the signature queue and decisions ---------------------------------------


def holding_document(*, nomination_id: int) -> Decision | None:
    """The signed, not yet issued document the dossier is a line of: it holds the dossier (no
    transition until the văn thư issues it or the signer recalls it)."""
    line = (
        DecisionLine.objects.filter(
            nomination_id=nomination_id, live=True, decision__status=Decision.Status.LEADER_SIGNED
        )
        .select_related("decision")
        .first()
    )
    return line.decision if line else None


def awaiting_signature(*, user, proposal: bool | None = False) -> QuerySet[Nomination]:
    """What waits for this user's signature, oldest first: the Chairman's office's decisions
    (``proposal=False``), its proposals to the central level (``True``) or both (``None``);
    a unit head's own unit's titles."""
    statuses = (
        signing_statuses(user) + signing_statuses(user, proposal=True)
        if proposal is None
        else signing_statuses(user, proposal=proposal)
    )
    return (
        nominations_visible_to(user)
        .filter(status__in=statuses)
        # Signed, waiting for the văn thư to issue: no longer the signer's to sign again.
        .exclude(decision_lines__decision__status=Decision.Status.LEADER_SIGNED)
        .select_related("unit", "award_type", "movement")
        .order_by("status_changed_at", "id")
    )


def awaiting_signature_groups(*, user, proposal: bool | None = False) -> list[dict]:
    """Counts by award type and movement, with the oldest waiting date of each group."""
    return list(
        awaiting_signature(user=user, proposal=proposal)
        .order_by()
        .values("award_type__code", "award_type__name", "movement_id", "movement__name")
        .annotate(count=Count("id"), since=Min("status_changed_at"))
        .order_by("award_type__name", "movement__name")
    )


def decision_candidates(*, user, nomination_ids, kind: str = Decision.Kind.DECISION) -> list[Nomination]:
    """The chosen nominations, all still waiting for the same signature and visible, in decision order."""
    try:
        ids = sorted({int(i) for i in nomination_ids})
    except (TypeError, ValueError) as exc:
        raise InvalidInput(_("Danh sách hồ sơ không hợp lệ.")) from exc
    if not ids:
        raise InvalidInput(_("Hãy chọn ít nhất một hồ sơ."))
    chosen = list(
        awaiting_signature(user=user, proposal=kind == Decision.Kind.PROPOSAL)
        .filter(pk__in=ids)
        .select_related("unit", "award_type")
        .prefetch_related("award_type__coefficients")
        .order_by("award_type__name", "nominee_name")
    )
    if len(chosen) != len(ids) or len({n.status for n in chosen}) > 1:
        raise InvalidState(
            _("Có hồ sơ không còn ở trạng thái chờ ký (vừa được trả lại hoặc đã ký). Vui lòng chọn lại.")
        )
    return chosen


def leaders() -> QuerySet:
    """Who may sign a provincial decision."""
    from .models import User

    return User.objects.filter(groups__name=Role.LEADER, is_active=True).order_by("full_name")


def decisions_list(*, user=None, kind: str | None = None) -> QuerySet[Decision]:
    """Decisions (or proposals) the user may read: the province's readers see all, a unit head
    their own unit's register; without a user, all (for internal reads)."""
    qs = Decision.objects.select_related("signer", "unit").prefetch_related("lines__award_type")
    if kind:
        qs = qs.filter(kind=kind)
    if user is not None and not has_any_role(user, *PROVINCE_ROLES):
        if has_any_role(user, Role.CLERK_OFFICE):
            # The văn thư: the province's documents (Văn phòng UBND tỉnh), or their own unit's register.
            qs = qs.filter(unit_id=user.unit_id) if _unit_office(user) else qs.filter(unit__isnull=True)
        elif user.unit_id and has_any_role(user, Role.UNIT_HEAD, Role.UNIT_CLERK):
            # A unit reads its own register (its head), and every issued document that names one
            # of its people: the decision that awarded them, the letter that proposed them.
            own = Q(unit_id=user.unit_id) if has_any_role(user, Role.UNIT_HEAD) else Q(pk__in=[])
            names_its_people = Exists(
                DecisionLine.objects.filter(decision=OuterRef("pk"), nomination__unit_id=user.unit_id)
            )
            qs = qs.filter(own | (Q(status=Decision.Status.SIGNED) & names_its_people))
        else:
            qs = qs.none()
    return qs.order_by("-created_at")


def decisions_filtered(
    qs: QuerySet[Decision],
    *,
    q: str = "",
    issuer: str = "",
    signer: int | None = None,
    status: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet[Decision]:
    """The decisions list's filters: the issuer ("province" or a unit's id), the signer, the status,
    the period (decision date, or creation for a draft) and a search by number ("8/qd-ubnd",
    "08/QĐ-UBND": the number's own register only) or by an awardee's name or the subject."""
    if issuer == "province":
        qs = qs.filter(unit__isnull=True)
    elif issuer.isdigit():
        qs = qs.filter(unit_id=int(issuer))
    if signer:
        qs = qs.filter(signer_id=signer)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(
            Q(decision_date__gte=date_from) | Q(decision_date__isnull=True, created_at__date__gte=date_from)
        )
    if date_to:
        qs = qs.filter(
            Q(decision_date__lte=date_to) | Q(decision_date__isnull=True, created_at__date__lte=date_to)
        )
    q = (q or "").strip()
    if not q:
        return qs
    lead = re.match(r"0*(\d+)\s*/", q)
    if lead:
        key = _number_key(q)
        candidates = qs.filter(number__startswith=f"{int(lead.group(1))}/").values_list("pk", "number")
        return qs.filter(pk__in=[pk for pk, number in candidates if _number_key(number).startswith(key)])
    words = normalize_search(q)
    names = DecisionLine.objects.filter(
        decision=OuterRef("pk"), nomination__nominee_name_search__contains=words
    )
    return qs.filter(Q(Exists(names)) | Q(title__icontains=q) | Q(number__iexact=q))


def decision_signers(qs: QuerySet[Decision]):
    """The people who signed the decisions a reader sees (the list's signer filter)."""
    return User.objects.filter(pk__in=qs.exclude(signer__isnull=True).values("signer_id")).order_by(
        "full_name"
    )


def decision_issuers(qs: QuerySet[Decision]) -> list[tuple[str, str]]:
    """("province", "UBND tỉnh") and each unit with a register among the decisions a reader sees."""
    units = Unit.objects.filter(pk__in=qs.exclude(unit__isnull=True).values("unit_id")).order_by("name")
    choices = [("province", _("Ủy ban nhân dân tỉnh"))] if qs.filter(unit__isnull=True).exists() else []
    return choices + [(str(u.pk), u.name) for u in units]


def _unit_office(user) -> bool:
    """A văn thư of a unit (its own register), not of the provincial People's Committee's office
    (no unit, or the province itself)."""
    return bool(user.unit_id and user.unit.kind != user.unit.Kind.PROVINCE)


def awaiting_issuance(*, user) -> QuerySet[Decision]:
    """The văn thư's queue: documents signed, not yet numbered and issued, in their scope."""
    return decisions_list(user=user).filter(status=Decision.Status.LEADER_SIGNED).order_by("signed_at")


ISSUANCE_SORTS = {"oldest": ("signed_at", "pk"), "newest": ("-signed_at", "-pk")}


def awaiting_issuance_filtered(
    qs: QuerySet[Decision],
    *,
    q: str = "",
    kind: str = "",
    award_type: str = "",
    unit: int | None = None,
    sort: str = "oldest",
) -> QuerySet[Decision]:
    """The văn thư's queue narrowed: by subject, an awardee's name (accent-insensitive) or a
    number; by kind (decision or proposal letter); by an award or a unit named in its lines;
    longest waiting first (the order of signing) or newest signed first."""
    if kind in Decision.Kind.values:
        qs = qs.filter(kind=kind)
    if award_type:
        qs = qs.filter(
            Exists(DecisionLine.objects.filter(decision=OuterRef("pk"), award_type__code=award_type))
        )
    if unit:
        qs = qs.filter(
            Q(unit_id=unit)
            | Exists(DecisionLine.objects.filter(decision=OuterRef("pk"), nomination__unit_id=unit))
        )
    qs = decisions_filtered(qs, q=(q or "")[:MAX_SEARCH_LENGTH])
    return qs.order_by(*ISSUANCE_SORTS.get(sort, ISSUANCE_SORTS["oldest"]))


def awaiting_issuance_choices(qs: QuerySet[Decision]) -> dict:
    """What the văn thư's filters offer: the awards and the units the waiting documents name."""
    lines = DecisionLine.objects.filter(decision__in=qs.order_by().values("pk"))
    return {
        "award_types": AwardType.objects.filter(pk__in=lines.values("award_type_id"))
        .order_by("name")
        .values_list("code", "name"),
        "units": Unit.objects.filter(pk__in=lines.values("nomination__unit_id"))
        .order_by("name")
        .values_list("pk", "name"),
    }


def decision_lines(*, decision: Decision):
    return decision.lines.select_related("award_type", "nomination").order_by("position")


def certificate_lines(*, decision: Decision, user):
    """The lines whose certificates this reader may print: all of them for the province's readers
    and the issuing unit; a unit named in another's decision, its own people's only."""
    lines = decision_lines(decision=decision).select_related("nomination__movement")
    if (
        has_any_role(user, *PROVINCE_ROLES)
        or has_any_role(user, Role.CLERK_OFFICE)
        and not _unit_office(user)
    ):
        return lines
    if (
        decision.unit_id
        and decision.unit_id == user.unit_id
        and has_any_role(user, Role.UNIT_HEAD, Role.CLERK_OFFICE)
    ):
        return lines
    return lines.filter(nomination__unit_id=user.unit_id) if user.unit_id else lines.none()


def certificate_blanks(*, decision: Decision, award_type_ids) -> dict:
    """The active pre-printed blank (phôi) of the decision's issuer for each award, by award id:
    a unit's own blanks for its decisions, the province's for the province's."""
    blanks = (
        CertificateBlank.objects.filter(active=True, award_type_id__in=set(award_type_ids))
        .filter(Q(issuer_id=decision.unit_id) if decision.unit_id else Q(issuer__isnull=True))
        .prefetch_related("fields")
    )
    return {blank.award_type_id: blank for blank in blanks}


def _number_key(number: str) -> str:
    """A document number as people type it, reduced to what tells numbers apart: no spaces, no
    case, no accents ("QD" for "QĐ"), no leading zeros ("08/QĐ-UBND" is 8/QĐ-UBND)."""
    text = "".join((number or "").split()).casefold().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"^0+(?=\d)", "", text)


def decisions_signed_by_number(*, number: str) -> list[Decision]:
    """Signed decisions and letters bearing this number, ignoring case and spacing ("12 / qđ-ubnd").

    A number is unique only within its register: the province's "1/QĐ-UBND" and a commune's are two
    documents, so every match is returned (issuer first, then date)."""
    key = _number_key(number)
    lead = re.match(r"\d+", key)
    if not lead:
        return []
    candidates = Decision.objects.filter(
        number__startswith=f"{int(lead.group())}/", status=Decision.Status.SIGNED
    ).select_related("signer", "unit")
    return sorted(
        (d for d in candidates if _number_key(d.number) == key),
        key=lambda d: (d.unit_id is not None, d.signed_at),
    )


# --- public pages --------------------------------------------------------------


def published_awards(
    *, search: str = "", year: int | None = None, award_type: str = "", unit: int | None = None
) -> QuerySet[AwardRecord]:
    """Awards of signed, not cancelled decisions: what the public may see (no personal data)."""
    qs = (
        AwardRecord.objects.filter(revoked=False, decision__status=Decision.Status.SIGNED)
        .select_related("unit", "award_type", "decision")
        .order_by("-decision_date", "nominee_name")
    )
    key = normalize_search((search or "")[:MAX_SEARCH_LENGTH])
    if key:
        qs = qs.filter(nominee_name_search__contains=key)
    if year:
        qs = qs.filter(year=year)
    if award_type:
        qs = qs.filter(award_type__code=award_type.replace("\x00", "")[:40])
    if unit:
        qs = qs.filter(unit_id=unit)
    return qs


def award_type_choices():
    return AwardType.objects.order_by("name").values_list("code", "name")


def disclosures_open(*, today=None) -> QuerySet[PublicDisclosure]:
    today = today or timezone.localdate()
    return PublicDisclosure.objects.filter(opens_on__lte=today, closes_on__gte=today).select_related(
        "nomination__unit", "nomination__award_type"
    )


# --- batches and extensions ----------------------------------------------------


def batches_of(*, user) -> QuerySet[Batch]:
    qs = Batch.objects.all() if user.is_superuser else Batch.objects.filter(unit_id=user.unit_id)
    return qs.order_by("-created_at")


def batch_nominations(*, batch: Batch) -> QuerySet[Nomination]:
    return batch.nominations.select_related("award_type").order_by("pk")


def batch_documents(*, batch: Batch) -> QuerySet[Document]:
    return batch.documents.filter(nomination__isnull=True).order_by("-uploaded_at")


def extensions_list() -> QuerySet[SubmissionExtension]:
    return SubmissionExtension.objects.select_related("unit", "award_type", "movement", "granted_by")


def unit_dossiers(
    *, user, search: str = "", award_type: str = "", status: str = "", year: int | None = None
) -> QuerySet[Nomination]:
    """The clerk's own unit's dossiers, newest change first, with the last return's comment;
    narrowed by the nominee's name (accent-insensitive), identity number or dossier number, the
    award, the status and the year."""
    from django.db.models import Case, OuterRef, Subquery, Value, When

    qs = nominations_visible_to(user).filter(unit_id=user.unit_id)
    text = (search or "").strip()[:MAX_SEARCH_LENGTH]
    if text:
        key = normalize_search(text)
        match = Q(nominee_name_search__contains=key) if key else Q(pk__in=[])
        if text.isdigit():
            match |= Q(nominee_citizen_id=text)
            if len(text) < 12:
                match |= Q(pk=int(text))
        qs = qs.filter(match)
    if award_type:
        qs = qs.filter(award_type__code=award_type)
    if status in Nomination.Status.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    last_return = Comment.objects.filter(nomination=OuterRef("pk"), kind=Comment.Kind.RETURN).order_by(
        "-created_at"
    )
    return (
        qs.select_related("award_type")
        .annotate(return_comment=Subquery(last_return.values("body")[:1]))
        # What the clerk must act on first (returned, then their drafts), then newest change first;
        # stable pages.
        .order_by(
            Case(
                When(status=S.RETURNED, then=Value(0)), When(status=S.DRAFT, then=Value(1)), default=Value(2)
            ),
            "-status_changed_at",
            "-id",
        )
    )


# --- citizens' applications (Huy chương TNXP vẻ vang) ---------------------------------------

APPLICATION_STAFF = (Role.UNIT_CLERK, Role.UNIT_HEAD)


def application_communes() -> QuerySet[Unit]:
    """The communes an applicant may choose: those in force today."""
    today = timezone.localdate()
    return (
        Unit.objects.filter(kind=Unit.Kind.COMMUNE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("name")
    )


def application_tracked(*, code: str, identity_number: str) -> CitizenApplication | None:
    """The applicant's own case, by its code and the applicant's identity number together; None for
    any wrong pair (no hint which part is wrong)."""
    code, identity_number = (code or "").strip().upper()[:20], (identity_number or "").strip()[:12]
    if not code or not identity_number:
        return None
    return (
        CitizenApplication.objects.select_related("commune", "posting", "meeting", "letter", "nomination")
        .filter(code=code, applicant_identity=identity_number)
        .first()
    )


def applications_visible_to(user) -> QuerySet[CitizenApplication]:
    """A commune's clerk and Chairman see the applications filed with their commune; the province's
    roles see those sent up; nobody else any."""
    qs = CitizenApplication.objects.select_related("commune", "nomination")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    scope = Q(pk__in=[])
    if has_any_role(user, *APPLICATION_STAFF) and user.unit_id and user.unit.kind == Unit.Kind.COMMUNE:
        scope |= Q(commune_id=user.unit_id)
    if has_any_role(user, *PROVINCE_ROLES):
        scope |= Q(nomination__isnull=False)
    return qs.filter(scope)


def postings_open() -> QuerySet[ApplicationPosting]:
    """The communes' lists posted today, for the public page."""
    today = timezone.localdate()
    return (
        ApplicationPosting.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .select_related("commune")
        .prefetch_related("applications")
        .order_by("commune__name", "-opens_on")
    )


def posting_for(*, pk) -> ApplicationPosting | None:
    return ApplicationPosting.objects.filter(pk=pk).first() if pk else None


def application_counts_by_commune(user, *, today=None) -> list[dict]:
    """Per commune: cases at the commune, of which past the commune's due date, sent up, awarded,
    refused. Counts only (no person): the commune's staff see their own, the province every commune."""
    today = today or timezone.localdate()
    qs = CitizenApplication.objects.all()
    if not user.is_superuser and not has_any_role(user, *PROVINCE_ROLES):
        if not (has_any_role(user, *APPLICATION_STAFF) and user.unit_id):
            return []
        qs = qs.filter(commune_id=user.unit_id)
    A = CitizenApplication.Status
    at_commune = [A.FILED, A.RETURNED, A.RESUBMITTED, A.COMPLETE, A.POSTED, A.REVIEWED]
    rows = (
        qs.values("commune__name")
        .annotate(
            at_commune=Count("pk", filter=Q(status__in=at_commune)),
            overdue=Count("pk", filter=Q(status__in=at_commune, commune_due_on__lt=today)),
            sent_up=Count("pk", filter=Q(status=A.SENT_UP)),
            province_overdue=Count("pk", filter=Q(status=A.SENT_UP, province_due_on__lt=today)),
            awarded=Count("pk", filter=Q(status=A.AWARDED)),
            refused=Count("pk", filter=Q(status__in=[A.REFUSED, A.NOT_AWARDED])),
        )
        .order_by("commune__name")
    )
    return list(rows)


# --- the emulation year: movements, what they ask of units, registrations -------------------------


def sees_all_movements(user) -> bool:
    """The Standing agency and the province's roles see every movement, request and registration."""
    return has_any_role(user, *PROVINCE_ROLES)


def _own_units(user) -> Q:
    """A unit's own rows; a cluster's head also its members' (this year's clusters or any year's)."""
    scope = Q(unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if has_any_role(user, Role.CLUSTER_REVIEWER):
        scope |= Q(unit_id__in=ClusterMembership.objects.filter(cluster__reviewers=user).values("unit_id"))
    return scope


def movements_visible_to(user) -> QuerySet[Movement]:
    """Every movement for the province; a unit the launched ones it takes part in."""
    if sees_all_movements(user):
        return Movement.objects.all()
    if not user.is_authenticated:
        return Movement.objects.none()
    units = MovementRequest.objects.filter(_own_units(user)).values("movement_id")
    return Movement.objects.filter(pk__in=units)


def movement_requests_visible_to(user, *, unit_id: int | None = None) -> QuerySet[MovementRequest]:
    qs = MovementRequest.objects.select_related("movement", "unit", "milestone")
    if not sees_all_movements(user):
        if not user.is_authenticated:
            return qs.none()
        qs = qs.filter(_own_units(user))
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return qs


def registrations_visible_to(user) -> QuerySet[Registration]:
    qs = Registration.objects.select_related("unit").prefetch_related("titles", "entries__title")
    if sees_all_movements(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(_own_units(user))


def movement_board(*, movement: Movement) -> dict:
    """The Standing agency's view of one movement: per request kind and milestone, how many were
    received, accepted, returned, open and overdue (open past the due date)."""
    today = timezone.localdate()
    rows = (
        movement.requests.values("kind", "milestone_id")
        .annotate(
            total=Count("pk"),
            received=Count("pk", filter=Q(status__in=["submitted", "accepted"])),
            accepted=Count("pk", filter=Q(status="accepted")),
            returned=Count("pk", filter=Q(status="returned")),
            open=Count("pk", filter=Q(status="open")),
            overdue=Count("pk", filter=Q(status__in=["open", "returned"], due_date__lt=today)),
        )
        .order_by("milestone_id", "kind")
    )
    return {(r["kind"], r["milestone_id"]): r for r in rows}


def registration_rollup(*, year: int) -> list[dict]:
    """Registrations of a year by unit: status, people registered per title, late or missing."""
    rows = []
    for r in Registration.objects.filter(year=year).select_related("unit").annotate(people=Count("entries")):
        rows.append(
            {"registration": r, "unit": r.unit, "status": r.status, "people": r.people, "late": r.late}
        )
    return rows


__all__ = ["nominee_registered"]  # read by the API's dossier (a selector as the others)


def registration_due_of(year: int):
    return registration_due(year)


def units_without_registration(*, user, year: int) -> list:
    """The units that have not sent their registration for ``year`` (none, or still a draft): every
    unit in force that year for the province's roles, the user's own unit otherwise."""
    day_from, day_to = date(year, 1, 1), date(year, 12, 31)
    sent = Registration.objects.filter(year=year).exclude(status=Registration.Status.DRAFT).values("unit_id")
    units = Unit.objects.exclude(kind=Unit.Kind.PROVINCE).exclude(pk__in=sent)
    units = units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day_to)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day_from)
    )
    if not sees_all_movements(user):
        units = units.filter(pk=user.unit_id) if user.unit_id else units.none()
    return list(units.order_by("name")[:500])


def published_examples():
    """The recognised advanced examples, newest first: what the public site shows."""
    return (
        AdvancedExample.objects.filter(status=AdvancedExample.Status.ACCEPTED)
        .select_related("unit", "movement")
        .order_by("-accepted_at", "name")
    )
