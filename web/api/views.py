"""REST endpoints: validate input, call one service or the workflow door, serialize.

Scope is the selectors': outside it, everything is 404.
"""

from django.contrib.auth import authenticate
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from nominations import selectors, services
from nominations.exceptions import NotPermitted
from nominations.models import Decision, Nomination, Role
from nominations.policy import eligibility
from nominations.policy.permissions import require_role
from nominations.policy.stages import ACTION_BY_NAME, TRANSITIONS
from nominations.publishing.decision_pdf import render_certificates
from nominations.publishing.verification import verify_decision
from nominations.review_record import APPRAISALS
from nominations.uploads import ALLOWED as ALLOWED_TYPES
from workflows import actions as workflow_actions
from workflows import selectors as task_selectors
from workflows.selectors import with_due_date

from .. import lockout
from ..http import client_ip, open_stored
from .auth import LoginThrottle, issue_token
from .parsers import SafeJSONParser
from .serializers import (
    AuditEventSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    EligibilitySerializer,
    NominationSerializer,
    ProposalCreateSerializer,
    ProposalResultSerializer,
    PublicAwardSerializer,
    QueryBooleanField,
    RecallSerializer,
    SignSerializer,
    TaskSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    TransitionInfoSerializer,
    TransitionSerializer,
    VerifySerializer,
)


class TokenView(APIView):
    """Exchange a username and password for an API token (it expires); DELETE revokes the caller's."""

    throttle_classes = [LoginThrottle]
    throttle_scope = "auth"

    def _logging_in(self) -> bool:
        request = getattr(self, "request", None)
        return request is None or request.method == "POST"

    def get_authenticators(self):
        # Logging in never reads a token: an expired one in the header must not stand in the way.
        return [] if self._logging_in() else super().get_authenticators()

    def get_permissions(self):
        return [AllowAny()] if self._logging_in() else super().get_permissions()

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The lockout counts in the authentication backend, as for every other way in.
        user = authenticate(request, **data.validated_data)
        refusal = lockout.refusal(request)
        if refusal is not None:
            raise NotPermitted(refusal.message)
        if user is None or not user.is_active:
            raise serializers.ValidationError({"password": _("Tên đăng nhập hoặc mật khẩu không đúng.")})
        return Response({"token": issue_token(user).key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# The list's filters, and the schema's parameters of the list only (the dossier's own addresses
# take none): the same fields, so a bound the API enforces is a bound the schema states.
FILTER_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=Nomination.Status.values),
    OpenApiParameter("year", {"type": "integer", "minimum": 1, "maximum": 9999}),
    OpenApiParameter(
        "award_type", {"type": "string", "maxLength": 40}, description="Mã danh hiệu, ví dụ BANG_KHEN_TINH"
    ),
    OpenApiParameter("unit", {"type": "integer", "minimum": 1, "maximum": 2**62}),
    OpenApiParameter("cluster", {"type": "integer", "minimum": 1, "maximum": 2**62}),
    OpenApiParameter("route", {"type": "string", "maxLength": 20}),
    OpenApiParameter("overdue", OpenApiTypes.BOOL, description="true: quá hạn; false: chưa quá hạn"),
    OpenApiParameter("search", {"type": "string", "maxLength": 10000}, description="Không phân biệt dấu"),
]


class NominationFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=Nomination.Status.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=1, max_value=9999)
    award_type = serializers.CharField(required=False, max_length=40)
    unit = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    cluster = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    route = serializers.CharField(required=False, max_length=20)
    overdue = QueryBooleanField()
    search = serializers.CharField(required=False, allow_blank=True, max_length=10000, trim_whitespace=False)


class PublicAwardFilter(serializers.Serializer):
    search = serializers.CharField(required=False, allow_blank=True, max_length=10000, trim_whitespace=False)
    year = serializers.IntegerField(required=False, min_value=1, max_value=9999)
    unit = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    award_type = serializers.CharField(required=False, max_length=40)


