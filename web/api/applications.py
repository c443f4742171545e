"""Citizens' applications for the Huy chương TNXP vẻ vang over the API.

The public files (multipart, no account, throttled) and tracks its own case by code and identity
number (one 404 for any wrong pair). The commune's clerk and Chairman list the applications filed
with their commune and act on them through ``/api/applications/{id}/transitions/<name>/`` (the
actions listed in ``available_actions``); the province sees the cases sent up. Once sent up, a case
is a nomination and moves through ``/api/nominations/{id}/transitions/<name>/`` like every dossier.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from nominations import selectors, services
from nominations.exceptions import InvalidInput, InvalidState
from nominations.models import ApplicationFile, CitizenApplication, Role
from workflows import actions as workflow_actions

from ..http import client_ip
from .batches import BoundedMultiPartParser

S = CitizenApplication.Status


class PeriodSerializer(serializers.Serializer):
    force = serializers.CharField(max_length=255)
    started_on = serializers.DateField()
    ended_on = serializers.DateField()


MAX_PERIODS = 20
_NAMES = {
    "force": gettext_lazy("Đơn vị, lực lượng"),
    "started_on": gettext_lazy("Từ ngày"),
    "ended_on": gettext_lazy("Đến ngày"),
}


@extend_schema_field(
    {
        "type": "array",
        "minItems": 1,
        "maxItems": MAX_PERIODS,
        "description": 'Các giai đoạn tham gia, một phần JSON: [{"force", "started_on", "ended_on"}].',
        "items": {
            "type": "object",
            "required": ["force", "started_on", "ended_on"],
            "properties": {
                "force": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"\S"},
                "started_on": {"type": "string", "format": "date"},
                "ended_on": {"type": "string", "format": "date"},
            },
        },
    }
)
class PeriodsField(serializers.JSONField):
    """The periods of service: a multipart part holding a JSON array of objects, each checked, and
    a refusal that names the period and the field in Vietnamese (not DRF's nested repr)."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not isinstance(value, list) or not value:
            raise serializers.ValidationError(_("Cần ít nhất một giai đoạn tham gia (danh sách JSON)."))
        if len(value) > MAX_PERIODS:
            raise serializers.ValidationError(_("Tối đa %(n)s giai đoạn tham gia.") % {"n": MAX_PERIODS})
        rows, problems = [], []
        for i, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                problems.append(_("Giai đoạn %(i)s: phải là một đối tượng JSON.") % {"i": i})
                continue
            row = PeriodSerializer(data=item)
            if row.is_valid():
                rows.append(row.validated_data)
                continue
            for name, errors in row.errors.items():
                messages = " ".join(str(e) for e in (errors if isinstance(errors, list) else [errors]))
                problems.append(
                    _("Giai đoạn %(i)s, %(field)s: %(messages)s")
                    % {"i": i, "field": _NAMES.get(name, name), "messages": messages}
                )
        if problems:
            raise serializers.ValidationError(" ".join(problems))
        return rows


class PublicApplicationSerializer(serializers.Serializer):
    commune = serializers.IntegerField(help_text="Mã số (id) xã, phường nơi cư trú.")
    applicant_name = serializers.CharField(max_length=150)
    applicant_identity = serializers.RegexField(r"^\d{12}$", help_text="Số định danh cá nhân (12 chữ số).")
    relationship = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=255)
    volunteer_name = serializers.CharField(max_length=150)
    volunteer_birth_year = serializers.IntegerField(min_value=1900, max_value=2100)
    volunteer_identity = serializers.RegexField(r"^\d{12}$", required=False, allow_blank=True)
    posthumous = serializers.BooleanField(required=False, default=False)
    death_note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    achievements = serializers.CharField(max_length=5000)
    periods = PeriodsField()
    declaration = serializers.FileField()
    proof = serializers.ListField(child=serializers.FileField(), min_length=1, max_length=5)
    martyr = serializers.FileField(required=False)


class TrackedSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.ChoiceField(choices=S.choices)
    status_label = serializers.CharField(source="get_status_display")
    commune = serializers.CharField(source="commune.name")
    volunteer_name = serializers.CharField()
    posthumous = serializers.BooleanField()
    missing_items = serializers.CharField(help_text="Giấy tờ cần bổ sung (khi bị trả lại).")
    commune_due_on = serializers.DateField(allow_null=True)
    posted_until = serializers.DateField(source="posting.closes_on", allow_null=True, default=None)
    province_due_on = serializers.DateField(allow_null=True)
    refusal_reason = serializers.CharField()
    result = serializers.CharField(source="result_note")


