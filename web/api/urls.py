from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import applications, batches, movements, notifications, people, reports, views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("people", people.PeopleViewSet, basename="person")
router.register("notifications", notifications.NotificationViewSet, basename="notification")
router.register("batches", batches.BatchViewSet, basename="batch")
router.register("meetings", batches.MeetingViewSet, basename="meeting")
router.register("movements", movements.MovementViewSet, basename="movement")
router.register("movement-requests", movements.MovementRequestViewSet, basename="movement-request")
router.register("registrations", movements.RegistrationViewSet, basename="registration")
router.register("public/awards", views.PublicAwardsView, basename="public-award")
router.register("public/applications", applications.PublicApplicationsView, basename="public-application")
router.register("applications", applications.ApplicationViewSet, basename="application")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("public/decisions/verify", views.VerifyView.as_view(), name="verify"),
    # The contract's spelling (no trailing slash) for the two file downloads.
    path(
        "nominations/<int:pk>/documents/<int:doc_id>/file",
        views.NominationViewSet.as_view({"get": "document_file"}),
        name="nomination-document-file-exact",
    ),
    path("decisions/<int:pk>/pdf", views.DecisionViewSet.as_view({"get": "pdf"}), name="decision-pdf-exact"),
    path(
        "decisions/<int:pk>/certificates.pdf",
        views.DecisionViewSet.as_view({"get": "certificates"}),
        name="decision-certificates-exact",
    ),
    path("proposals/<int:pk>/pdf", views.ProposalViewSet.as_view({"get": "pdf"}), name="proposal-pdf-exact"),
    path("reports/forms/<str:code>/", reports.ReportFormView.as_view(), name="report-form"),
    path("reports/summary/", reports.ReportSummaryView.as_view(), name="report-summary"),
    path("reports/processing-times/", reports.ProcessingTimesView.as_view(), name="report-processing-times"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
