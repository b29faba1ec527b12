"""Force systems in the admin (registered from reporting/admin.py): the site administrator
registers one for any force, a force administrator given the admin's API-client permissions
only for their own force. The credential is shown once, on the page that answers the save
or the "issue a new secret" action, and is never kept: only its HMAC is stored."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from ..models import Force, StaffMember
from . import services
from .models import ApiClient, Scope


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = ApiClient
        fields = ["force", "name", "purpose", "scopes", "allowed_networks", "requests_per_minute", "suspended"]

    def clean_scopes(self):
        return sorted(set(self.cleaned_data["scopes"]))


def _own_force_id(request) -> int | None:
    """None for the site administrator (every force); a force administrator's force."""
    if request.user.is_superuser:
        return None
    member = StaffMember.objects.filter(user=request.user, role=StaffMember.Role.FORCE_ADMIN).first()
    return member.force_id if member else -1


class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "client_id", "force", "scopes", "suspended", "last_used_at"]
    list_filter = ["suspended", "force"]
    readonly_fields = ["client_id", "created_at", "last_used_at"]
    actions = ["secret_issue", "suspend"]

    def get_readonly_fields(self, request, obj=None):
        # A client belongs to one force for good: its force is set once, when registered.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "force"] if obj is not None else fields

    def get_queryset(self, request):
        clients = super().get_queryset(request).select_related("force")
        force_id = _own_force_id(request)
        return clients if force_id is None else clients.filter(force_id=force_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        force_id = _own_force_id(request)
        if db_field.name == "force" and force_id is not None:
            kwargs["queryset"] = Force.objects.filter(pk=force_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            request.api_credential = services.api_client_prepare(client=obj)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return self._credential_page(request, obj, request.api_credential)

    def _credential_page(self, request, client: ApiClient, credential: str):
        return TemplateResponse(
            request,
            "admin/reporting/apiclient/credential.html",
            {**self.admin_site.each_context(request), "client": client, "credential": credential, "opts": self.opts},
        )

    @admin.action(description=_("Issue a new secret (the old one stops working at once)"), permissions=["change"])
    def secret_issue(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one client at a time."), messages.WARNING)
            return None
        client = queryset.get()
        return self._credential_page(request, client, services.api_client_secret_issue(client=client))

    @admin.action(description=_("Suspend (refused from the next request on)"), permissions=["change"])
    def suspend(self, request, queryset):
        for client in queryset:
            services.api_client_suspend(client=client)
        self.message_user(request, _("Suspended."), messages.SUCCESS)
