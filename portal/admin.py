from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import services
from .models import AuditEvent, EnrolmentLink, User
from .refusals import Refused


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = ["enrolment_link_issue_action"]

    @admin.action(description=_("Issue an enrolment link"), permissions=["change"])
    def enrolment_link_issue_action(self, request, queryset):
        """Shows each new link once, on this page only: give it to the person directly."""
        links = []
        for user in queryset.order_by("username"):
            try:
                token = services.enrolment_link_issue(user=user, by=request.user)
            except Refused as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
                continue
            url = request.build_absolute_uri(reverse("portal:staff_enrol", args=[token]))
            links.append((user, url, EnrolmentLink.objects.get(user=user).expires_at))
        if not links:
            return None
        return TemplateResponse(
            request,
            "admin/portal/user/enrolment_links.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Enrolment links"),
                "links": links,
                "opts": self.model._meta,
            },
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail can be searched here, never edited."""

    list_display = ["at", "actor_name", "organisation", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type", "organisation"]
    search_fields = ["actor_name", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
