"""Who issues a document and on what legal bases, chosen by its date (and, for a unit, the unit).

The province's People's Committee in force on the day (Thái Bình until 30/6/2025, Hưng Yên from
1/7/2025 in the demo: units with validity dates and successors), its place name for the date line,
and the "Căn cứ …" lines in force (``LegalBasis`` rows).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q

from ..models import LegalBasis, Unit


@dataclass(frozen=True)
class Issuer:
    name: str  # in capitals, as the header prints it
    place: str  # the date line's place name
    parent: str = ""  # for a unit's decision: the governing body above it
    recipients: tuple = ()  # the "Nơi nhận" lines of its decisions (the issuer's data)
    text_name: str = ""  # the name as running text writes it: "Ủy ban nhân dân tỉnh Hưng Yên"


# "Nơi nhận" when the issuing unit has none of its own (``Unit.document_recipients``): a decision
# goes to those named in its executing article and to the file; the province's also to the
# Standing agency; a unit's own decision is reported to no central body.
DEFAULT_RECIPIENTS = {
    "province": ("Như Điều 3;", "Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "Lưu: VT, TĐKT."),
    "unit": ("Như Điều 3;", "Lưu: VT, TĐKT."),
    "commune": ("Như Điều 3;", "Lưu: VT."),
}


def _recipients(unit: Unit | None, default: str) -> tuple:
    lines = [line.strip() for line in (unit.document_recipients if unit else "").splitlines()]
    return tuple(line for line in lines if line) or DEFAULT_RECIPIENTS[default]


def province_on(day: date) -> Unit | None:
    valid = Q(valid_from__isnull=True) | Q(valid_from__lte=day)
    valid &= Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    return Unit.objects.filter(valid, kind=Unit.Kind.PROVINCE).order_by("-valid_from", "pk").first()


def _province_issuer(day: date) -> Issuer:
    province = province_on(day)
    if province is None:
        return Issuer(
            settings.DECISION_ISSUER_NAME,
            settings.DECISION_ISSUER_PLACE,
            recipients=DEFAULT_RECIPIENTS["province"],
            text_name=f"Ủy ban nhân dân tỉnh {settings.DECISION_ISSUER_PLACE}",
        )
    place = province.place_name or settings.DECISION_ISSUER_PLACE
    return Issuer(
        province.name.upper(),
        place,
        recipients=_recipients(province, "province"),
        text_name=f"Ủy ban nhân dân tỉnh {place}",
    )


def issuer_on(day: date, *, unit: Unit | None = None) -> Issuer:
    """The provincial People's Committee in force on ``day``, or ``unit`` under it.

    A commune's or ward's decisions are its People's Committee's, with no governing body above
    (Decree 30); a department prints under the province, without repeating the province's name."""
    province = _province_issuer(day)
    if unit is None:
        return province
    place = unit.place_name or province.place
    if unit.kind == Unit.Kind.COMMUNE:
        # "Xã Hồng Việt" -> "Ủy ban nhân dân xã Hồng Việt" (the commune's kind word in lower case).
        head, _sep, rest = unit.name.partition(" ")
        return Issuer(
            f"ỦY BAN NHÂN DÂN {unit.name}".upper(),
            place,
            recipients=_recipients(unit, "commune"),
            text_name=f"Ủy ban nhân dân {head.lower()} {rest}".strip(),
        )
    name = unit.name
    suffix = f" tỉnh {province.place}"
    if name.lower().endswith(suffix.lower()):
        name = name[: -len(suffix)]
    return Issuer(
        name.upper(), place, parent=province.name, recipients=_recipients(unit, "unit"), text_name=name
    )


def statistical_form_basis_on(day: date) -> str:
    """The "Ban hành theo Thông tư …" line of the statistical forms for a period ending on ``day``.

    Dated data, not a constant: when a newer circular replaces TT 02/2023/TT-BNV (TT 18/2025/TT-BNV
    may), an administrator ends the old row and adds the new one; old periods keep their own."""
    row = (
        LegalBasis.objects.filter(
            Q(document=LegalBasis.Document.STATISTICAL_FORM),
            Q(effective_from__lte=day),
            Q(effective_to__isnull=True) | Q(effective_to__gte=day),
        )
        .order_by("-effective_from", "position")
        .first()
    )
    return row.text if row else ""


def legal_bases_on(day: date, *, document: str, unit: Unit | None = None) -> list[str]:
    """The "Căn cứ …" lines in force on ``day`` for this kind of document, in order."""
    rows = LegalBasis.objects.filter(
        Q(document=document) | Q(document=LegalBasis.Document.ALL),
        Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gte=day),
    ).order_by("position", "effective_from")
    name = unit.name if unit is not None else ""
    if unit is not None and unit.kind == Unit.Kind.COMMUNE:
        head, _sep, rest = name.partition(" ")  # "Hội đồng … xã Hồng Việt": the kind word mid-sentence
        name = f"{head.lower()} {rest}".strip()
    return [row.text.replace("{unit}", name) for row in rows]
