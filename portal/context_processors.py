from django.conf import settings


def site(request):
    return {
        "service_name": settings.WAYMARK_SERVICE_NAME,
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        # For the timeout warning: how long a page lasts with nobody using it.
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE,
        "staff_idle_timeout_seconds": settings.WAYMARK_STAFF_IDLE_TIMEOUT,
    }
