"""Who is calling: a force system with ``Authorization: Bearer <client id>.<secret>``.

Every failure (no header, a malformed one, an unknown client, a wrong secret, a suspended
client, an address outside the client's allow-list) gets the same 401 with the same words,
so a caller learns nothing about which it was. The credential is never logged: DRF does not
log headers, and nothing here puts it in a message.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from portal.net import client_address

from .models import ApiClient, secret_digest

NOT_AUTHENTICATED = _("Authentication credentials were not provided or are not valid.")
# Compared against when the client id is unknown, so that path hashes as much as the others.
_NOBODY = secret_digest("nobody", "nothing")


class NotAuthenticated(exceptions.AuthenticationFailed):
    default_detail = NOT_AUTHENTICATED


class ClientCredentialAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        client = self.client_for(request)
        if client is None:
            raise NotAuthenticated()
        return client.user, client

    def client_for(self, request) -> ApiClient | None:
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].decode("latin-1").lower() != self.keyword.lower():
            return None
        try:
            client_id, _dot, secret = parts[1].decode("ascii").partition(".")
        except UnicodeDecodeError:
            return None
        if not client_id or not secret or len(client_id) > 32:
            return None
        client = ApiClient.objects.select_related("force", "user").filter(client_id=client_id).first()
        if client is None:
            secret_digest("nobody", secret) == _NOBODY  # the same work as a known client  # noqa: B015
            return None
        if not client.secret_matches(secret) or client.suspended:
            return None
        if not client.address_allowed(client_address(request)):
            return None
        return client

    def authenticate_header(self, request):
        return self.keyword


class ClientCredentialScheme(OpenApiAuthenticationExtension):
    target_class = ClientCredentialAuthentication
    name = "clientCredential"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "`<client id>.<secret>`, as shown once when the client was registered.",
        }
