"""The narrative report is a document with a number: "3/BC-SNV", from its issuer's register.

The issuer is the organisation the user reports for: a unit's clerk or head, the unit; the
Standing agency's people, the department their office belongs to (Phòng Thi đua – Khen thưởng →
Sở Nội vụ); the province's leaders, the People's Committee. Its register is kept by the same
numbering service as the decisions (``take_next_number``, under the register's row lock), one
register per issuer and year, symbol "BC-" and the issuer's register code (or its initials).

A period's report takes its number once per issuer: asking again (a second click, a later
download) gives the same number. Which number went to which period is kept in a ``ReportExport``
row of kind ``narrative_report`` (its key is the issuer and the period), with an audit event.
"""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_event
from ..exceptions import InvalidInput
from ..models import DecisionCounter, ReportExport, Unit
from ..reports.period import Period
from .decision import take_next_number

KIND = "narrative_report"
_SMALL_WORDS = {"và", "của", "tỉnh", "thành", "phố"}


def issuing_unit(user) -> Unit | None:
    """The organisation whose report this is: the user's unit, or the department above an office."""
    from ..reports.facts import sees_province

    unit = getattr(user, "unit", None)
    if not sees_province(user):
        return unit  # a unit reports as itself (a school, not its department)
    while unit is not None and unit.parent_id and unit.parent.kind != Unit.Kind.PROVINCE:
        unit = unit.parent
    return unit


def register_symbol(unit: Unit) -> str:
    """ "BC-SNV": the unit's register code, or the initials of its name without the province's."""
    if unit.register_code:
        return f"BC-{unit.register_code}"
    if unit.kind == Unit.Kind.PROVINCE or unit.kind == Unit.Kind.COMMUNE:
        return "BC-UBND"
    name = unit.name.split(" tỉnh ")[0].split(" thành phố ")[0]
    letters = [
        w[0].upper() for w in name.replace("(", " ").split() if w[0].isalpha() and w not in _SMALL_WORDS
    ]
    return "BC-" + "".join(letters)


def _key(unit: Unit, period: Period) -> str:
    return hashlib.sha256(f"{KIND}|{unit.pk}|{period.start}|{period.end}".encode()).hexdigest()


def report_number(user, period: Period) -> str:
    """The number already taken for this issuer's report of ``period``, or "" (not taken yet)."""
    unit = issuing_unit(user)
    if unit is None:
        return ""
    row = (
        ReportExport.objects.filter(key=_key(unit, period), kind=KIND)
        .values_list("params", flat=True)
        .first()
    )
    return (row or {}).get("number", "")


def report_number_take(*, actor, period: Period, ip: str | None = None) -> str:
    """Give the period's report its number from the issuer's register (once; the same after)."""
    unit = issuing_unit(actor)
    if unit is None:
        raise InvalidInput(_("Tài khoản chưa gắn với cơ quan, đơn vị nên không lấy được số báo cáo."))
    key = _key(unit, period)
    symbol = register_symbol(unit)
    register = f"{symbol}#{unit.pk}"
    year = timezone.localdate().year
    with transaction.atomic():
        try:
            with transaction.atomic():
                DecisionCounter.objects.get_or_create(issuer_symbol=register, year=year)
        except IntegrityError:
            pass  # another request created the register a moment ago
        # The register's lock first: a second request for the same report waits here, then finds
        # the number the first one took.
        DecisionCounter.objects.select_for_update().get(issuer_symbol=register, year=year)
        existing = ReportExport.objects.filter(key=key).first()
        if existing is not None:
            return existing.params["number"]
        number = f"{take_next_number(issuer_symbol=register, year=year)}/{symbol}"
        now = timezone.now()
        ReportExport.objects.create(
            key=key,
            requested_by=actor,
            kind=KIND,
            params={
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "number": number,
                "unit": unit.pk,
            },
            status=ReportExport.Status.DONE,
            progress=100,
            started_at=now,
            finished_at=now,
        )
        record_event(
            action="report_numbered",
            actor=actor,
            ip=ip,
            data={"number": number, "from": period.start.isoformat(), "to": period.end.isoformat()},
        )
    return number
