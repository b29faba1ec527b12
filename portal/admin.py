from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, User

admin.site.register(User, UserAdmin)


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
