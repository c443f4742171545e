"""A unit's emulation registration for a year (đăng ký thi đua): kept, sent, accepted or returned.

Since Law 06/2022 (Art. 7) registration is no longer a legal basis for a title: the eligibility box
warns where a nominee was not registered, and refuses only where the province's dated rule
(``RegistrationRule.required``) says so.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput, InvalidState, NotPermitted
from ..models import AwardType, Cluster, Registration, RegistrationEntry, Role
from ..policy.permissions import has_any_role
from ..policy.registration import registration_due, registration_rule_on
from ..policy.requests import STANDING_AGENCY
from ..vocabulary import RegistrationStatus
from ._common import require_comment
from .imports import ImportFileError, cell_text, read_rows

G = RegistrationStatus
# The Vietnamese headers of the registration file (lower case, as read_rows gives them).
IMPORT_COLUMNS = ("họ và tên", "số cccd", "danh hiệu")


def _award(value: str, *, people: bool) -> AwardType | None:
    text = (value or "").strip()
    if not text:
        return None
    found = AwardType.objects.filter(Q(code__iexact=text) | Q(name__iexact=text)).first()
    if found is None:
        return None
    kinds = found.nominee_kinds or []
    if kinds and ("individual" if people else "collective") not in kinds:
        return None
    return found


def _require_clerk(actor):
    if not has_any_role(actor, Role.UNIT_CLERK) or not actor.unit_id:
        raise NotPermitted(_("Chỉ cán bộ thi đua của đơn vị được lập đăng ký thi đua."))


def _editable(registration: Registration):
    if registration.status not in (G.DRAFT, G.RETURNED):
        raise InvalidState(_("Đăng ký đã gửi, không sửa được nữa."))


@transaction.atomic
def registration_save(
    *, actor, year: int, titles: list[str], people: list[dict], ip: str | None = None
) -> Registration:
    """The unit's registration for ``year``, created or replaced while still a draft (or returned)."""
    _require_clerk(actor)
    errors = {}
    if year < 2000 or year > timezone.localdate().year + 1:
        errors["year"] = _("Năm đăng ký không hợp lệ.")
    awards = []
    for code in titles or []:
        award = _award(code, people=False)
        if award is None:
            errors["titles"] = _("Danh hiệu tập thể không có trong danh mục: %(code)s.") % {"code": code}
        else:
            awards.append(award)
    entries = []
    for i, person in enumerate(people or []):
        name = (person.get("name") or "").strip()
        number = "".join(ch for ch in str(person.get("identity_number") or "") if ch.isdigit())
        award = _award(person.get("title") or "", people=True)
        if not name:
            errors[f"people[{i}].name"] = _("Thiếu họ và tên.")
        if number and len(number) != 12:
            errors[f"people[{i}].identity_number"] = _("Số CCCD phải có 12 chữ số.")
        if award is None:
            errors[f"people[{i}].title"] = _("Danh hiệu cá nhân không có trong danh mục.")
        entries.append((name, number, award))
    if errors:
        raise InvalidInput(" ".join(str(v) for v in errors.values()), fields=errors)
    registration, created = Registration.objects.select_for_update().get_or_create(
        unit_id=actor.unit_id, year=year, defaults={"created_by": actor, "due_date": registration_due(year)}
    )
    _editable(registration)
    registration.titles.set(awards)
    registration.entries.all().delete()
    RegistrationEntry.objects.bulk_create(
        [
            RegistrationEntry(registration=registration, name=n, identity_number=c, title=a)
            for n, c, a in entries
        ]
    )
    record_event(
        action="registration_save",
        actor=actor,
        ip=ip,
        data={"registration": registration.pk, "unit": actor.unit_id, "year": year, "people": len(entries)},
    )
    return registration


@dataclass
class RegistrationImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"created": self.created, "unchanged": self.unchanged, "errors": self.errors}


