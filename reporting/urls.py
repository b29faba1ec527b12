from django.urls import path

from . import views
from .followup import views as followup_views
from .staff import views as staff_views

app_name = "reporting"

urlpatterns = [
    path("report/<slug:slug>/", views.journey_start, name="journey_start"),
    path("report/<slug:slug>/check-your-answers/", views.journey_check_answers, name="journey_check_answers"),
    path("report/<slug:slug>/save/", views.journey_save, name="journey_save"),
    path("report/<slug:slug>/resume/", views.journey_resume, name="journey_resume"),
    path("report/<slug:slug>/sent/", views.journey_sent, name="journey_sent"),
    path("report/<slug:slug>/please-check/<slug:key>/", views.journey_please_check, name="journey_please_check"),
    path("report/<slug:slug>/sent/your-copy.pdf", views.journey_copy, name="journey_copy"),
    # Every page of every journey, rendered by one view from the journey's declaration.
    path("report/<slug:slug>/<slug:page_slug>/", views.journey_page, name="journey_page"),
    path("about-the-data/", views.about_data, name="about_data"),
    # --- After sending: the person follows their report (reporting.followup).
    path("your-report/", followup_views.your_report, name="your_report"),
    path("your-report/reply/", followup_views.your_report_reply, name="your_report_reply"),
    path("your-report/add-information/", followup_views.your_report_add, name="your_report_add"),
    path("your-report/sign-out/", followup_views.your_report_sign_out, name="your_report_sign_out"),
    # --- Force staff: triage (reporting.staff.views); all of /staff/ needs two factors.
    path("staff/queue/", staff_views.queue, name="staff_queue"),
    path("staff/queue/claim-next/", staff_views.claim_next, name="staff_claim_next"),
    path("staff/queue/export.csv", staff_views.queue_export, name="staff_queue_export"),
    path("staff/reports/search/", staff_views.search, name="staff_search"),
    path("staff/reports/<str:reference>/", staff_views.report_view, name="staff_report"),
    path("staff/reports/<str:reference>/reason/", staff_views.report_reason, name="staff_report_reason"),
    path("staff/reports/<str:reference>/case-file.pdf", staff_views.case_file, name="staff_case_file"),
    path("staff/reports/<str:reference>/claim/", staff_views.report_claim, name="staff_report_claim"),
    path("staff/reports/<str:reference>/release/", staff_views.report_release, name="staff_report_release"),
    path("staff/reports/<str:reference>/assign/", staff_views.report_assign, name="staff_report_assign"),
    path("staff/reports/<str:reference>/grade/", staff_views.report_grade, name="staff_report_grade"),
    path("staff/reports/<str:reference>/thrive/", staff_views.report_thrive, name="staff_report_thrive"),
    path("staff/reports/<str:reference>/status/", staff_views.report_status, name="staff_report_status"),
    path("staff/reports/<str:reference>/notes/", staff_views.report_note, name="staff_report_note"),
    path("staff/reports/<str:reference>/messages/", staff_views.report_message, name="staff_report_message"),
    path("staff/reports/<str:reference>/clocks/", staff_views.report_clock_met, name="staff_report_clock_met"),
    path("staff/reports/<str:reference>/transfer/", staff_views.report_transfer, name="staff_report_transfer"),
    path(
        "staff/reports/<str:reference>/transfer/accept/",
        staff_views.report_transfer_accept,
        name="staff_report_transfer_accept",
    ),
    path(
        "staff/reports/<str:reference>/transfer/reject/",
        staff_views.report_transfer_reject,
        name="staff_report_transfer_reject",
    ),
    path("staff/reports/<str:reference>/audit/", staff_views.report_audit, name="staff_report_audit"),
    path("staff/audit/staff/", staff_views.staff_audit_list, name="staff_audit_list"),
    path("staff/audit/staff/<int:user_id>/", staff_views.staff_audit, name="staff_audit"),
    path("staff/dashboard/", staff_views.dashboard, name="staff_dashboard"),
]
