"""API shapes. Serializers validate input shape only; services decide what is allowed."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from nominations import selectors
from nominations.models import AuditEvent, AwardType, Document, DocumentKind, Movement, Nomination, Stage
from nominations.publishing.decision_pdf import verification_url
from nominations.review_record import edit_changes, latest_appraisal, latest_vote
from nominations.services import EDITABLE_FIELDS


class ChecklistItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    passed = serializers.BooleanField()


class RuleResultSerializer(serializers.Serializer):
    name = serializers.CharField()
    passed = serializers.BooleanField()
    message = serializers.CharField(allow_blank=True)


class AppraisalSerializer(serializers.Serializer):
    appraiser = serializers.CharField(help_text="Họ tên chuyên viên thẩm định")
    appraiser_id = serializers.IntegerField()
    at = serializers.DateTimeField()
    checklist = ChecklistItemSerializer(many=True)
    rules = RuleResultSerializer(many=True, help_text="Kết quả kiểm tra tự động chuyên viên đã thấy")
    justification = serializers.CharField(allow_blank=True)
    failed = serializers.ListField(child=serializers.CharField())
    check_failed = serializers.BooleanField(help_text="Có tiêu chí kiểm tra chưa đạt")


class VoteSerializer(serializers.Serializer):
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    members_present = serializers.IntegerField()
    members_total = serializers.IntegerField()
    threshold_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    threshold_base = serializers.CharField(allow_blank=True)
    threshold_strict = serializers.BooleanField(allow_null=True)
    rule = serializers.CharField()
    passed = serializers.BooleanField()
    text = serializers.CharField()
    at = serializers.DateTimeField()


class NominationSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    cluster = serializers.IntegerField(source="cluster_id", read_only=True, allow_null=True)
    award_type = serializers.SlugRelatedField(slug_field="code", queryset=AwardType.objects.all())
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    movement = serializers.PrimaryKeyRelatedField(
        queryset=Movement.objects.all(), allow_null=True, required=False
    )
    nominee_gender = serializers.ChoiceField(
        choices=Nomination.Gender.choices, required=False, allow_blank=True
    )
    returned_from = serializers.ChoiceField(
        choices=Stage.choices,
        read_only=True,
        allow_blank=True,
        help_text="Bước đã trả lại hồ sơ; rỗng nếu hồ sơ không ở trạng thái bị trả lại.",
    )
    due_date = serializers.DateTimeField(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()
    path = serializers.CharField(
        read_only=True, help_text="unit: đơn vị quyết định; province: cấp tỉnh; upward: trình cấp trên"
    )
    available_actions = serializers.SerializerMethodField(
        help_text="Các thao tác (transitions) người gọi được thực hiện ngay bây giờ."
    )
    appraisal = serializers.SerializerMethodField(
        help_text="Kết quả thẩm định gần nhất: danh mục kiểm tra, kết quả kiểm tra tự động, giải trình, chuyên viên."
    )
    confirm_identity = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Xác nhận số CCCD đã có trong hệ thống dưới tên khác là cùng một người.",
    )
    vote = serializers.SerializerMethodField(
        help_text="Kết quả biểu quyết gần nhất: số phiếu, số có mặt, tổng số thành viên, ngưỡng đã áp dụng."
    )
    registered = serializers.SerializerMethodField(
        help_text=(
            "Người, tập thể được đề nghị có trong đăng ký thi đua đã gửi của đơn vị năm đó không; "
            "null khi đơn vị không gửi đăng ký năm đó. Chỉ có ở GET /api/nominations/{id}/ (null trong danh sách)."
        )
    )

    class Meta:
        model = Nomination
        # What a unit may set is the service's list (EDITABLE_FIELDS); the rest is read-only.
        fields = [
            "id",
            "status",
            "status_display",
            "path",
            "available_actions",
            "appraisal",
            "vote",
            "unit",
            "unit_name",
            "cluster",
            "award_type_name",
            *EDITABLE_FIELDS,
            "registered",
            "confirm_identity",
            "version",
            "returned_from",
            "due_date",
            "overdue",
            "created_at",
            "submitted_at",
            "status_changed_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "version",
            "returned_from",
            "created_at",
            "submitted_at",
            "status_changed_at",
        ]
        extra_kwargs = {
            "nominee_birth_year": {
                "required": False,
                "allow_null": True,
                "min_value": 1900,
                "max_value": 2100,
            },
            "year": {"min_value": 2000, "max_value": 2100},
            "nominee_name": {"max_length": 255},
            # Personal data: accepted, never echoed back (the screens show it masked).
            "nominee_citizen_id": {"write_only": True, "required": False},
        }

    def get_registered(self, obj) -> bool | None:
        view = self.context.get("view")
        if getattr(view, "action", None) == "list":
            return None  # one read per row: asked of one dossier, not of a page
        return selectors.nominee_registered(obj)

    def get_overdue(self, obj) -> bool:
        from django.utils import timezone

        due = getattr(obj, "due_date", None)
        return bool(due and due < timezone.now())

    @extend_schema_field(AppraisalSerializer(allow_null=True))
    def get_appraisal(self, obj):
        record = latest_appraisal(obj) if obj.pk else None
        return AppraisalSerializer(record.as_dict()).data if record else None

    @extend_schema_field(VoteSerializer(allow_null=True))
    def get_vote(self, obj):
        record = latest_vote(obj) if obj.pk else None
        return VoteSerializer(record.as_dict()).data if record else None

    def get_available_actions(self, obj) -> list[str]:
        from workflows.actions import available_actions

        request = self.context.get("request")
        return available_actions(request.user, obj) if request is not None and obj.pk else []


class DocumentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "kind_display",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "dossier_version",
            "superseded",
            "uploaded_by",
            "uploaded_at",
            "file_url",
        ]

    def get_file_url(self, obj) -> str:
        return reverse("api:nomination-document-file", args=[obj.nomination_id, obj.pk])


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField(allow_empty_file=True)


class TransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    votes_for = serializers.IntegerField(required=False, min_value=0, max_value=10000)
    votes_against = serializers.IntegerField(required=False, min_value=0, max_value=10000)
    members_present = serializers.IntegerField(required=False, min_value=0, max_value=10000)
    members_total = serializers.IntegerField(required=False, min_value=0, max_value=10000)
    meeting = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="record_vote: the recorded meeting (POST /api/meetings/) the vote was taken at.",
    )
    checklist = serializers.DictField(child=serializers.BooleanField(), required=False)
    justification = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class TransitionInfoSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField(allow_blank=True)
    new = serializers.CharField(allow_blank=True)


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True, default=None)
    action_display = serializers.CharField(read_only=True)
    changes = serializers.SerializerMethodField(help_text="Sửa hồ sơ: các trường đã thay đổi, cũ → mới.")

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "action",
            "action_display",
            "from_status",
            "to_status",
            "comment",
            "changes",
        ]

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, obj):
        return ChangeSerializer(edit_changes(obj), many=True).data


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage = serializers.CharField(source="flow_task.name")
    stage_display = serializers.CharField(source="flow_task.task_title")
    status = serializers.CharField()
    nomination = serializers.IntegerField(source="process.nominationprocess.nomination.pk")
    nominee_name = serializers.CharField(source="process.nominationprocess.nomination.nominee_name")
    unit = serializers.CharField(source="process.nominationprocess.nomination.unit.name")
    due_date = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    assigned_to = serializers.CharField(source="owner.username", allow_null=True, default=None)

    def _deadline(self, obj):
        return getattr(obj, "deadline", None)

    def get_due_date(self, obj) -> str | None:
        deadline = self._deadline(obj)
        return deadline.due_at.isoformat() if deadline else None

    def get_overdue(self, obj) -> bool:
        from django.utils import timezone

        deadline = self._deadline(obj)
        return bool(deadline and deadline.due_at < timezone.now())


class EligibilitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    passed = serializers.BooleanField()
    evidence = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField(allow_blank=True)
    warning = serializers.BooleanField(help_text="Đạt, kèm cảnh báo (ví dụ: không có trong đăng ký thi đua).")


class DecisionLineSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    nomination = serializers.IntegerField(source="nomination_id")
    nominee_name = serializers.CharField()
    unit_name = serializers.CharField()
    award_type = serializers.CharField(source="award_type.code")
    coefficient = serializers.DecimalField(max_digits=6, decimal_places=2)
    base_salary = serializers.IntegerField()
    amount = serializers.IntegerField()
    result = serializers.CharField(
        allow_blank=True, help_text="Kết quả của cấp trên (tờ trình): awarded, not_awarded, returned"
    )
    result_reason = serializers.CharField(allow_blank=True)
    result_decision_number = serializers.CharField(allow_blank=True)
    result_decision_date = serializers.DateField(allow_null=True)
    result_issuer = serializers.CharField(allow_blank=True)


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    unit = serializers.IntegerField(source="unit_id", allow_null=True)
    issuer_name = serializers.CharField()
    number = serializers.CharField(allow_blank=True)
    status = serializers.CharField(
        help_text="draft, leader_signed (đã ký, chờ văn thư phát hành), signed (đã phát hành), cancelled"
    )
    title = serializers.CharField()
    signer = serializers.CharField(source="signer.username", allow_null=True, default=None)
    signer_title = serializers.CharField(allow_blank=True)
    decision_date = serializers.DateField(allow_null=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    issued_by = serializers.CharField(source="issued_by.username", allow_null=True, default=None)
    sha256 = serializers.CharField(allow_blank=True)
    total_amount = serializers.IntegerField()
    lines = DecisionLineSerializer(many=True)


class SignSerializer(serializers.Serializer):
    pin = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=64,
        help_text="Mã PIN của thiết bị ký số, khi không cấu hình sẵn trong biến môi trường",
    )


class RecallSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class DecisionCreateSerializer(serializers.Serializer):
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), min_length=1, max_length=2000
    )
    signer = serializers.IntegerField(required=False, min_value=1, max_value=2**62)


class ProposalCreateSerializer(serializers.Serializer):
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), min_length=1, max_length=2000
    )


class ResultLineSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(min_value=1, max_value=2**62)
    result = serializers.ChoiceField(choices=["awarded", "not_awarded", "returned"])
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ProposalResultSerializer(serializers.Serializer):
    decision_number = serializers.CharField(max_length=50)
    decision_date = serializers.DateField()
    issuer = serializers.CharField(max_length=100, help_text="Thủ tướng Chính phủ hoặc Chủ tịch nước")
    lines = ResultLineSerializer(many=True, min_length=1, max_length=2000)


class PublicAwardSerializer(serializers.Serializer):
    nominee_name = serializers.CharField()
    nominee_kind = serializers.CharField()
    unit = serializers.CharField(source="unit.name")
    award_type = serializers.CharField(source="award_type.code")
    award_type_name = serializers.CharField(source="award_type.name")
    year = serializers.IntegerField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    issuer = serializers.SerializerMethodField(help_text="who issued the decision, as running text names it")
    verification_url = serializers.SerializerMethodField(
        help_text="the public page that verifies the decision"
    )

    def get_issuer(self, record) -> str:
        decision = record.decision
        return (decision.issuer_text or decision.issuer_name) if decision is not None else ""

    def get_verification_url(self, record) -> str:
        return verification_url(record.decision_number) if record.decision_number else ""


class SignatureCheckSerializer(serializers.Serializer):
    organisation_signature = serializers.BooleanField(
        help_text="false: the signer's own; true: the organisation's"
    )
    name = serializers.CharField()
    organisation = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    intact = serializers.BooleanField()
    trusted = serializers.BooleanField(help_text="the chain ends in the configured trust list")
    revoked = serializers.BooleanField()


class VerifiedDocumentSerializer(serializers.Serializer):
    signatures = SignatureCheckSerializer(many=True, required=False)
    number = serializers.CharField()
    kind = serializers.CharField()
    issuer = serializers.CharField()
    signer = serializers.CharField()
    signed_at = serializers.DateTimeField(allow_null=True)
    decision_date = serializers.DateField(allow_null=True)
    title = serializers.CharField()


class VerifySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["valid", "exists", "invalid"],
        help_text="valid: the hash is the signed file's; exists: number alone, the signed documents bearing it; "
        "invalid: see reason.",
    )
    valid = serializers.BooleanField()
    number = serializers.CharField(required=False)
    kind = serializers.CharField(required=False)
    issuer = serializers.CharField(required=False)
    signed_at = serializers.DateTimeField(required=False, allow_null=True)
    decision_date = serializers.DateField(required=False, allow_null=True)
    title = serializers.CharField(required=False)
    signer = serializers.CharField(required=False)
    matches = VerifiedDocumentSerializer(many=True, required=False)
    reason = serializers.CharField(required=False)
    intact = serializers.BooleanField(required=False)
    trusted = serializers.BooleanField(required=False)
    url = serializers.CharField(required=False, help_text="the QR code's target")
    signatures = SignatureCheckSerializer(many=True, required=False)


class QueryBooleanField(serializers.BooleanField):
    """A query flag: ``true``/``false`` (or ``1``/``0``), or absent. DRF's own field also takes
    ``null``, an empty value, ``yes`` or ``on``, which the schema's boolean does not promise."""

    TRUE_WIRE, FALSE_WIRE = {"true", "1"}, {"false", "0"}

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, default=None, **kwargs)

    def get_value(self, dictionary):
        # DRF reads an empty form value as null; a query flag sent empty is not a boolean.
        return dictionary.get(self.field_name, empty)

    def to_internal_value(self, data):
        if data in self.TRUE_WIRE or data is True:
            return True
        if data in self.FALSE_WIRE or data is False:
            return False
        self.fail("invalid", input=data)
