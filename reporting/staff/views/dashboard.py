"""The supervisors' dashboard: the force's open work, arrivals and missed service levels."""

from django.shortcuts import render
from django.utils import timezone

from reporting import triage

from ..guard import staff_view
from ..presenters import dashboard_page, template_context


@staff_view(triage.OVERSIGHT)
def dashboard(request, member):
    page = dashboard_page(member, now=timezone.now())
    return render(request, "reporting/staff/dashboard.html", template_context(page))
