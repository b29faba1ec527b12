"""/api/v1/: the reports endpoints, the published OpenAPI schema, and a JSON 404 for
anything else."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("reports/", views.ReportList.as_view(), name="reports"),
    path("reports/<str:reference>/", views.ReportDetail.as_view(), name="report"),
    path("reports/<str:reference>/acknowledgement/", views.ReportAcknowledge.as_view(), name="acknowledge"),
    path("reports/<str:reference>/status/", views.ReportStatus.as_view(), name="status"),
    # Public: it describes the API, and holds no data.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Last: anything else under /api/v1/ is a 404 in JSON.
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
