from django.urls import path

from .directory import views
from .referrals import views as referral_views

app_name = "support"

urlpatterns = [
    path("find-support/", views.find_support, name="find_support"),
    path("find-support/help/", views.question_help, name="question_help"),
    path("find-support/who/", views.question_who, name="question_who"),
    path("find-support/last-7-days/", views.question_recent, name="question_recent"),
    path("find-support/where/", views.where, name="where"),
    path("find-support/area/", views.question_area, name="question_area"),
    path("find-support/results/", views.results, name="results"),
    path("find-support/sarc/", views.nearest_sarc, name="nearest_sarc"),
    path("support-services/", views.directory, name="directory"),
    # Agency staff: their agency's referrals only.
    path("agency/", referral_views.agency_inbox, name="agency_inbox"),
    path("agency/referrals/<uuid:referral_id>/", referral_views.agency_referral, name="agency_referral"),
    path(
        "agency/referrals/<uuid:referral_id>/accept/",
        referral_views.agency_referral_accept,
        name="agency_referral_accept",
    ),
    path(
        "agency/referrals/<uuid:referral_id>/decline/",
        referral_views.agency_referral_decline,
        name="agency_referral_decline",
    ),
    path(
        "agency/referrals/<uuid:referral_id>/first-contact/",
        referral_views.agency_referral_first_contact,
        name="agency_referral_first_contact",
    ),
    # Force staff: their force's referrals, and referring a report later.
    path("staff/referrals/", referral_views.force_referrals, name="force_referrals"),
    path("staff/referrals/<uuid:report_id>/new/", referral_views.officer_referral_new, name="officer_referral_new"),
]
