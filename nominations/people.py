"""People and collectives as records: a profile is a read over the history, not a table of its own.

A person is their identity number (số CCCD): every award record, initiative, service period,
assessment grade and dossier that carries it. A collective is its unit: the collective awards and
dossiers of that unit. Nothing is copied into a registry that could drift from the history the
eligibility rules read; the profile shows exactly what they read.

Scope: a unit (its clerks and head) sees the people who have a record or a dossier in the unit,
the Standing agency (appraisers, the agency head) everyone; anyone else finds no one (404).
"""

import base64
import hashlib
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .models import (
    AssessmentGrade,
    AwardRecord,
    DeclaredHistory,
    Initiative,
    Nomination,
    NomineeKind,
    Role,
    ServiceRecord,
    Unit,
)
from .text import normalize_search

MAX_RESULTS = 50
COLLECTIVE_PREFIX = "dv"
PERSON_PREFIX = "cn"


# A person's id in addresses and the API is their identity number sealed (deterministic
# authenticated encryption, AES-SIV, keyed from SECRET_KEY): stable, so a link or a stored id keeps
# working, but the number itself never appears in an address, a log line or a browser history,
# and a forged id opens nothing.
def _cipher() -> AESSIV:
    return AESSIV(hashlib.sha512(b"tdkt-people-id:" + settings.SECRET_KEY.encode()).digest())


def person_id(citizen_id: str) -> str:
    sealed = _cipher().encrypt(citizen_id.encode(), None)
    return PERSON_PREFIX + base64.urlsafe_b64encode(sealed).decode().rstrip("=")


def citizen_id_of(profile_id: str) -> str | None:
    if not profile_id.startswith(PERSON_PREFIX):
        return None
    token = profile_id[len(PERSON_PREFIX) :]
    try:
        sealed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = _cipher().decrypt(sealed, None).decode()
    except (InvalidTag, ValueError, UnicodeDecodeError):
        return None
    return value if value.isdigit() and len(value) == 12 else None


def sees_everyone(user) -> bool:
    return user.is_superuser or user.has_role(Role.APPRAISER) or user.has_role(Role.AGENCY_HEAD)


def sees_own_unit(user) -> bool:
    return bool(user.unit_id) and (user.has_role(Role.UNIT_CLERK) or user.has_role(Role.UNIT_HEAD))


def may_look_up(user) -> bool:
    return user.is_authenticated and user.is_active and (sees_everyone(user) or sees_own_unit(user))


def masked(citizen_id: str) -> str:
    return f"{'*' * (len(citizen_id) - 4)}{citizen_id[-4:]}" if len(citizen_id) > 4 else ""


@dataclass
class Found:
    id: str
    kind: str  # "person" or "collective"
    name: str
    unit_name: str
    citizen_id_masked: str = ""
    other_names: list[str] = field(default_factory=list)


def _unit_filter(user, column: str = "unit_id") -> Q:
    return Q() if sees_everyone(user) else Q(**{column: user.unit_id})


def people_search(*, user, q: str) -> list[Found]:
    """People by accent-insensitive name or by identity number, and collectives by unit name, within
    the user's scope."""
    if not may_look_up(user):
        raise Http404
    text = (q or "").strip()[:100]
    key = normalize_search(text)
    if not key:
        return []
    by_number = text.isdigit() and len(text) == 12
    scope = _unit_filter(user)
    ids: dict[str, tuple[str, str]] = {}  # citizen id -> (name, unit name), the latest seen first
    sources = (
        (Nomination.objects.order_by("-created_at"), "nominee_"),
        (AwardRecord.objects.order_by("-year"), "nominee_"),
        (AssessmentGrade.objects.order_by("-year"), "nominee_"),
        (Initiative.objects.order_by("-year"), "owner_"),
    )
    for qs, prefix in sources:
        match = (
            Q(**{f"{prefix}citizen_id": text})
            if by_number
            else Q(**{f"{prefix}name_search__contains": key}) & ~Q(**{f"{prefix}citizen_id": ""})
        )
        if prefix == "nominee_" and qs.model is not AssessmentGrade:
            match &= Q(nominee_kind=NomineeKind.INDIVIDUAL)
        rows = qs.filter(match, scope).values_list(f"{prefix}citizen_id", f"{prefix}name", "unit__name")
        for cid, name, unit_name in rows[: MAX_RESULTS * 4]:
            ids.setdefault(cid, (name, unit_name))
    found = [
        Found(id=person_id(cid), kind="person", name=name, unit_name=unit_name, citizen_id_masked=masked(cid))
        for cid, (name, unit_name) in list(ids.items())[:MAX_RESULTS]
    ]
    if not by_number:
        units = Unit.objects.filter(name_search__contains=key)
        if not sees_everyone(user):
            units = units.filter(pk=user.unit_id)
        for unit in units.order_by("name")[: MAX_RESULTS - len(found)]:
            found.append(
                Found(
                    id=f"{COLLECTIVE_PREFIX}{unit.pk}", kind="collective", name=unit.name, unit_name=unit.name
                )
            )
    return found


