"""Health endpoints for load balancers, orchestrators and monitoring.

``/healthz`` (liveness) says only that the process answers: it touches neither the database
nor the session. ``/readyz`` (readiness) runs every registered check and answers 200 when all
pass, 503 when one fails. To a probe (a request from loopback or from an address in
``WAYMARK_TRUSTED_PROXIES``, or one sending ``WAYMARK_READINESS_TOKEN`` in the
``X-Readiness-Token`` header) the body names each check and says "ok", "fail" or "warn",
nothing more: no counts, no host names, no error text (those go to the log, by type only).
Anyone else gets only ``{"status": ...}`` with the same status code: how the service is doing
inside is not for the public.

Each app registers its own checks from its ``AppConfig.ready()``, so portal never imports the
apps that depend on it::

    from portal import health
    health.register("forces", forces_loaded)

A check returns True when all is well. A check registered with ``critical=False`` (or named
in ``WAYMARK_READINESS_WARN_ONLY``) only warns: it shows "warn" but never makes the answer 503.
"""

import hmac
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import net

logger = logging.getLogger(__name__)

Check = Callable[[], bool]


@dataclass(frozen=True)
class Registered:
    check: Check
    critical: bool


_checks: dict[str, Registered] = {}


def register(name: str, check: Check, *, critical: bool = True) -> None:
    _checks[name] = Registered(check, critical)


def readiness() -> tuple[bool, dict[str, str]]:
    """Runs every check: (whether the site is ready, each check's "ok", "warn" or "fail")."""
    warn_only = set(settings.WAYMARK_READINESS_WARN_ONLY)
    ready, results = True, {}
    for name, registered in _checks.items():
        try:
            ok = bool(registered.check())
        except Exception as error:  # a check that cannot run has failed, whatever it raised
            logger.warning("Readiness check %s could not run: %s", name, type(error).__name__)
            ok = False
        if ok:
            results[name] = "ok"
        elif registered.critical and name not in warn_only:
            results[name] = "fail"
            ready = False
        else:
            results[name] = "warn"
    return ready, results


def is_probe(request) -> bool:
    """Whether the request may see each check: from loopback or a trusted proxy (the client's
    address through the trusted proxies, so a proxy's forwarded client is not a probe), or
    with the configured probe token."""
    address = net.client_address(request)
    try:
        if ipaddress.ip_address(address).is_loopback:
            return True
    except ValueError:
        pass
    if net.is_trusted_proxy(address):
        return True
    token = settings.WAYMARK_READINESS_TOKEN
    given = request.headers.get("X-Readiness-Token", "")
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


@never_cache
@require_safe
def liveness(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readiness_view(request):
    ready, results = readiness()
    body = {"status": "ok" if ready else "fail"}
    if is_probe(request):
        body["checks"] = results
    response = JsonResponse(body, status=200 if ready else 503)
    # Django logs every 5xx answer as an error, which emails the admins: a probe asking every
    # few seconds must not. The failing check has logged its warning already.
    response._has_been_logged = True
    return response


# --- portal's own checks -------------------------------------------------------------------


def database_reachable() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def broker_reachable() -> bool:
    """Redis, when REDIS_URL is set; without it tasks run in-process and there is no broker."""
    if not settings.REDIS_URL:
        return True
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    finally:
        client.close()
