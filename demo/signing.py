"""The demo's signatures: the văn thư's account, every signer's key, the organisations' keys, and
issuance by the văn thư for the provincial People's Committee.

Keys are file keys under the demo's own CA (``SIGNING_ALLOW_DEMO_KEYS``): they prove integrity, not
legal identity. ``seed_signing`` is called once by ``seed_demo`` (idempotent).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from nominations.models import Role, SigningMethod, Unit, User
from nominations.policy.issuers import province_on

from . import data as D

VANTHU = ("vanthu", "Lê Thị Hạnh", "Văn thư, Văn phòng UBND tỉnh")


def ensure_signer_keys() -> int:
    """(Demo only) a file key for every active leader and unit head who has no signing method."""
    if not settings.SIGNING_ALLOW_DEMO_KEYS:
        return 0
    signers = User.objects.filter(
        groups__name__in=[Role.LEADER, Role.UNIT_HEAD], is_active=True, signing_method__isnull=True
    ).distinct()
    created = SigningMethod.objects.bulk_create(
        [SigningMethod(user=user, kind=SigningMethod.Kind.DEMO) for user in signers]
    )
    return len(created)


def seed_signing() -> int:
    """The văn thư (Văn phòng UBND tỉnh), signers' and organisations' demo keys, and issuance by
    the văn thư switched on for the provincial People's Committees (units issue on signature)."""
    changed = ensure_signer_keys()
    username, full_name, position = VANTHU
    province = province_on(timezone.localdate())
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username, full_name=full_name, position=position, email=f"{username}@demo.tdkt.local"
        )
        user.set_password(D.DEMO_PASSWORD)
        changed += 1
    if (user.full_name, user.position, user.unit) != (full_name, position, province):
        user.full_name, user.position, user.unit = full_name, position, province
        user.save()
    group, _ = Group.objects.get_or_create(name=Role.CLERK_OFFICE)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        changed += 1
    for unit in Unit.objects.filter(kind=Unit.Kind.PROVINCE):
        _, created = SigningMethod.objects.get_or_create(
            unit=unit, defaults={"kind": SigningMethod.Kind.DEMO}
        )
        changed += created
    changed += Unit.objects.filter(kind=Unit.Kind.PROVINCE, office_issuance=False).update(
        office_issuance=True
    )
    return changed