@dataclass
class Profile:
    id: str
    kind: str
    name: str
    unit_name: str
    citizen_id_masked: str
    other_names: list[str]
    awards: list[dict]
    initiatives: list[dict]
    service_periods: list[dict]
    grades: list[dict]
    dossiers: list[dict]


def _source(record: AwardRecord) -> str:
    if record.decision_id:
        return "decided_here"
    if record.nomination_id:
        return "central"
    return "imported"


SOURCE_LABELS = {
    "decided_here": _("Quyết định trên hệ thống"),
    "central": _("Kết quả của cấp trên"),
    "imported": _("Lịch sử nhập từ hồ sơ cũ"),
    "declared": _("Đơn vị kê khai, Cơ quan Thường trực xác nhận"),
}


def person_profile(*, user, profile_id: str) -> Profile:
    """One person's (identity number) or one collective's (``dv<unit id>``) whole record, or 404
    outside the user's scope."""
    if not may_look_up(user):
        raise Http404
    if profile_id.startswith(COLLECTIVE_PREFIX) and profile_id[len(COLLECTIVE_PREFIX) :].isdigit():
        return _collective(user, int(profile_id[len(COLLECTIVE_PREFIX) :]), profile_id)
    cid = citizen_id_of(profile_id)
    if cid is None:
        raise Http404
    if not sees_everyone(user):
        theirs = (
            Nomination.objects.filter(nominee_citizen_id=cid, unit_id=user.unit_id).exists()
            or AwardRecord.objects.filter(nominee_citizen_id=cid, unit_id=user.unit_id).exists()
            or AssessmentGrade.objects.filter(nominee_citizen_id=cid, unit_id=user.unit_id).exists()
            or Initiative.objects.filter(owner_citizen_id=cid, unit_id=user.unit_id).exists()
        )
        if not theirs:
            raise Http404
    records = list(
        AwardRecord.objects.filter(nominee_citizen_id=cid)
        .select_related("award_type", "unit")
        .order_by("-year", "-id")
    )
    dossiers = list(
        Nomination.objects.filter(nominee_citizen_id=cid)
        .select_related("award_type", "unit")
        .order_by("-created_at")
    )
    initiatives = list(
        Initiative.objects.filter(owner_citizen_id=cid).select_related("unit").order_by("-year")
    )
    grades = list(
        AssessmentGrade.objects.filter(nominee_citizen_id=cid).select_related("unit").order_by("-year")
    )
    service = list(ServiceRecord.objects.filter(nominee_citizen_id=cid).order_by("started_on"))
    names = [d.nominee_name for d in dossiers] + [r.nominee_name for r in records]
    names += [g.nominee_name for g in grades] + [i.owner_name for i in initiatives]
    if not names and not service:
        raise Http404
    name = names[0] if names else service[0].nominee_name
    other = sorted({n for n in names if normalize_search(n) != normalize_search(name)})
    unit_name = dossiers[0].unit.name if dossiers else records[0].unit.name if records else ""
    return Profile(
        id=profile_id,
        kind="person",
        name=name,
        unit_name=unit_name,
        citizen_id_masked=masked(cid),
        other_names=other,
        awards=_awards(records),
        initiatives=[_initiative(i) for i in initiatives],
        service_periods=[
            {
                "kind": s.get_kind_display(),
                "force": s.force,
                "started_on": s.started_on,
                "ended_on": s.ended_on,
                "months": s.months,
                "evidence": s.evidence,
            }
            for s in service
        ],
        grades=[
            {
                "year": g.year,
                "grade": g.grade,
                "grade_display": g.get_grade_display(),
                "unit_name": g.unit.name,
                "disciplined": g.disciplined,
            }
            for g in grades
        ],  # fmt: skip
        dossiers=[_dossier(d) for d in dossiers],
    )


