"""Movements, what they ask of units, and registrations over the API.

Scope as everywhere: a unit sees its own requests and registrations, the Standing agency (and the
province's roles) all; another unit's answers 404. Every change goes through
``workflows.actions.movements`` (deadlines and notices), which calls the services.
"""

import json

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.fields import empty
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from nominations import selectors, services
from nominations.exceptions import NotPermitted
from nominations.models import Cluster, Movement, MovementMilestone, MovementRequest, Registration, Unit
from nominations.policy.permissions import has_any_role
from nominations.policy.requests import STANDING_AGENCY
from workflows.actions import movements as door

from ..http import client_ip
from .parsers import SafeJSONParser

DATES = ["%Y-%m-%d", "%d/%m/%Y"]


def _date(**kwargs):
    return serializers.DateField(input_formats=DATES, **kwargs)


class FigureSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=40)
    label = serializers.CharField(max_length=255)


class MovementCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(
        choices=Movement.Kind.choices, help_text="regular: hằng năm; thematic: chuyên đề"
    )
    launch_level = serializers.ChoiceField(choices=Movement.LaunchLevel.choices)
    scope = serializers.ChoiceField(choices=Movement.Scope.choices)
    starts_on = _date()
    ends_on = _date(required=False, allow_null=True, default=None)
    document_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    document_date = _date(
        required=False, allow_null=True, default=None, help_text="Ngày ký văn bản phát động."
    )
    document_signer = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    document_file = serializers.FileField(required=False, allow_null=True, default=None)
    targets = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    criteria = serializers.ListField(
        child=serializers.CharField(max_length=1000), required=False, default=list, max_length=100
    )
    participant_kind = serializers.ChoiceField(
        choices=Unit.Kind.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Mọi đơn vị loại này.",
    )
    participant_clusters = serializers.PrimaryKeyRelatedField(
        queryset=Cluster.objects.all(), many=True, required=False, default=list
    )
    participant_units = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), many=True, required=False, default=list
    )
    plan_due = _date(required=False, allow_null=True, default=None, help_text="Hạn gửi kế hoạch hưởng ứng.")
    report_figures = FigureSerializer(many=True, required=False, default=list)


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = MovementMilestone
        fields = ["id", "kind", "date", "report_due", "note"]


class MovementSerializer(serializers.ModelSerializer):
    document_date = serializers.DateField(source="launched_on", allow_null=True)
    participants = serializers.SerializerMethodField()
    milestones = MilestoneSerializer(many=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "name",
            "status",
            "kind",
            "launch_level",
            "scope",
            "starts_on",
            "ends_on",
            "document_number",
            "document_date",
            "document_signer",
            "targets",
            "criteria",
            "plan_due",
            "report_figures",
            "participants",
            "milestones",
        ]

    def get_participants(self, movement) -> int:
        return movement.participants.count()


class MilestoneCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MovementMilestone.Kind.choices)
    date = _date()
    report_due = _date(help_text="Hạn đơn vị gửi báo cáo.")
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class MovementRequestSerializer(serializers.ModelSerializer):
    movement_name = serializers.CharField(source="movement.name")
    milestone_kind = serializers.CharField(source="milestone.kind", allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = MovementRequest
        fields = [
            "id",
            "movement",
            "movement_name",
            "milestone",
            "milestone_kind",
            "unit",
            "unit_name",
            "kind",
            "status",
            "due_date",
            "overdue",
            "figures",
            "comment",
            "times_returned",
            "file_sha256",
            "submitted_at",
            "decided_at",
        ]

    def get_overdue(self, obj) -> bool:
        return obj.status in ("open", "returned") and obj.due_date < timezone.localdate()


class RequestSubmitSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, help_text="Kế hoạch, báo cáo (PDF, DOCX…).")
    figures = serializers.JSONField(required=False, default=dict, help_text='Số liệu: {"mã": số, …}.')

    def validate_figures(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise serializers.ValidationError(_("Số liệu phải là JSON.")) from exc
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Số liệu phải là một bảng mã: số."))
        return value


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class _Query:
    """A query filter sent empty (``?status=``) is a bad value, not an absent one (DRF skips it)."""

    def get_value(self, dictionary):
        return dictionary.get(self.field_name, empty)


class QueryIntegerField(_Query, serializers.IntegerField):
    pass


class QueryChoiceField(_Query, serializers.ChoiceField):
    pass


class RequestFilter(serializers.Serializer):
    unit = QueryIntegerField(required=False, min_value=1, max_value=2**62)
    movement = QueryIntegerField(required=False, min_value=1, max_value=2**62)
    status = QueryChoiceField(choices=MovementRequest.Status.choices, required=False)


def _standing_agency(user):
    if not has_any_role(user, *STANDING_AGENCY):
        raise NotPermitted(
            _("Chỉ Cơ quan Thường trực (Ban Thi đua – Khen thưởng) được thực hiện thao tác này.")
        )


class MovementViewSet(viewsets.GenericViewSet):
    """Emulation movements: drafted and launched by the Standing agency; reviews that ask for reports."""

    serializer_class = MovementSerializer
    lookup_value_regex = r"\d+"
    parser_classes = [SafeJSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return (
            selectors.movements_visible_to(self.request.user).prefetch_related("milestones").order_by("-pk")
        )

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(MovementSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(MovementSerializer(get_object_or_404(self.get_queryset(), pk=pk)).data)

    @extend_schema(request=MovementCreateSerializer, responses={201: MovementSerializer})
    def create(self, request):
        _standing_agency(request.user)
        data = MovementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        v["report_figures"] = [dict(f) for f in v["report_figures"]]
        movement = services.movement_create(actor=request.user, ip=client_ip(request), **v)
        return Response(MovementSerializer(movement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: MovementSerializer})
    @action(detail=True, methods=["post"])
    def launch(self, request, pk=None):
        movement = get_object_or_404(self.get_queryset(), pk=pk)
        door.launch_movement(actor=request.user, movement=movement, ip=client_ip(request))
        return Response(MovementSerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=MilestoneCreateSerializer, responses={201: MilestoneSerializer})
    @action(detail=True, methods=["post"])
    def milestones(self, request, pk=None):
        movement = get_object_or_404(self.get_queryset(), pk=pk)
        data = MilestoneCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        milestone, _requests = door.add_milestone(
            actor=request.user,
            movement=movement,
            kind=v["kind"],
            on=v["date"],
            report_due=v["report_due"],
            note=v["note"],
            ip=client_ip(request),
        )
        return Response(MilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED)


class MovementRequestViewSet(viewsets.GenericViewSet):
    """What movements ask of units: plans and reports, each with its status and due date."""

    serializer_class = MovementRequestSerializer
    lookup_value_regex = r"\d+"
    parser_classes = [SafeJSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.movement_requests_visible_to(self.request.user)

    @extend_schema(parameters=[RequestFilter])
    def list(self, request):
        params = RequestFilter(data=request.query_params)
        params.is_valid(raise_exception=True)
        f = params.validated_data
        qs = selectors.movement_requests_visible_to(request.user, unit_id=f.get("unit"))
        if f.get("movement"):
            qs = qs.filter(movement_id=f["movement"])
        if f.get("status"):
            qs = qs.filter(status=f["status"])
        page = self.paginate_queryset(qs.order_by("due_date", "pk"))
        return self.get_paginated_response(MovementRequestSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(MovementRequestSerializer(get_object_or_404(self.get_queryset(), pk=pk)).data)

    @extend_schema(
        request={"multipart/form-data": RequestSubmitSerializer, "application/json": RequestSubmitSerializer},
        responses={200: MovementRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        item = get_object_or_404(self.get_queryset(), pk=pk)
        data = RequestSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        item = door.submit_request(
            actor=request.user, request=item, file=v.get("file"), figures=v["figures"], ip=client_ip(request)
        )
        return Response(MovementRequestSerializer(self.get_queryset().get(pk=item.pk)).data)

    @extend_schema(request=CommentSerializer, responses={200: MovementRequestSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        item = get_object_or_404(self.get_queryset(), pk=pk)
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        door.accept_request(
            actor=request.user, request=item, comment=data.validated_data["comment"], ip=client_ip(request)
        )
        return Response(MovementRequestSerializer(self.get_queryset().get(pk=item.pk)).data)

    @extend_schema(request=CommentSerializer, responses={200: MovementRequestSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_request(self, request, pk=None):
        item = get_object_or_404(self.get_queryset(), pk=pk)
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        door.return_request(
            actor=request.user, request=item, comment=data.validated_data["comment"], ip=client_ip(request)
        )
        return Response(MovementRequestSerializer(self.get_queryset().get(pk=item.pk)).data)


class PersonSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    identity_number = serializers.RegexField(
        r"^\d{12}$", required=False, allow_blank=True, default="", help_text="Số CCCD (12 chữ số)."
    )
    title = serializers.CharField(
        max_length=255, help_text="Mã hoặc tên danh hiệu cá nhân (LDTT, CSTD_CO_SO…)."
    )


class RegistrationCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    titles = serializers.ListField(
        child=serializers.CharField(max_length=255),
        required=False,
        default=list,
        max_length=50,
        help_text="Mã danh hiệu tập thể đăng ký.",
    )
    people = PersonSerializer(many=True, required=False, default=list)


class RegistrationEntrySerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField(source="title.code")


class RegistrationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name")
    titles = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    people = RegistrationEntrySerializer(source="entries", many=True)
    late = serializers.BooleanField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "status",
            "titles",
            "people",
            "due_date",
            "late",
            "comment",
            "submitted_at",
            "decided_at",
        ]


class RegistrationImportSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    file = serializers.FileField(help_text="XLSX với các cột tiếng Việt: Họ và tên, Số CCCD, Danh hiệu.")


class RegistrationImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class RegistrationImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = RegistrationImportErrorSerializer(many=True)


class RegistrationViewSet(viewsets.GenericViewSet):
    """Emulation registrations (đăng ký thi đua): a unit's for the year, sent, accepted or returned."""

    serializer_class = RegistrationSerializer
    lookup_value_regex = r"\d+"
    parser_classes = [SafeJSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": RegistrationImportSerializer},
        responses={200: RegistrationImportResultSerializer},
        description=(
            "Thêm người đăng ký từ tệp XLSX (tiêu đề tiếng Việt). Cùng người (số CCCD, hoặc họ tên khi không "
            "có CCCD) và cùng danh hiệu: bỏ qua, nên nhập lại cùng tệp không tạo gì mới."
        ),
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_people(self, request):
        data = RegistrationImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.registration_import(
            actor=request.user,
            year=data.validated_data["year"],
            uploaded=data.validated_data["file"],
            ip=client_ip(request),
        )
        return Response(RegistrationImportResultSerializer(result.as_dict()).data)

    def get_queryset(self):
        return selectors.registrations_visible_to(self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset().order_by("-year", "unit__name", "pk"))
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(RegistrationSerializer(get_object_or_404(self.get_queryset(), pk=pk)).data)

    # Forms are read too, but a form cannot carry a list of people (objects): the schema promises JSON.
    @extend_schema(
        request={"application/json": RegistrationCreateSerializer}, responses={201: RegistrationSerializer}
    )
    def create(self, request):
        data = RegistrationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        registration = services.registration_save(
            actor=request.user,
            year=v["year"],
            titles=v["titles"],
            people=[dict(p) for p in v["people"]],
            ip=client_ip(request),
        )
        return Response(
            RegistrationSerializer(self.get_queryset().get(pk=registration.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        item = get_object_or_404(self.get_queryset(), pk=pk)
        door.submit_registration(actor=request.user, registration=item, ip=client_ip(request))
        return Response(RegistrationSerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=None, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        item = get_object_or_404(self.get_queryset(), pk=pk)
        door.accept_registration(actor=request.user, registration=item, ip=client_ip(request))
        return Response(RegistrationSerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=CommentSerializer, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="return")
    def return_registration(self, request, pk=None):
        item = get_object_or_404(self.get_queryset(), pk=pk)
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        door.return_registration(
            actor=request.user,
            registration=item,
            comment=data.validated_data["comment"],
            ip=client_ip(request),
        )
        return Response(RegistrationSerializer(self.get_queryset().get(pk=pk)).data)
