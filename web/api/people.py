"""People and collectives as records: search, and one profile with its awards, initiatives and
dossiers. A unit sees its own people, the Standing agency everyone; anyone else gets 404."""

from dataclasses import asdict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from nominations import people


class FoundSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="Mã hồ sơ cá nhân (cn…, không lộ số CCCD) hoặc dv<mã đơn vị> (tập thể)"
    )
    kind = serializers.ChoiceField(choices=["person", "collective"])
    name = serializers.CharField()
    unit_name = serializers.CharField()
    citizen_id_masked = serializers.CharField()


class AwardSerializer(serializers.Serializer):
    award_type = serializers.CharField()
    award_name = serializers.CharField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    route = serializers.CharField()
    unit_name = serializers.CharField()
    decision_number = serializers.CharField(allow_blank=True)
    decision_date = serializers.DateField(allow_null=True)
    issuer = serializers.CharField(allow_blank=True)
    decision = serializers.IntegerField(allow_null=True)
    nomination = serializers.IntegerField(allow_null=True)
    source = serializers.ChoiceField(choices=list(people.SOURCE_LABELS))
    source_display = serializers.CharField()
    revoked = serializers.BooleanField()


class InitiativeSerializer(serializers.Serializer):
    title = serializers.CharField()
    level = serializers.CharField()
    level_display = serializers.CharField()
    year = serializers.IntegerField()
    recognition_ref = serializers.CharField(allow_blank=True)
    unit_name = serializers.CharField()
    used = serializers.BooleanField()


class DossierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    award_type = serializers.CharField()
    award_name = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.CharField()
    status_display = serializers.CharField()
    unit_name = serializers.CharField()
    open = serializers.BooleanField()
    final = serializers.BooleanField()


class GradeSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    grade = serializers.CharField()
    grade_display = serializers.CharField()
    unit_name = serializers.CharField()
    disciplined = serializers.BooleanField()


class ServiceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    force = serializers.CharField(allow_blank=True)
    started_on = serializers.DateField()
    ended_on = serializers.DateField()
    months = serializers.IntegerField()
    evidence = serializers.CharField(allow_blank=True)


class ProfileSerializer(FoundSerializer):
    other_names = serializers.ListField(child=serializers.CharField())
    awards = AwardSerializer(many=True)
    initiatives = InitiativeSerializer(many=True)
    service_periods = ServiceSerializer(many=True)
    grades = GradeSerializer(many=True)
    dossiers = DossierSerializer(many=True)


class PeopleViewSet(viewsets.ViewSet):
    """People (by identity number) and collectives (by unit) and their whole record."""

    lookup_value_regex = r"(cn[A-Za-z0-9_-]{20,80}|dv\d{1,18})"

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Họ tên (không phân biệt dấu), số CCCD hoặc tên đơn vị"
            )
        ],
        responses=FoundSerializer(many=True),
    )
    def list(self, request):
        found = people.people_search(user=request.user, q=request.query_params.get("q", ""))
        return Response(FoundSerializer([asdict(f) for f in found], many=True).data)

    @extend_schema(responses=ProfileSerializer)
    def retrieve(self, request, pk=None):
        profile = people.person_profile(user=request.user, profile_id=pk)
        return Response(ProfileSerializer(asdict(profile)).data)