@transaction.atomic
def registration_import(*, actor, year: int, uploaded, ip: str | None = None) -> RegistrationImportResult:
    """People from an XLSX with Vietnamese headers (Họ và tên, Số CCCD, Danh hiệu) added to the
    unit's registration; a person already registered for the same title is left as is, so importing
    the same file twice adds nothing."""
    _require_clerk(actor)
    result = RegistrationImportResult()
    try:
        rows = read_rows(uploaded, list(IMPORT_COLUMNS))
    except ImportFileError as exc:
        result.errors.append({"row": 0, "column": "", "message": str(exc)})
        return result
    registration, _created = Registration.objects.select_for_update().get_or_create(
        unit_id=actor.unit_id, year=year, defaults={"created_by": actor, "due_date": registration_due(year)}
    )
    _editable(registration)
    known = {(e.identity_number or e.name.lower(), e.title_id) for e in registration.entries.all()}
    new = []
    for number, record in rows:
        name = cell_text(record.get("họ và tên"))
        digits = "".join(ch for ch in cell_text(record.get("số cccd")) if ch.isdigit())
        award = _award(cell_text(record.get("danh hiệu")), people=True)
        if not name:
            result.errors.append({"row": number, "column": "Họ và tên", "message": _("Thiếu họ và tên.")})
            continue
        if digits and len(digits) != 12:
            result.errors.append(
                {"row": number, "column": "Số CCCD", "message": _("Số CCCD phải có 12 chữ số.")}
            )
            continue
        if award is None:
            result.errors.append(
                {
                    "row": number,
                    "column": "Danh hiệu",
                    "message": _("Danh hiệu cá nhân không có trong danh mục."),
                }
            )
            continue
        key = (digits or name.lower(), award.pk)
        if key in known:
            result.unchanged += 1
            continue
        known.add(key)
        new.append(
            RegistrationEntry(registration=registration, name=name, identity_number=digits, title=award)
        )
    RegistrationEntry.objects.bulk_create(new)
    result.created = len(new)
    if new:
        record_event(
            action="registration_import",
            actor=actor,
            ip=ip,
            data={"registration": registration.pk, "created": len(new), "unchanged": result.unchanged},
        )
    return result


def may_decide(user, registration: Registration) -> bool:
    """The Standing agency; or the head of the unit's cluster where the province's rule says so."""
    if has_any_role(user, *STANDING_AGENCY):
        return True
    rule = registration_rule_on(date(registration.year, 1, 1))
    return bool(
        rule
        and rule.cluster_head_accepts
        and has_any_role(user, Role.CLUSTER_REVIEWER)
        and Cluster.objects.filter(
            year=registration.year, reviewers=user, memberships__unit_id=registration.unit_id
        ).exists()
    )


def _locked(registration):
    return Registration.objects.select_for_update().select_related("unit").get(pk=registration.pk)


@transaction.atomic
def registration_submit(*, actor, registration: Registration, ip: str | None = None) -> Registration:
    registration = _locked(registration)
    if not has_any_role(actor, Role.UNIT_CLERK) or actor.unit_id != registration.unit_id:
        raise NotPermitted(_("Chỉ cán bộ thi đua của đơn vị được gửi đăng ký của đơn vị."))
    if registration.status not in (G.DRAFT, G.RETURNED):
        raise InvalidState(_("Đăng ký đã được gửi."))
    if not registration.entries.exists() and not registration.titles.exists():
        raise InvalidInput(
            _("Đăng ký chưa có danh hiệu hoặc cá nhân nào."), fields={"people": _("Bắt buộc.")}
        )
    before = registration.status
    if before == G.RETURNED:
        registration.resubmit()
    else:
        registration.submit()
    registration.submitted_at = timezone.now()
    registration.save()
    record_event(
        action="registration_submit",
        actor=actor,
        from_status=before,
        to_status=registration.status,
        ip=ip,
        data={"registration": registration.pk, "unit": registration.unit_id, "year": registration.year},
    )
    return registration


@transaction.atomic
def registration_accept(*, actor, registration: Registration, ip: str | None = None) -> Registration:
    registration = _locked(registration)
    if not may_decide(actor, registration):
        raise NotPermitted(_("Bạn không được duyệt đăng ký thi đua của đơn vị này."))
    if registration.status != G.SUBMITTED:
        raise InvalidState(_("Chỉ duyệt được đăng ký đã gửi."))
    registration.accept()
    registration.decided_at = timezone.now()
    registration.save()
    record_event(
        action="registration_accept",
        actor=actor,
        from_status=G.SUBMITTED,
        to_status=registration.status,
        ip=ip,
        data={"registration": registration.pk, "unit": registration.unit_id, "year": registration.year},
    )
    return registration


@transaction.atomic
def registration_return(
    *, actor, registration: Registration, comment: str, ip: str | None = None
) -> Registration:
    comment = require_comment(comment, _("trả lại đăng ký thi đua"))
    registration = _locked(registration)
    if not may_decide(actor, registration):
        raise NotPermitted(_("Bạn không được duyệt đăng ký thi đua của đơn vị này."))
    if registration.status != G.SUBMITTED:
        raise InvalidState(_("Chỉ trả lại được đăng ký đã gửi."))
    registration.return_registration()
    registration.comment = comment
    registration.decided_at = timezone.now()
    registration.save()
    record_event(
        action="registration_return",
        actor=actor,
        from_status=G.SUBMITTED,
        to_status=registration.status,
        comment=comment,
        ip=ip,
        data={"registration": registration.pk, "unit": registration.unit_id, "year": registration.year},
    )
    return registration
