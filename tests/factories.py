"""factory_boy factories for the domain; role users come from conftest fixtures."""

import factory
from django.contrib.auth.models import Group

from nominations.models import (
    AwardType,
    Cluster,
    ClusterMembership,
    Movement,
    Nomination,
    NomineeKind,
    Role,
    Route,
    SigningMethod,
    Unit,
    User,
)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"DV{n:03d}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm số {n}")
    kind = Unit.Kind.DEPARTMENT


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    kind = Cluster.Kind.BLOCK
    code = factory.Sequence(lambda n: f"KHOI{n}")
    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    year = 2026


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterMembership

    cluster = factory.SubFactory(ClusterFactory)
    unit = factory.SubFactory(UnitFactory)


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardType
        django_get_or_create = ("code",)

    code = "BANG_KHEN_TINH"
    name = "Bằng khen của Chủ tịch UBND tỉnh"
    level = AwardType.Level.PROVINCE
    nominee_kinds = ["individual", "collective", "household"]
    routes = ["annual", "thematic", "ad_hoc"]
    required_documents = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    vote_threshold_percent = 50
    reward_coefficient = 1


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    name = "Chuyển đổi số"
    start_year = 2023
    end_year = 2026


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.django.Password("Demo@2025")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get_or_create(name=role)[0])
            if {Role.LEADER, Role.UNIT_HEAD} & set(extracted):
                # A signer signs with their own certificate: the demo file key in tests
                # (tests/nominations/test_signatures.py covers tokens and remote services).
                SigningMethod.objects.get_or_create(user=self, defaults={"kind": SigningMethod.Kind.DEMO})


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    unit = factory.SubFactory(UnitFactory)
    award_type = factory.SubFactory(AwardTypeFactory)
    route = Route.ANNUAL
    year = 2026
    nominee_kind = NomineeKind.INDIVIDUAL
    nominee_name = "Nguyễn Văn An"
    nominee_gender = Nomination.Gender.MALE
    nominee_birth_year = 1980
    nominee_position = "Chuyên viên"
    achievements = "Hoàn thành xuất sắc nhiệm vụ năm 2026."
    created_by = factory.SubFactory(UserFactory)
