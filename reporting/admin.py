from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .api.admin import ApiClientAdmin
from .api.models import ApiClient
from .models import Force, ForceGrade, ForceServiceLevel, OutboxMessage, Report, ReportTransfer, StaffMember


class ForceForm(forms.ModelForm):
    # Only the help text: the admin supplies the model and the fields. It is the one way to
    # give a read-only field help text in the admin.
    class Meta:
        help_texts = {
            "accepts_reports": _(
                "Set from reporting/data/forces.csv by load_forces, not here: the same file decides "
                "where reports are sent, so the two can never disagree."
            ),
        }


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    form = ForceForm
    list_display = ["display_name", "code", "nation", "accepts_reports"]
    list_filter = ["nation", "accepts_reports"]
    search_fields = ["display_name", "code"]
    readonly_fields = ["accepts_reports"]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "force", "role"]
    list_filter = ["force", "role"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Where each report went and when. The answers are not shown here: reading them belongs
    in the audited staff views, not in the admin."""

    list_display = ["reference", "report_type", "force", "status", "submitted_at", "queued_at"]
    list_filter = ["report_type", "status", "force"]
    search_fields = ["reference"]
    fields = ["reference", "report_type", "force", "status", "submitted_at", "queued_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["topic", "handler", "status", "attempts", "created_at", "available_at", "last_error"]
    list_filter = ["status", "topic", "handler"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["retry_dead"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Retry the selected messages that failed too often"), permissions=["change"])
    def retry_dead(self, request, queryset):
        """Once the cause is fixed (a handler bug, an agency's mail server): the messages get
        their attempts again, and each retry is in the audit trail."""
        retried = services.outbox_dead_retry(
            actor=request.user, message_ids=list(queryset.values_list("pk", flat=True))
        )
        skipped = queryset.count() - len(retried)
        self.message_user(
            request,
            _("Messages sent again: %(retried)d. Not failed, so left alone: %(skipped)d.")
            % {"retried": len(retried), "skipped": skipped},
            messages.SUCCESS if retried else messages.WARNING,
        )


@admin.register(ForceServiceLevel)
class ForceServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["force", "report_type", "milestone", "hours"]
    list_filter = ["force", "report_type"]


# --- Triage ---------------------------------------------------------------------------------
# Grades are each force's own settings. Transfers are listed without their reasons, and THRIVE
# assessments and case notes are not in the admin at all: reading them belongs in the audited
# staff views.


@admin.register(ForceGrade)
class ForceGradeAdmin(admin.ModelAdmin):
    list_display = ["force", "position", "code", "label", "target_minutes", "is_emergency"]
    list_filter = ["force", "is_emergency"]
    ordering = ["force", "position"]


@admin.register(ReportTransfer)
class ReportTransferAdmin(admin.ModelAdmin):
    list_display = ["report", "from_force", "to_force", "status", "requested_at", "decided_at"]
    list_filter = ["status", "from_force", "to_force"]
    fields = ["report", "from_force", "to_force", "status", "requested_by", "requested_at", "decided_by", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Force systems that call the API (reporting/api/admin.py).
admin.site.register(ApiClient, ApiClientAdmin)
