"""Batches and council meetings over the API: the template's rows imported idempotently; a meeting
recorded once with its minutes and linked to every dossier it decided."""

from django.core.exceptions import TooManyFieldsSent
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from nominations import selectors, services
from nominations.exceptions import NotPermitted
from nominations.models import CouncilMeeting, Role
from nominations.policy.permissions import has_any_role

from ..http import client_ip


class BoundedMultiPartParser(MultiPartParser):
    """Multipart with Django's field limit told as the API's 400 (JSON), not Django's HTML page."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type=media_type, parser_context=parser_context)
        except TooManyFieldsSent as exc:
            raise ParseError(_("Quá nhiều trường trong một lần gửi (tối đa 900 hồ sơ mỗi lần).")) from exc


class BatchImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="XLSX theo tệp mẫu (tiêu đề tiếng Việt, hoặc mã của tệp mẫu cũ).")


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Dòng trong tệp (1: dòng tiêu đề; 0: cả tệp).")
    column = serializers.CharField(help_text="Tiêu đề cột của tệp mẫu; rỗng nếu lỗi không thuộc cột nào.")
    message = serializers.CharField()


class BatchImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True)


class BatchViewSet(viewsets.GenericViewSet):
    """The unit's batches (tờ trình theo đợt)."""

    lookup_value_regex = r"\d+"
    serializer_class = BatchImportResultSerializer

    def get_queryset(self):
        if not has_any_role(self.request.user, Role.UNIT_CLERK):
            raise NotPermitted()
        return selectors.batches_of(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": BatchImportSerializer},
        responses={200: BatchImportResultSerializer},
        description=(
            "Nhập danh sách từ tệp mẫu. Cùng người (số CCCD, hoặc họ tên và ngày sinh khi không có CCCD), "
            "cùng danh hiệu và năm: cập nhật, không tạo trùng; nhập lại cùng tệp không tạo gì mới. "
            "Mọi lỗi của tệp được liệt kê một lần, theo dòng và cột; các dòng không lỗi vẫn được nhập."
        ),
    )
    @action(
        detail=True, methods=["post"], url_path="import", parser_classes=[BoundedMultiPartParser, FormParser]
    )
    def import_rows(self, request, pk=None):
        batch = get_object_or_404(self.get_queryset(), pk=pk)
        data = BatchImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.batch_import_nominees(
            batch=batch, actor=request.user, uploaded=data.validated_data["file"], ip=client_ip(request)
        )
        return Response(BatchImportResultSerializer(result.as_dict()).data)


class MeetingCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CouncilMeeting.Kind.choices)
    date = serializers.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"], help_text="Ngày họp.")
    members = serializers.IntegerField(min_value=1, max_value=10000, help_text="Tổng số thành viên Hội đồng.")
    present = serializers.IntegerField(min_value=0, max_value=10000, help_text="Số thành viên có mặt.")
    attendees = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    minutes = serializers.FileField(help_text="Biên bản phiên họp (PDF).")
    dossiers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62),
        required=False,
        default=list,
        # Under Django's limit of form fields in one request (DATA_UPLOAD_MAX_NUMBER_FIELDS, 1,000).
        max_length=900,
        help_text="Hồ sơ (id) phiên họp đã xét (tối đa 900 mỗi lần gửi).",
    )


class MeetingSerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="held_on")
    members = serializers.IntegerField(source="members_total")
    present = serializers.IntegerField(source="members_present")
    kind_display = serializers.CharField(source="get_kind_display")
    dossiers = serializers.SerializerMethodField()
    minutes_sha256 = serializers.SerializerMethodField()

    class Meta:
        model = CouncilMeeting
        fields = [
            "id",
            "kind",
            "kind_display",
            "date",
            "members",
            "present",
            "attendees",
            "dossiers",
            "minutes_sha256",
        ]

    def get_dossiers(self, meeting) -> list[int]:
        return sorted(meeting.nominations.values_list("pk", flat=True))

    def get_minutes_sha256(self, meeting) -> str:
        minutes = meeting.minutes
        return minutes.sha256 if minutes else ""


class MeetingViewSet(viewsets.GenericViewSet):
    """Council meetings: recorded once, linked to the dossiers they decided; a vote
    (``transitions/record_vote/`` with ``meeting``) then records the meeting."""

    serializer_class = MeetingSerializer
    lookup_value_regex = r"\d+"
    parser_classes = [BoundedMultiPartParser, FormParser]

    def get_queryset(self):
        return services.meetings_for(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": MeetingCreateSerializer}, responses={201: MeetingSerializer}
    )
    def create(self, request):
        data = MeetingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        meeting = services.meeting_record(
            actor=request.user,
            kind=v["kind"],
            held_on=v["date"],
            members_total=v["members"],
            members_present=v["present"],
            attendees=v["attendees"],
            minutes=v["minutes"],
            nominations=v["dossiers"],
            ip=client_ip(request),
        )
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=MeetingSerializer)
    def retrieve(self, request, pk=None):
        if not any(has_any_role(request.user, *roles) for roles in services.MEETING_RECORDERS.values()):
            raise NotPermitted(_("Bạn không ghi được phiên họp của Hội đồng nào."))
        return Response(MeetingSerializer(get_object_or_404(self.get_queryset(), pk=pk)).data)
