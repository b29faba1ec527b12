"""The Content-Security-Policy on every response, Django's debug pages included."""

from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

# django-csp leaves the policy off these responses under DEBUG, so that Django's debug pages
# (inline styles and scripts) render in full.
DEBUG_PAGE_STATUSES = (404, 500)


class EveryResponsePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, but the debug 404 and 500 pages carry the policy too: what a
    developer sees under `make run` is what production sends. The debug pages lose their
    styling, not their text."""

    def process_response(self, request, response):
        if settings.DEBUG and response.status_code in DEBUG_PAGE_STATUSES and HEADER not in response:
            parts = self.get_policy_parts(request=request, response=response)
            response[HEADER] = build_policy(**asdict(parts))
        return super().process_response(request, response)
