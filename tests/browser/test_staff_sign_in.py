from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.services import enrolment_link_issue
from tests.browser.accessibility import assert_accessible
from tests.factories import PASSWORD, code_for, current_code, staff_user, user_without_authenticator


def sign_in_with_password(page, username):
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_pages_are_accessible_including_their_errors(page, transactional_db):
    user = staff_user(username="handler")
    page.goto("/staff/sign-in/")
    assert_accessible(page, "sign in")

    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "sign in with errors")

    sign_in_with_password(page, "handler")
    page.wait_for_url("**/staff/sign-in/code/")
    assert_accessible(page, "security code")
    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-message").is_visible()
    assert_accessible(page, "security code with error")

    # As if the person waited out the one-second pause that follows a wrong code.
    TOTPDevice.objects.get(user=user).throttle_reset()
    page.get_by_label("Security code").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/queue/")
    assert_accessible(page, "the queue, where force staff land")


def test_new_member_of_staff_enrols_an_authenticator_with_the_keyboard(page, audit_trail_emptied_afterwards):
    user = user_without_authenticator("newstarter")
    token = enrolment_link_issue(user=user, by=staff_user(username="enrolling.admin"))
    page.goto(f"/staff/enrol/{token}/")
    page.wait_for_url("**/staff/sign-in/")
    assert page.get_by_text("Then set up your authenticator app").is_visible()
    assert_accessible(page, "sign in after an enrolment link")
    sign_in_with_password(page, "newstarter")
    page.wait_for_url("**/staff/sign-in/set-up/")
    assert page.locator(".waymark-qr svg").is_visible()
    assert_accessible(page, "authenticator set-up")

    page.get_by_text("I cannot scan the QR code").click()
    assert page.locator("#authenticator-key").is_visible()
    device = TOTPDevice.objects.get(user__username="newstarter")
    page.get_by_label("Security code").fill(code_for(device))
    page.get_by_label("Security code").press("Enter")

    page.wait_for_url("**/staff/account/backup-codes/")
    assert page.locator("#backup-codes li").count() == 10
    assert_accessible(page, "backup codes")


def test_without_an_enrolment_link_set_up_asks_for_one(page, transactional_db):
    user_without_authenticator("newstarter")
    sign_in_with_password(page, "newstarter")
    page.wait_for_url("**/staff/sign-in/set-up/")

    assert page.get_by_role("heading", name="You need a new link to set up your sign-in").is_visible()
    assert page.locator(".waymark-qr svg").count() == 0
    assert_accessible(page, "set-up refused without a link")
