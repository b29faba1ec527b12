"""What a force system may do: each view names the scope it needs (``required_scope``); a
client without it gets 403 before anything is looked up, so the answer says nothing about
whether the report exists. Then the rate limit, per client, in a fixed one-minute window."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.throttling import BaseThrottle

from .models import ApiClient
from .services import api_request_count


class HasScope(BasePermission):
    message = _("This client does not have the scope this needs.")

    def has_permission(self, request, view) -> bool:
        client = request.auth
        return isinstance(client, ApiClient) and client.has_scope(view.required_scope)


class ClientRateThrottle(BaseThrottle):
    """``ApiClient.requests_per_minute`` calls in each clock minute; then 429 with
    Retry-After until the minute is over."""

    def allow_request(self, request, view) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.window = api_request_count(client=client)
        return self.window.allowed

    def wait(self):
        window = getattr(self, "window", None)
        return window.retry_after if window else None
