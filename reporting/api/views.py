"""The API's endpoints: thin. Who is calling (authentication), what they may do (scope,
then rate), then a selector scoped to the client reads the report and a service writes.
Another force's report, or one that does not exist, is 404 whatever the method."""

from django.db import transaction
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.exceptions import APIException, NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from portal.refusals import Refused

from .. import services as reporting_services
from ..journeys import JOURNEYS
from ..models import Report
from . import selectors, services
from .authentication import ClientCredentialAuthentication
from .models import Scope
from .permissions import ClientRateThrottle, HasScope
from .serializers import (
    AcknowledgementSerializer,
    AcknowledgeRequest,
    ErrorResponse,
    ReportSerializer,
    ReportSummarySerializer,
    StatusChangeRequest,
    report_document,
    report_summary,
)

PAGE_SIZE = 50
ERRORS = {
    401: OpenApiResponse(ErrorResponse, description="No credential, a wrong one, or a suspended client."),
    403: OpenApiResponse(ErrorResponse, description="The client does not have the scope this needs."),
    429: OpenApiResponse(ErrorResponse, description="Too many requests this minute: see Retry-After."),
}
NOT_FOUND = {404: OpenApiResponse(ErrorResponse, description="No such report in this force's queue.")}


class Conflict(APIException):
    status_code = http.HTTP_409_CONFLICT
    default_code = "conflict"


def api_exception_handler(exc, context):
    """DRF's handler, with a service's refusal as 409 and its message (the web pages turn a
    refusal into a redirect; an API answers it)."""
    if isinstance(exc, Refused):
        exc = Conflict(detail=str(exc))
    return exception_handler(exc, context)


class ApiView(APIView):
    authentication_classes = [ClientCredentialAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ClientRateThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    required_scope = Scope.READ

    def get_exception_handler(self):
        return api_exception_handler

    def report(self, reference: str) -> Report:
        report = selectors.client_report(self.request.auth, reference)
        if report is None:
            raise Http404
        return report


class QueueCursor(CursorPagination):
    page_size = PAGE_SIZE
    ordering = ("queued_at", "id")


def _flag(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get((value or "").lower())


class ReportList(ApiView):
    pagination_class = QueueCursor

    @extend_schema(
        operation_id="reports_list",
        summary="The force's reports in its queue, oldest first",
        parameters=[
            OpenApiParameter("type", OpenApiTypes.STR, enum=list(JOURNEYS), description="Only this kind of report."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Report.Status.values, description="Only this status."),
            OpenApiParameter(
                "acknowledged", OpenApiTypes.BOOL, description="false: only reports no force system has acknowledged."
            ),
            OpenApiParameter("cursor", OpenApiTypes.STR, description="From the previous page's `next`."),
        ],
        responses={200: ReportSummarySerializer(many=True), **ERRORS},
    )
    @transaction.atomic
    def get(self, request):
        client = request.auth
        reports = selectors.client_reports(
            client,
            report_type=request.query_params.get("type", ""),
            status=request.query_params.get("status", ""),
            acknowledged=_flag(request.query_params.get("acknowledged")),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(reports, request, view=self)
        services.api_read_record(
            client=client, action="api.reports.list", object_type="report_list", object_id=client.force.code
        )
        return paginator.get_paginated_response(
            ReportSummarySerializer([report_summary(r) for r in page], many=True).data
        )


class ReportDetail(ApiView):
    @extend_schema(
        operation_id="reports_retrieve",
        summary="One report in full: safe contact first, the answers as given, routing, priority, grade, history",
        responses={200: ReportSerializer, **ERRORS, **NOT_FOUND},
    )
    @transaction.atomic
    def get(self, request, reference: str):
        report = self.report(reference)
        document = report_document(report)
        services.api_read_record(
            client=request.auth, action="report.view", object_type="report", object_id=report.reference
        )
        return Response(ReportSerializer(document).data)


class ReportAcknowledge(ApiView):
    required_scope = Scope.ACK

    @extend_schema(
        operation_id="reports_acknowledge",
        summary="Record the force system's own reference for the report (idempotent)",
        request=AcknowledgeRequest,
        responses={
            201: AcknowledgementSerializer,
            200: OpenApiResponse(AcknowledgementSerializer, description="Already acknowledged with this reference."),
            400: OpenApiResponse(ErrorResponse, description="No reference given."),
            409: OpenApiResponse(ErrorResponse, description="Already acknowledged with another reference."),
            **ERRORS,
            **NOT_FOUND,
        },
    )
    def post(self, request, reference: str):
        report = self.report(reference)
        given = AcknowledgeRequest(data=request.data)
        given.is_valid(raise_exception=True)
        acknowledgement, created = services.report_acknowledge(
            client=request.auth, report=report, reference=given.validated_data["reference"]
        )
        return Response(
            AcknowledgementSerializer(acknowledgement).data,
            status=http.HTTP_201_CREATED if created else http.HTTP_200_OK,
        )


class ReportStatus(ApiView):
    required_scope = Scope.UPDATE

    @extend_schema(
        operation_id="reports_status_change",
        summary="Move the report along the workflow (as a supervisor of the force could)",
        request=StatusChangeRequest,
        responses={
            200: ReportSummarySerializer,
            400: OpenApiResponse(ErrorResponse, description="A status or outcome that is not one of the codes."),
            409: OpenApiResponse(ErrorResponse, description="The workflow does not allow this change now."),
            **ERRORS,
            **NOT_FOUND,
        },
    )
    def post(self, request, reference: str):
        report = self.report(reference)
        given = StatusChangeRequest(data=request.data)
        given.is_valid(raise_exception=True)
        report = reporting_services.report_status_change(
            member=services.acting_member(request.auth),
            report=report,
            status=given.validated_data["status"],
            outcome=given.validated_data.get("outcome", ""),
            note=given.validated_data.get("note", ""),
        )
        report = selectors.client_report(request.auth, report.reference)
        return Response(ReportSummarySerializer(report_summary(report)).data)


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other path under /api/v1/, with any method: the API's 404 in JSON (not the site's
    HTML page). It says nothing about reports, so it needs no credential."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