def _collective(user, unit_id: int, profile_id: str) -> Profile:
    if not sees_everyone(user) and unit_id != user.unit_id:
        raise Http404
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    kind = NomineeKind.COLLECTIVE
    records = list(
        AwardRecord.objects.filter(unit_id=unit_id, nominee_kind=kind)
        .select_related("award_type", "unit")
        .order_by("-year", "-id")
    )
    dossiers = list(
        Nomination.objects.filter(unit_id=unit_id, nominee_kind=kind)
        .select_related("award_type", "unit")
        .order_by("-created_at")
    )
    return Profile(
        id=profile_id,
        kind="collective",
        name=unit.name,
        unit_name=unit.name,
        citizen_id_masked="",
        other_names=sorted({r.nominee_name for r in records if r.nominee_name != unit.name}),
        awards=_awards(records),
        initiatives=[],
        service_periods=[],
        grades=[],
        dossiers=[_dossier(d) for d in dossiers],
    )


def _awards(records) -> list[dict]:
    declared = dict(
        DeclaredHistory.objects.filter(award_record_id__in=[r.pk for r in records])
        .select_related("reviewed_by")
        .values_list("award_record_id", "reviewed_by__full_name")
    )
    return [_award(r, declared) for r in records]


def _award(r: AwardRecord, declared: dict) -> dict:
    source = "declared" if r.pk in declared else _source(r)
    return {
        "award_type": r.award_type.code,
        "award_name": r.award_type.name,
        "name": r.nominee_name,
        "year": r.year,
        "route": r.route,
        "route_display": r.get_route_display(),
        "unit_name": r.unit.name,
        "decision_number": r.decision_number,
        "decision_date": r.decision_date,
        "issuer": r.issuer,
        "decision": r.decision_id,
        "nomination": r.nomination_id,
        "source": source,
        "source_display": str(SOURCE_LABELS[source]),
        "revoked": r.revoked,
    }


def _initiative(i: Initiative) -> dict:
    return {
        "title": i.title,
        "level": i.level,
        "level_display": i.get_level_display(),
        "year": i.year,
        "recognition_ref": i.recognition_ref,
        "unit_name": i.unit.name,
        "used": i.is_used,
    }


def _dossier(n: Nomination) -> dict:
    return {
        "id": n.pk,
        "award_type": n.award_type.code,
        "award_name": n.award_type.name,
        "year": n.year,
        "status": n.status,
        "status_display": n.get_status_display(),
        "unit_name": n.unit.name,
        "open": not n.is_final and n.status != Nomination.Status.DRAFT,
        "final": n.is_final,
    }


def known_names(*, citizen_id: str, exclude_nomination: int | None = None) -> list[str]:
    """The names this identity number is already recorded under (dossiers, award history, grades,
    initiatives): the form warns when the one typed is not among them."""
    if not citizen_id:
        return []
    names = list(
        Nomination.objects.filter(nominee_citizen_id=citizen_id)
        .exclude(pk=exclude_nomination or 0)
        .values_list("nominee_name", flat=True)[:20]
    )
    names += AwardRecord.objects.filter(nominee_citizen_id=citizen_id).values_list("nominee_name", flat=True)[
        :20
    ]
    names += AssessmentGrade.objects.filter(nominee_citizen_id=citizen_id).values_list(
        "nominee_name", flat=True
    )[:20]
    names += Initiative.objects.filter(owner_citizen_id=citizen_id).values_list("owner_name", flat=True)[:20]
    seen, result = set(), []
    for name in names:
        if normalize_search(name) not in seen:
            seen.add(normalize_search(name))
            result.append(name)
    return result


def borrowed_identity(*, citizen_id: str, name: str, exclude_nomination: int | None = None) -> list[str]:
    """The other names an identity number is known under, when the name typed is none of them."""
    names = known_names(citizen_id=citizen_id, exclude_nomination=exclude_nomination)
    key = normalize_search(name)
    if not names or any(normalize_search(n) == key for n in names):
        return []
    return names
