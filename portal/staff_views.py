"""Staff sign-in: a password, then a code from an authenticator app (or a backup code).

A new member of staff sets up the authenticator at first sign-in and gets backup codes, but
only after opening the one-time enrolment link an administrator issued them: the initial
password alone is not enough. The portal's middleware keeps every staff path closed until
both steps are done.
"""

import math

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import selectors, services
from .forms import SignInForm, TokenForm

NEW_BACKUP_CODES = "new_backup_codes"
# The digest (never the token) of the enrolment link opened in this browser.
ENROLMENT = "staff_enrolment"


def safe_next(request, default: str = "portal:staff_home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return redirect(default).url


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        next_step = "portal:staff_verify" if user_has_device(form.user) else "portal:staff_set_up"
        response = redirect(next_step)
        if nxt := request.POST.get("next"):
            response["Location"] += "?" + urlencode({"next": nxt})
        return response
    return render(
        request,
        "portal/staff/sign_in.html",
        {"form": form, "next": request.GET.get("next", ""), "timed_out": "timed_out" in request.GET},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """Second step: a code from the authenticator app or one backup code."""
    if not request.user.is_authenticated:
        return redirect("portal:staff_sign_in")
    if request.user.is_verified():
        return redirect(safe_next(request))
    if not user_has_device(request.user):
        return redirect("portal:staff_set_up")
    form = TokenForm(
        request.POST or None,
        hint=_("Open your authenticator app and enter the 6-digit code. You can also use one of your backup codes."),
    )
    if request.method == "POST" and form.is_valid():
        wait = seconds_until_allowed(request.user)
        device = None if wait else matching_device(request.user, form.cleaned_data["code"])
        if wait:
            message = ngettext(
                "You have entered wrong codes. Wait %(seconds)d second, then try again.",
                "You have entered wrong codes. Wait %(seconds)d seconds, then try again.",
                wait,
            )
            form.add_error("code", message % {"seconds": wait})
        elif device is None:
            form.add_error("code", _("The security code is not right or has expired. Enter the newest code."))
        else:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(safe_next(request))
    return render(request, "portal/staff/verify.html", {"form": form, "next": request.GET.get("next", "")})


def matching_device(user, code: str):
    # Each device throttles itself after failures, so guessing is slowed per account.
    for device in devices_for_user(user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device
    return None


def seconds_until_allowed(user) -> int:
    """How long until a throttled account may try a code again; 0 if it may now."""
    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if allowed:
            return 0
        waits.append((details["locked_until"] - timezone.now()).total_seconds())
    return max(1, math.ceil(min(waits))) if waits else 0


@require_safe
def enrol(request, token: str):
    """The enrolment link: remembered in this session if it is good, then the password."""
    digest = services.enrolment_token_digest(token)
    if not selectors.enrolment_link_valid(digest=digest):
        return render(request, "portal/staff/enrolment_refused.html")
    request.session[ENROLMENT] = digest
    messages.info(
        request, _("Sign in with the username and password you were given. Then set up your authenticator app.")
    )
    return redirect("portal:staff_sign_in")


@require_http_methods(["GET", "HEAD", "POST"])
def set_up(request):
    """First sign-in, after an enrolment link: scan a QR code (drawn here, no outside service)
    or type the key. Without a good link for this account, ask for a new one (no reason given)."""
    if not request.user.is_authenticated:
        return redirect("portal:staff_sign_in")
    if user_has_device(request.user):
        return redirect("portal:staff_verify")
    enrolment = request.session.get(ENROLMENT, "")
    if not selectors.enrolment_link_valid(digest=enrolment, user=request.user):
        return render(request, "portal/staff/enrolment_refused.html")
    device = services.authenticator_enrolment_start(user=request.user)
    form = TokenForm(request.POST or None, hint=_("Enter the 6-digit code your authenticator app shows."))
    if request.method == "POST" and form.is_valid():
        codes = services.authenticator_enrolment_confirm(
            user=request.user, device=device, token=form.cleaned_data["code"], enrolment_digest=enrolment
        )
        if codes is None:
            form.add_error(
                "code", _("The security code is not right. Check the app shows this account and enter the newest code.")
            )
        else:
            otp_login(request, TOTPDevice.objects.get(pk=device.pk))
            request.session.cycle_key()
            request.session.pop(ENROLMENT, None)
            request.session[NEW_BACKUP_CODES] = codes
            return redirect("portal:staff_backup_codes")
    secret = services.authenticator_secret(device)
    qr_svg = segno.make(secret.otpauth_uri, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    return render(
        request,
        "portal/staff/set_up.html",
        # segno builds the SVG from the URI alone; nothing typed by a user reaches it.
        {"form": form, "secret": secret, "qr_svg": mark_safe(qr_svg)},  # noqa: S308
    )


@require_http_methods(["GET", "HEAD", "POST"])
def backup_codes(request):
    """Shows new backup codes once, or lets a member of staff replace them."""
    if request.method == "POST":
        request.session[NEW_BACKUP_CODES] = services.backup_codes_issue(user=request.user)
        return redirect("portal:staff_backup_codes")
    codes = request.session.pop(NEW_BACKUP_CODES, None)
    remaining = sum(device.token_set.count() for device in request.user.staticdevice_set.all())
    return render(request, "portal/staff/backup_codes.html", {"codes": codes, "remaining": remaining})


def staff_home(request, homes: tuple[tuple[str, str], ...] = ()):
    """Sends each person to where their work is. `homes` pairs the name under which the user
    carries a membership with the page for it; portal/urls.py supplies them, so the portal
    never imports the apps that define those memberships."""
    for membership, url_name in homes:
        if hasattr(request.user, membership):
            return redirect(url_name)
    return render(request, "portal/staff/home.html")


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("portal:staff_sign_in")
