from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AgencyMember, Category, OpeningPeriod, Referral, ReferralRoute, SupportAgency, SupportService


class ReferralRouteInline(admin.TabularInline):
    model = ReferralRoute
    extra = 1
    verbose_name = _("referral it receives")
    verbose_name_plural = _("Referrals it receives (one agency per force area and kind of service)")


@admin.register(SupportAgency)
class SupportAgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "notification_email"]
    search_fields = ["name"]
    inlines = [ReferralRouteInline]


admin.site.register(AgencyMember)


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    """Where each referral went and what became of it. What it shares is not shown here:
    reading it belongs in the audited agency inbox, not in the admin."""

    list_display = ["report", "agency", "kind", "consent_method", "status", "created_at", "due_at", "notified_at"]
    list_filter = ["status", "kind", "consent_method", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["report__reference"]
    list_select_related = ["report", "agency"]
    fields = [
        "report",
        "agency",
        "kind",
        "consent_option",
        "consent_method",
        "consent_recorded_at",
        "consent_recorded_by",
        "data_set_version",
        "status",
        "created_at",
        "due_at",
        "notified_at",
        "accepted_at",
        "declined_at",
        "first_contact_on",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class SupportServiceForm(forms.ModelForm):
    """Who the service is for as tick boxes, rather than the JSON the table stores."""

    categories = forms.MultipleChoiceField(
        label=_("Who it is for"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everything the service helps with and every group it is for."),
    )

    class Meta:
        model = SupportService
        formfield_callback = _formfield
        fields = [
            "name",
            "slug",
            "organisation",
            "force",
            "description",
            "description_cy",
            "is_active",
            "categories",
            "only_for_listed_groups",
            "accepts_police_referrals",
            "phone",
            "text_phone",
            "webchat_url",
            "email",
            "website",
            "always_open",
            "bank_holidays",
            "source_urls",
            "checked_on",
            "needs_verification",
            "verification_note",
        ]


class OpeningPeriodInline(admin.TabularInline):
    model = OpeningPeriod
    extra = 1


@admin.register(SupportService)
class SupportServiceAdmin(admin.ModelAdmin):
    form = SupportServiceForm
    inlines = [OpeningPeriodInline]
    list_display = ["name", "force", "always_open", "accepts_police_referrals", "needs_verification", "is_active"]
    list_filter = ["is_active", "needs_verification", ("force", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "organisation", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["force"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "organisation", "force", "description", "description_cy", "is_active"]}),
        (_("Who it is for"), {"fields": ["categories", "only_for_listed_groups", "accepts_police_referrals"]}),
        (_("How to contact it"), {"fields": ["phone", "text_phone", "webchat_url", "email", "website"]}),
        (
            _("Opening hours (UK time)"),
            {
                "fields": ["always_open", "bank_holidays"],
                "description": _(
                    "National services are loaded from support/data/national_services.json: "
                    "change them there, or the next load will undo your change."
                ),
            },
        ),
        (
            _("Where the facts come from"),
            {"fields": ["source_urls", "checked_on", "needs_verification", "verification_note"]},
        ),
    ]
