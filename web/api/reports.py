"""Report endpoints: the statistical forms, the summary, processing times (JSON, XLSX, PDF).

Every figure is in the caller's scope (a unit its own, a reviewer their clusters', the province
everything); bad dates or a bad grouping are a 400 with a Vietnamese detail.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from nominations import reports
from nominations.exceptions import InvalidInput
from nominations.reports import pdf as report_pdf
from nominations.reports import xlsx as report_xlsx
from nominations.reports.period import header_for
from nominations.text import slug
from workflows import reports as engine_reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


PERIOD_PARAMS = [
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        required=False,
        description="YYYY-MM-DD. Ghi cùng `to` (một ngày thiếu ngày kia là 400); không ghi cả hai ngày: năm "
        "báo cáo kết thúc 30/11 năm nay (từ 01/12 là năm vừa kết thúc), như màn hình báo cáo. Kỳ dài tối đa "
        "5 năm, `to` không trước `from` (400).",
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        required=False,
        description="YYYY-MM-DD, ghi cùng `from`, không trước `from`.",
    ),
]
FORMAT_PARAM = OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx", "pdf"], required=False)


# The response shapes, for the schema. "from" is a Python keyword: the period is built with type().
ReportPeriodSerializer = type(
    "ReportPeriodSerializer",
    (serializers.Serializer,),
    {
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "kind": serializers.CharField(),
        "label": serializers.CharField(),
    },
)


class ReportFormColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    group = serializers.CharField()


class ReportFormCellSerializer(serializers.Serializer):
    column = serializers.CharField(help_text="the column's key (columns[].key)")
    value = serializers.IntegerField()


class ReportFormRowSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã số of the row (01 = Tổng số)")
    label = serializers.CharField()
    section = serializers.CharField(help_text="heading printed above the row, or empty")
    indent = serializers.IntegerField(help_text="1 for a 'trong đó' / sub-row")
    values = serializers.DictField(child=serializers.IntegerField(), help_text="column key → value")
    cells = ReportFormCellSerializer(many=True, help_text="the row's cells in the columns' order")


class ReportFormSumSerializer(serializers.Serializer):
    of = serializers.ChoiceField(choices=["rows", "columns"])
    total = serializers.CharField(help_text="the row code (of=rows) or column key (of=columns) of the total")
    parts = serializers.ListField(child=serializers.CharField())
    at_most = serializers.BooleanField(
        help_text="true: the parts add up to at most the total ('trong đó'); false: exactly the total"
    )


class ReportFormSerializer(serializers.Serializer):
    form = serializers.CharField(help_text="0603.N/BNV-TĐKT")
    title = serializers.CharField()
    legal_basis = serializers.CharField()
    period = ReportPeriodSerializer()
    unit = serializers.CharField()
    columns = ReportFormColumnSerializer(many=True)
    rows = ReportFormRowSerializer(many=True)
    sums = ReportFormSumSerializer(
        many=True, help_text="the form's identities (TT 02/2023/TT-BNV): each holds in every row / column"
    )
    notes = serializers.ListField(
        child=serializers.CharField(), help_text="what the figures took or left out"
    )


class ReportSummaryRowSerializer(serializers.Serializer):
    key = serializers.JSONField(help_text="id or code of the group (null: none)")
    label = serializers.CharField()
    nominations = serializers.IntegerField()
    awarded = serializers.IntegerField()
    amount = serializers.IntegerField()


class ReportSummaryTotalsSerializer(serializers.Serializer):
    nominations = serializers.IntegerField()
    awarded = serializers.IntegerField()
    amount = serializers.IntegerField()
    women_share = serializers.FloatField(allow_null=True)
    direct_worker_share = serializers.FloatField(allow_null=True)


class ReportSummaryPreviousSerializer(serializers.Serializer):
    period = ReportPeriodSerializer()
    rows = ReportSummaryRowSerializer(many=True)
    totals = ReportSummaryTotalsSerializer()


class ReportSummarySerializer(ReportSummaryPreviousSerializer):
    group_by = serializers.CharField()
    group_title = serializers.CharField()
    previous = ReportSummaryPreviousSerializer()


class ReportStageTimeSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    open = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)
    p90_days = serializers.FloatField(allow_null=True)
    overdue = serializers.IntegerField()
    overdue_share = serializers.FloatField(allow_null=True)
    returns = serializers.IntegerField()


class ReportUnitOverdueSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()
    overdue_share = serializers.FloatField(allow_null=True)


class ReportProcessingTimesSerializer(serializers.Serializer):
    period = ReportPeriodSerializer()
    stages = ReportStageTimeSerializer(many=True)
    units = ReportUnitOverdueSerializer(many=True, help_text="overdue rate per unit")
    dossiers = serializers.IntegerField()
    returns = serializers.IntegerField()
    returns_per_dossier = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()


class JSONOnly(BaseContentNegotiation):
    """``?format=xlsx|pdf`` is read by the view itself: errors stay in the API's JSON shape."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _period(request):
    """As the screens read it, except that a date sent empty (``?to=``) is a bad date, not an
    absent one: the schema says a date."""
    query = request.query_params
    for name in ("from", "to"):
        if name in query and not query[name].strip():
            message = _("Ngày “%(value)s” không hợp lệ; hãy ghi theo dạng YYYY-MM-DD.") % {
                "value": query[name]
            }
            raise InvalidInput(message, fields={name: message})
    return reports.parse_period(query.get("from"), query.get("to"))


