"""Report endpoints: the statistical forms, the summary, processing times (JSON, XLSX, PDF).

Every figure is in the caller's scope (a unit its own, a reviewer their clusters', the province
everything); bad dates or a bad grouping are a 400 with a Vietnamese detail.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import renderers, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from nominations import reports
from nominations.reports import pdf as report_pdf
from nominations.reports import xlsx as report_xlsx
from nominations.reports.period import header_for
from workflows import reports as engine_reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class XLSXRenderer(renderers.BaseRenderer):
    """Lets ``?format=xlsx`` through DRF's content negotiation; the view builds the file itself."""

    media_type = XLSX
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class PDFRenderer(XLSXRenderer):
    media_type = "application/pdf"
    format = "pdf"


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


PERIOD_PARAMS = [
    OpenApiParameter(
        "from", OpenApiTypes.DATE, required=False, description="YYYY-MM-DD (mặc định 01/12 năm trước)"
    ),
    OpenApiParameter("to", OpenApiTypes.DATE, required=False, description="YYYY-MM-DD (mặc định 30/11)"),
]
FORMAT_PARAM = OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx", "pdf"], required=False)


def PeriodSerializer(**kwargs):  # noqa: N802 (a serializer factory: one instance per use)
    return inline_serializer(
        "ReportPeriod",
        {
            "from": serializers.DateField(),
            "to": serializers.DateField(),
            "kind": serializers.CharField(),
            "label": serializers.CharField(),
        },
        **kwargs,
    )


FormSerializer = inline_serializer(
    "ReportForm",
    {
        "form": serializers.CharField(help_text="0603.N/BNV-TĐKT"),
        "title": serializers.CharField(),
        "period": PeriodSerializer(),
        "unit": serializers.CharField(),
        "columns": serializers.ListField(child=serializers.DictField()),
        "rows": serializers.ListField(
            child=inline_serializer(
                "ReportFormRow",
                {
                    "code": serializers.CharField(),
                    "label": serializers.CharField(),
                    "section": serializers.CharField(),
                    "values": serializers.DictField(child=serializers.IntegerField()),
                },
            )
        ),
    },
)


def SummaryRow(**kwargs):  # noqa: N802
    return inline_serializer(
        "ReportSummaryRow",
        {
            "key": serializers.CharField(allow_null=True),
            "label": serializers.CharField(),
            "nominations": serializers.IntegerField(),
            "awarded": serializers.IntegerField(),
            "amount": serializers.IntegerField(),
        },
        **kwargs,
    )


def SummaryTotals(**kwargs):  # noqa: N802
    return inline_serializer(
        "ReportSummaryTotals",
        {
            "nominations": serializers.IntegerField(),
            "awarded": serializers.IntegerField(),
            "amount": serializers.IntegerField(),
            "women_share": serializers.FloatField(allow_null=True),
            "direct_worker_share": serializers.FloatField(allow_null=True),
        },
        **kwargs,
    )


SummarySerializer = inline_serializer(
    "ReportSummary",
    {
        "period": PeriodSerializer(),
        "group_by": serializers.CharField(),
        "group_title": serializers.CharField(),
        "rows": SummaryRow(many=True),
        "totals": SummaryTotals(),
        "previous": inline_serializer(
            "ReportSummaryPrevious",
            {
                "period": PeriodSerializer(),
                "rows": SummaryRow(many=True),
                "totals": SummaryTotals(),
            },
        ),
    },
)
ProcessingSerializer = inline_serializer(
    "ReportProcessingTimes",
    {
        "period": PeriodSerializer(),
        "stages": serializers.ListField(
            child=inline_serializer(
                "ReportStageTime",
                {
                    "stage": serializers.CharField(),
                    "label": serializers.CharField(),
                    "count": serializers.IntegerField(),
                    "open": serializers.IntegerField(),
                    "median_days": serializers.FloatField(allow_null=True),
                    "p90_days": serializers.FloatField(allow_null=True),
                    "overdue": serializers.IntegerField(),
                    "overdue_share": serializers.FloatField(allow_null=True),
                    "returns": serializers.IntegerField(),
                },
            )
        ),
        "dossiers": serializers.IntegerField(),
        "returns": serializers.IntegerField(),
        "returns_per_dossier": serializers.FloatField(allow_null=True),
        "unit": serializers.CharField(),
    },
)


def _period(request):
    return reports.parse_period(request.query_params.get("from"), request.query_params.get("to"))


def _wanted(request) -> str:
    return (request.query_params.get("format") or "json").lower()


class ReportFormView(APIView):
    """A statistical form of Circular 02/2023/TT-BNV (0601–0605) for a period, in the caller's scope."""

    renderer_classes = [renderers.JSONRenderer, XLSXRenderer, PDFRenderer]

    @extend_schema(
        parameters=[*PERIOD_PARAMS, FORMAT_PARAM],
        responses={
            200: OpenApiResponse(FormSerializer, description="JSON; ?format=xlsx: the workbook; ?format=pdf"),
        },
    )
    def get(self, request, code: str):
        period = _period(request)
        report = reports.build_form(code, period, request.user)
        wanted = _wanted(request)
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

    renderer_classes = [renderers.JSONRenderer, XLSXRenderer]

    @extend_schema(
        parameters=[
            *PERIOD_PARAMS,
            OpenApiParameter("group_by", OpenApiTypes.STR, enum=list(reports.DIMENSIONS), required=False),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx"], required=False),
        ],
        responses={200: SummarySerializer},
    )
    def get(self, request):
        period = _period(request)
        group_by = reports.parse_group_by(request.query_params.get("group_by"))
        data = reports.summary(period, request.user, group_by)
        if _wanted(request) == "xlsx":
            content = report_xlsx.summary_workbook(data, title=_("TỔNG HỢP KẾT QUẢ KHEN THƯỞNG"))
            return file_response(content, XLSX, f"tong-hop-{group_by}-{period.start:%Y%m%d}.xlsx")
        return Response(data)


class ProcessingTimesView(APIView):
    """Per stage: tasks opened in the period, median and 90th percentile in working days, overdue share."""

    @extend_schema(parameters=PERIOD_PARAMS, responses={200: ProcessingSerializer})
    def get(self, request):
        return Response(engine_reports.processing_times(_period(request), request.user))
