"""The one place where the apps are wired together."""

from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from . import errors, health, staff_views, views

# The admin asks for a verified second factor too (the middleware also guards /staff/).
admin.site.__class__ = OTPAdminSite

portal_patterns = [
    path("", views.home, name="home"),
    path("staying-safe-online/", views.staying_safe, name="staying_safe"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("victims-code/", views.victims_code, name="victims_code"),
    path("exit/", views.exit_page, name="exit"),
    path("language/<str:code>/", views.choose_language, name="choose_language"),
    path("form-closed/", views.form_closed, name="form_closed"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("staff/keep-alive/", views.keep_alive, name="staff_keep_alive"),
    path("staff/sign-in/", staff_views.sign_in, name="staff_sign_in"),
    path("staff/sign-in/code/", staff_views.verify, name="staff_verify"),
    path("staff/sign-in/set-up/", staff_views.set_up, name="staff_set_up"),
    path("staff/enrol/<str:token>/", staff_views.enrol, name="staff_enrol"),
    path("staff/sign-out/", staff_views.sign_out, name="staff_sign_out"),
    path(
        "staff/",
        staff_views.staff_home,
        {"homes": (("staff_member", "reporting:staff_queue"), ("agency_member", "support:agency_inbox"))},
        name="staff_home",
    ),
    path("staff/account/backup-codes/", staff_views.backup_codes, name="staff_backup_codes"),
]

urlpatterns = [
    # For probes: outside the staff prefixes, so no sign-in (portal/health.py).
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness_view, name="readyz"),
    path("", include((portal_patterns, "portal"))),
    path("", include("reporting.urls")),
    path("", include("support.urls")),
    path("api/v1/", include("reporting.api.urls")),
    path("staff/admin/", admin.site.urls),
]

# Error pages (portal/errors.py): 404, 403 and 400 are Django's own views with our templates;
# the 500 page is rendered without the session, CSRF or the database.
handler500 = errors.server_error