class ApplicationSerializer(TrackedSerializer):
    id = serializers.IntegerField()
    commune_id = serializers.IntegerField()
    channel = serializers.CharField()
    applicant_name = serializers.CharField()
    relationship = serializers.CharField()
    volunteer_birth_year = serializers.IntegerField()
    service_months = serializers.SerializerMethodField()
    nomination = serializers.IntegerField(source="nomination_id", allow_null=True)
    available_actions = serializers.SerializerMethodField()

    def get_service_months(self, obj) -> int:
        return sum(p.months for p in obj.periods.all())

    def get_available_actions(self, obj) -> list[str]:
        return available_actions(self.context["request"].user, obj)


def available_actions(user, application) -> list[str]:
    """What this user may do now on this application (the commune's clerk checks, its Chairman refuses)."""
    names = []
    clerk = services.is_commune_staff(user, application.commune_id, Role.UNIT_CLERK)
    if clerk and application.status in (S.FILED, S.RESUBMITTED):
        names += ["accept", "return_for_documents"]
    head = services.is_commune_staff(user, application.commune_id, Role.UNIT_HEAD)
    if head and application.status in (S.FILED, S.RETURNED, S.RESUBMITTED, S.COMPLETE, S.POSTED, S.REVIEWED):
        names.append("refuse")
    return names


class PublicApplicationsView(viewsets.GenericViewSet):
    """Filing without an account, and tracking one's own case."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public_apply"
    parser_classes = [BoundedMultiPartParser]
    serializer_class = PublicApplicationSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9]{4,20}"

    @extend_schema(
        request={"multipart/form-data": PublicApplicationSerializer},
        responses={201: inline_serializer("ApplicationCode", {"code": serializers.CharField()})},
        auth=[],
    )
    def create(self, request):
        data = PublicApplicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        commune = selectors.application_communes().filter(pk=v["commune"]).first()
        files = [(ApplicationFile.Kind.DECLARATION, v["declaration"])]
        files += [(ApplicationFile.Kind.PROOF, f) for f in v["proof"]]
        if v.get("martyr"):
            files.append((ApplicationFile.Kind.MARTYR, v["martyr"]))
        filing = services.Filing(
            **{
                k: v.get(k, "")
                for k in (
                    "applicant_name",
                    "applicant_identity",
                    "relationship",
                    "phone",
                    "email",
                    "address",
                    "volunteer_name",
                    "volunteer_identity",
                    "death_note",
                    "achievements",
                )
            },
            volunteer_birth_year=v["volunteer_birth_year"],
            posthumous=v.get("posthumous", False),
            periods=[services.Period(**p) for p in v["periods"]],
            files=files,
        )
        application = workflow_actions.file_application(commune=commune, filing=filing, ip=client_ip(request))
        return Response({"code": application.code}, status=201)

    @extend_schema(
        parameters=[OpenApiParameter("identity_number", OpenApiTypes.STR, required=True)],
        responses=TrackedSerializer,
        auth=[],
    )
    def retrieve(self, request, code=None):
        application = selectors.application_tracked(
            code=code, identity_number=request.query_params.get("identity_number") or ""
        )
        if application is None:
            raise Http404
        return Response(TrackedSerializer(application).data)

    def get_throttles(self):
        # Reading one's case is the public pages' rate; filing is the tighter one.
        if self.action == "retrieve":
            self.throttle_scope = "public"
        return super().get_throttles()


class TransitionBodySerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The applications filed with the user's commune; for the province, those sent up."""

    serializer_class = ApplicationSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        qs = selectors.applications_visible_to(self.request.user).prefetch_related("periods")
        status = self.request.query_params.get("status")
        if status:
            if status not in S.values:
                raise InvalidInput(_("Trạng thái không hợp lệ."), fields={"status": _("Không hợp lệ.")})
            qs = qs.filter(status=status)
        return qs.select_related("posting")

    @extend_schema(parameters=[OpenApiParameter("status", OpenApiTypes.STR, enum=S.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=TransitionBodySerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transition(self, request, pk=None, name=None):
        application = self.get_object()
        body = TransitionBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data.get("reason", "")
        ip = client_ip(request)
        if name in ("accept", "return_for_documents"):
            workflow_actions.check_application(
                application=application, actor=request.user, complete=name == "accept", missing=reason, ip=ip
            )
        elif name == "refuse":
            workflow_actions.refuse_application(
                application=application, actor=request.user, reason=reason, ip=ip
            )
        else:
            raise InvalidState(_("Thao tác không tồn tại."))
        application.refresh_from_db()
        return Response(ApplicationSerializer(application, context={"request": request}).data)
