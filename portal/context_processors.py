from django.conf import settings


def site(request):
    return {
        "service_name": settings.WAYMARK_SERVICE_NAME,
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
    }