@extend_schema_view(
    list=extend_schema(parameters=FILTER_PARAMETERS),
    # Forms are read too (a browser's fetch), but a form cannot say null (movement, birth date):
    # the schema promises JSON, which can.
    create=extend_schema(request={"application/json": NominationSerializer}),
    partial_update=extend_schema(request={"application/json": NominationSerializer}),
)
class NominationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Nominations the caller may see; create and edit drafts of the caller's unit."""

    serializer_class = NominationSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [SafeJSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if self.action != "list":
            return with_due_date(
                selectors.nominations_visible_to(self.request.user)
                .select_related("unit", "award_type")
                .prefetch_related(APPRAISALS, "votes")
            )
        params = NominationFilter(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        f = params.validated_data
        qs = selectors.nomination_list(
            user=self.request.user,
            status=f.get("status"),
            year=f.get("year"),
            award_type=f.get("award_type"),
            unit=f.get("unit"),
            cluster=f.get("cluster"),
            route=f.get("route"),
            search=f.get("search"),
        )
        qs = with_due_date(qs).prefetch_related(APPRAISALS, "votes")
        if f.get("overdue") is True:
            qs = qs.filter(due_date__lt=timezone.now())
        elif f.get("overdue") is False:
            qs = qs.exclude(due_date__lt=timezone.now())
        return qs

    def _fresh(self, pk):
        return self.get_queryset().get(pk=pk)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        nomination = services.nomination_create(
            actor=request.user, ip=client_ip(request), **serializer.validated_data
        )
        return Response(self.get_serializer(self._fresh(nomination.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        nomination = self.get_object()
        serializer = self.get_serializer(nomination, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.nomination_update(
            nomination=nomination, actor=request.user, ip=client_ip(request), **serializer.validated_data
        )
        return Response(self.get_serializer(self._fresh(nomination.pk)).data)

    @extend_schema(
        request=DocumentUploadSerializer,
        responses={200: DocumentSerializer(many=True), 201: DocumentSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser],  # a file travels in multipart only
        pagination_class=None,
    )
    def documents(self, request, pk=None):
        nomination = self.get_object()
        if request.method == "GET":
            docs = selectors.nomination_documents(nomination=nomination)
            return Response(DocumentSerializer(docs, many=True).data)
        data = DocumentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_add(
            nomination=nomination,
            actor=request.user,
            kind=data.validated_data["kind"],
            uploaded=data.validated_data["file"],
            ip=client_ip(request),
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, media): OpenApiTypes.BINARY for media in ALLOWED_TYPES.values()})
    @action(
        detail=True, methods=["get"], url_path=r"documents/(?P<doc_id>\d+)/file", url_name="document-file"
    )
    def document_file(self, request, pk=None, doc_id=None):
        document = selectors.document_for(user=request.user, nomination_pk=pk, document_pk=doc_id)
        return FileResponse(
            open_stored(document.file),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )

    @extend_schema(responses=TransitionInfoSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def transitions(self, request, pk=None):
        nomination = self.get_object()
        allowed = workflow_actions.available_actions(request.user, nomination)
        return Response([{"name": a, "label": str(ACTION_BY_NAME[a].label)} for a in allowed])

    @extend_schema(request=TransitionSerializer, responses=NominationSerializer)
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)", url_name="transition")
    def transition(self, request, pk=None, name=None):
        nomination = self.get_object()
        if name not in TRANSITIONS:
            raise NotFound(_("Không có thao tác này."))
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        spec = ACTION_BY_NAME[name]
        missing = [k for k in spec.required_params if k not in data.validated_data]
        if missing:
            raise serializers.ValidationError({k: _("Bắt buộc khi ghi kết quả biểu quyết.") for k in missing})
        params = {k: v for k, v in data.validated_data.items() if k in spec.params}
        workflow_actions.perform(
            user=request.user, nomination_id=nomination.pk, action=name, ip=client_ip(request), **params
        )
        return Response(self.get_serializer(self._fresh(nomination.pk)).data)

    @extend_schema(responses=EligibilitySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def eligibility(self, request, pk=None):
        nomination = self.get_object()
        return Response([r.as_dict() for r in eligibility.evaluate(nomination)])

    @extend_schema(responses=AuditEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        nomination = self.get_object()
        events = selectors.nomination_timeline(nomination=nomination).select_related("actor")
        return Response(AuditEventSerializer(events, many=True).data)

    def permission_denied(self, request, message=None, code=None):
        if request.user and request.user.is_authenticated:
            raise NotPermitted()
        super().permission_denied(request, message=message, code=code)


TASK_QUEUES = task_selectors.TASK_QUEUES


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("queue", OpenApiTypes.STR, enum=list(TASK_QUEUES), default="inbox")],
        responses=TaskSerializer(many=True),
    )
)
class TaskViewSet(viewsets.GenericViewSet):
    """The caller's open human tasks: taken (inbox), offered to the group (queue), past due (overdue)."""

    serializer_class = TaskSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        which = self.request.query_params.get("queue", "inbox")
        if which not in TASK_QUEUES:
            raise serializers.ValidationError({"queue": _("Giá trị hợp lệ: inbox, queue, overdue.")})
        return TASK_QUEUES[which](user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(TaskSerializer(page, many=True).data)

    def _scoped(self, pk):
        task = task_selectors.task_for(user=self.request.user, task_id=pk)
        if task is None:
            raise NotFound(_("Không tìm thấy."))
        return task

    @extend_schema(request=None, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        self._scoped(pk)
        workflow_actions.claim(user=request.user, task_id=int(pk))
        return Response(TaskSerializer(self._scoped(pk)).data)

    @extend_schema(request=None, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        self._scoped(pk)
        workflow_actions.release(user=request.user, task_id=int(pk))
        return Response(TaskSerializer(self._scoped(pk)).data)


# A unit clerk reads the documents that name their unit's people (selectors.decisions_list scopes it).
READERS = (Role.LEADER, Role.AGENCY_HEAD, Role.APPRAISER, Role.UNIT_HEAD, Role.UNIT_CLERK, Role.CLERK_OFFICE)
SIGNERS = (Role.LEADER, Role.UNIT_HEAD)


class DecisionViewSet(viewsets.GenericViewSet):
    """Award decisions: the provincial leaders' and the unit heads' (in their unit's register).

    A unit head drafts and signs their own unit's titles; a leader the provincial awards;
    the agency head reads.
    """

    serializer_class = DecisionSerializer
    lookup_value_regex = r"\d+"
    kind = Decision.Kind.DECISION

    def _require(self, *roles):
        require_role(self.request.user, *roles)

    def get_queryset(self):
        return selectors.decisions_list(user=self.request.user, kind=self.kind)

    def _one(self, pk):
        return get_object_or_404(self.get_queryset(), pk=pk)

    @extend_schema(responses=DecisionSerializer(many=True))
    def list(self, request):
        self._require(*READERS)
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(DecisionSerializer(page, many=True).data)

    @extend_schema(request=DecisionCreateSerializer, responses={201: DecisionSerializer})
    def create(self, request):
        self._require(*SIGNERS)
        data = DecisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signer = None
        if data.validated_data.get("signer"):
            signer = selectors.leaders().filter(pk=data.validated_data["signer"]).first()
            if signer is None:
                raise serializers.ValidationError({"signer": _("Người ký phải là lãnh đạo UBND tỉnh.")})
        decision = services.decision_create_draft(
            actor=request.user, nomination_ids=data.validated_data["nominations"], signer=signer
        )
        return Response(DecisionSerializer(self._one(decision.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=DecisionSerializer)
    def retrieve(self, request, pk=None):
        self._require(*READERS)
        return Response(DecisionSerializer(self._one(pk)).data)

    @extend_schema(request=SignSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        """The signer signs with their own certificate (their token or remote-signing service).

        Where the issuer has issuance by the văn thư the document becomes ``leader_signed`` (no
        number yet); otherwise it is numbered and issued at once. 409 when the signer has no
        signing method, or the token holds another person's certificate."""
        self._require(*SIGNERS)
        self._one(pk)
        data = SignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workflow_actions.sign_decision(
            user=request.user, decision_id=int(pk), ip=client_ip(request), pin=data.validated_data.get("pin")
        )
        return Response(DecisionSerializer(self._one(pk)).data)

    @extend_schema(request=None, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """The văn thư assigns the number and date from the register, applies the organisation's
        signature (with the seal) and issues: the nominations are awarded (or forwarded) now."""
        self._require(Role.CLERK_OFFICE)
        self._one(pk)
        workflow_actions.issue_decision(user=request.user, decision_id=int(pk), ip=client_ip(request))
        return Response(DecisionSerializer(self._one(pk)).data)

    @extend_schema(request=RecallSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def recall(self, request, pk=None):
        """The signer takes back a document signed but not yet issued: it is a draft again."""
        self._require(*SIGNERS)
        self._one(pk)
        data = RecallSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workflow_actions.recall_decision(
            user=request.user,
            decision_id=int(pk),
            reason=data.validated_data["reason"],
            ip=client_ip(request),
        )
        return Response(DecisionSerializer(self._one(pk)).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        self._require(*READERS)
        decision = self._one(pk)
        if decision.status not in (Decision.Status.SIGNED, Decision.Status.LEADER_SIGNED):
            raise NotFound(_("Không tìm thấy."))
        return FileResponse(open_stored(decision.pdf), content_type="application/pdf")

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def certificates(self, request, pk=None):
        """Every certificate of an issued decision in one PDF, in the annex's order (a unit named in
        another's decision: its own people's). 404 for a draft, a letter or a decision not visible."""
        self._require(*READERS)
        decision = self._one(pk)
        if decision.status != Decision.Status.SIGNED or decision.kind != Decision.Kind.DECISION:
            raise NotFound(_("Không tìm thấy."))
        lines = list(selectors.certificate_lines(decision=decision, user=request.user))
        if not lines:
            raise NotFound(_("Không tìm thấy."))
        return HttpResponse(render_certificates(lines, decision), content_type="application/pdf")


class ProposalViewSet(DecisionViewSet):
    """Proposal letters (tờ trình) of the provincial Chairman to the central level.

    A leader drafts and signs (the nominations are forwarded); the Standing agency
    (appraiser, agency head) records the central result, line by line.
    """

    kind = Decision.Kind.PROPOSAL
    certificates = None  # a letter proposes; certificates come with the central decision

    @extend_schema(request=ProposalCreateSerializer, responses={201: DecisionSerializer})
    def create(self, request):
        self._require(Role.LEADER)
        data = ProposalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.decision_create_draft(
            actor=request.user, nomination_ids=data.validated_data["nominations"], kind=self.kind
        )
        return Response(DecisionSerializer(self._one(proposal.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SignSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        self._require(Role.LEADER)
        return super().sign(request, pk=pk)

    @extend_schema(request=ProposalResultSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        self._require(Role.APPRAISER, Role.AGENCY_HEAD)
        self._one(pk)
        data = ProposalResultSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workflow_actions.record_proposal_result(
            user=request.user, proposal_id=int(pk), ip=client_ip(request), **data.validated_data
        )
        return Response(DecisionSerializer(self._one(pk)).data)


@extend_schema(
    parameters=[p for p in FILTER_PARAMETERS if p.name in PublicAwardFilter().fields],
    auth=[],
)
class PublicAwardsView(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published awards (no login, no personal data)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"
    serializer_class = PublicAwardSerializer

    def get_queryset(self):
        params = PublicAwardFilter(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        f = params.validated_data
        return selectors.published_awards(
            search=f.get("search") or "",
            year=f.get("year"),
            award_type=f.get("award_type") or "",
            unit=f.get("unit"),
        )


class VerifyQuery(serializers.Serializer):
    number = serializers.CharField(max_length=50, trim_whitespace=False)
    sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}\Z", required=False)


class VerifyView(APIView):
    """Is this a decision we signed? By number alone (which signed documents bear it), or by number
    and the SHA-256 of the file (is this file the signed one). Case and spacing of the number are ignored."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public"

    @extend_schema(
        parameters=[
            OpenApiParameter("number", {"type": "string", "minLength": 1, "maxLength": 50}, required=True),
            OpenApiParameter(
                "sha256",
                {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
                required=False,
                description="SHA-256 của tệp, 64 chữ số hệ 16",
            ),
        ],
        responses=VerifySerializer,
        auth=[],
    )
    def get(self, request):
        query = VerifyQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        number, sha = query.validated_data["number"], query.validated_data.get("sha256", "").lower()
        result = verify_decision(number=number, data=None, sha256=sha)
        return Response(VerifySerializer(result).data)
