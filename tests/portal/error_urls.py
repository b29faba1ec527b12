"""The site's URLs and three views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.urls import handler500, urlpatterns  # noqa: F401 - the real error handler too


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("CANARY-SUSPICIOUS")


@csrf_exempt
def broken(request):
    typed = request.POST.get("what_happened", "")  # a local value the error report must not show
    raise RuntimeError(f"failed on {typed}")


urlpatterns = [
    *urlpatterns,
    path("test-errors/forbidden/", forbidden),
    path("test-errors/suspicious/", suspicious),
    path("test-errors/broken/", broken),
]