def _wanted(request, allowed=("json", "xlsx")) -> str:
    """``?format=``, one of the operation's (the schema's enum); absent: json."""
    wanted = request.query_params.get("format", "json")
    if wanted not in allowed:
        message = _("Không có định dạng “%(value)s”; chọn một trong: %(choices)s.") % {
            "value": wanted,
            "choices": ", ".join(allowed),
        }
        raise InvalidInput(message, fields={"format": message})
    return wanted


class ReportFormView(APIView):
    """A statistical form of Circular 02/2023/TT-BNV (0601–0605) for a period, in the caller's scope."""

    content_negotiation_class = JSONOnly

    @extend_schema(
        parameters=[
            OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(reports.FORMS)),
            *PERIOD_PARAMS,
            FORMAT_PARAM,
        ],
        responses={
            (200, "application/json"): ReportFormSerializer,
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="?format=xlsx"),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="?format=pdf"),
        },
    )
    def get(self, request, code: str):
        period = _period(request)
        wanted = _wanted(request, ("json", "xlsx", "pdf"))
        report = reports.build_form(code, period, request.user)
        name = f"bieu-{report.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        if wanted == "xlsx":
            header = header_for(request.user, period)
            return file_response(report_xlsx.form_workbook([report], **header), XLSX, f"{name}.xlsx")
        if wanted == "pdf":
            header = header_for(request.user, period)
            return file_response(report_pdf.form_pdf(report, **header), "application/pdf", f"{name}.pdf")
        return Response(report.as_dict())


class ReportSummaryView(APIView):
    """Nominations, awards and amounts by one dimension, with the same period a year earlier."""

    content_negotiation_class = JSONOnly

    @extend_schema(
        parameters=[
            *PERIOD_PARAMS,
            OpenApiParameter("group_by", OpenApiTypes.STR, enum=list(reports.DIMENSIONS), required=False),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx"], required=False),
        ],
        responses={
            (200, "application/json"): ReportSummarySerializer,
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="?format=xlsx"),
        },
    )
    def get(self, request):
        period = _period(request)
        group_by = reports.parse_group_by(request.query_params.get("group_by"))
        data = reports.summary(period, request.user, group_by)
        if _wanted(request) == "xlsx":
            content = report_xlsx.summary_workbook(data, title=_("TỔNG HỢP KẾT QUẢ KHEN THƯỞNG"))
            name = slug(data["group_title"])  # the grouping's label, never its key
            return file_response(
                content, XLSX, f"tong-hop-theo-{name}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
            )
        return Response(data)


class ProcessingTimesView(APIView):
    """Per stage: tasks opened in the period, median and 90th percentile in working days, overdue share."""

    content_negotiation_class = JSONOnly

    @extend_schema(
        parameters=[
            *PERIOD_PARAMS,
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx"], required=False),
        ],
        responses={
            (200, "application/json"): ReportProcessingTimesSerializer,
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="?format=xlsx"),
        },
    )
    def get(self, request):
        period = _period(request)
        data = engine_reports.processing_times(period, request.user)
        if _wanted(request) == "xlsx":
            return file_response(
                report_xlsx.processing_workbook(data),
                XLSX,
                f"thoi-gian-xu-ly-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx",
            )
        return Response(data)
