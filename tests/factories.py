"""Test data built through the same services the product uses."""

import itertools

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.services import staff_account_ensure
from reporting.models import Force, StaffMember
from reporting.services import staff_member_assign

PASSWORD = "correct horse battery staple"
_usernames = itertools.count(1)


def staff_user(*, force_code: str = "E23000001", role=StaffMember.Role.CONTACT_HANDLER, username: str | None = None):
    """A member of force staff with a confirmed authenticator."""
    user, _ = staff_account_ensure(
        username=username or f"staff{next(_usernames)}", password=PASSWORD, first_name="Test", last_name="User"
    )
    force, _ = Force.objects.get_or_create(
        code=force_code, defaults={"name": force_code, "display_name": force_code, "nation": "England"}
    )
    staff_member_assign(user=user, force=force, role=role)
    return user


def user_without_authenticator(username: str = "newstarter"):
    from portal.models import User

    user = User.objects.create(username=username, first_name="New", last_name="Starter")
    user.set_password(PASSWORD)
    user.save()
    return user


def current_code(user) -> str:
    """The code the user's authenticator app would show now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return code_for(device)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def next_code(device: TOTPDevice) -> str:
    """The code for the next 30-second step: still accepted (clock drift tolerance), and not
    a replay of one already used, so one test can sign in twice within the same step."""
    return (
        f"{totp(device.bin_key, step=device.step, t0=device.t0 - device.step, digits=device.digits):0{device.digits}d}"
    )


# --- Reporting journeys (drafts and reports built through the journey services) ---

# A victim's complete domestic abuse report that routes to the Metropolitan Police.
DOMESTIC_ABUSE_ANSWERS = {
    "in_danger": "no",
    "who_for": "myself",
    "your_name": "Alex",
    "relationship": "ex_partner",
    "abuse_kinds": ["physical", "controlling"],
    "what_happened": "He pushed me and took my phone.",
    "when_last": "this_week",
    "when_detail": "",
    "where": "known_place",
    "incident_postcode": "SW1A 1AA",
    "injured": "no",
    "children": "no",
    "risk_indicators": ["strangulation", "threats_to_kill"],
    "person_lives_with": "no",
    "contact_methods": ["call"],
    "phone": "07700 900982",
    "trusted_contact": "no",
    "officer_gender": "no_preference",
    "support_referrals": ["domestic_abuse_service"],
    "copy_safe": "no",
}


def journey_state(answers: dict, *, journey: str = "domestic-abuse", finished: bool = True):
    """A JourneyState with these answers; finished means every page shown for them is done."""
    from reporting.engine import JourneyState
    from reporting.journeys import flow_for

    state = JourneyState(answers=dict(answers))
    if finished:
        for page in flow_for(journey).shown(state):
            if page.terminal:
                break
            state.completed.append(page.slug)
    return state


def draft_with_answers(answers: dict, *, journey: str = "domestic-abuse", finished: bool = True):
    from reporting.services import draft_save

    return draft_save(draft=None, journey=journey, state=journey_state(answers, journey=journey, finished=finished))


def submitted_report(answers: dict | None = None):
    """A report sent from a finished draft (needs the forces loaded)."""
    from reporting.services import report_submit

    draft = draft_with_answers(answers or DOMESTIC_ABUSE_ANSWERS)
    return report_submit(draft=draft, submission_key=draft.submission_key)


# Answer sets that between them open every page of the domestic abuse journey.
DOMESTIC_ABUSE_BRANCHES = [
    dict(
        DOMESTIC_ABUSE_ANSWERS,
        in_danger="yes",
        injured="yes",
        children="yes",
        contact_methods=["call", "email", "letter"],
        trusted_contact="yes",
        copy_safe="yes",
        copy_method="download",
    ),
    dict(DOMESTIC_ABUSE_ANSWERS, who_for="someone_else", where="railway"),
    dict(DOMESTIC_ABUSE_ANSWERS, incident_postcode="NP16 1AA"),
    dict(DOMESTIC_ABUSE_ANSWERS, where="online", home_postcode="", council_area="unknown"),
    dict(DOMESTIC_ABUSE_ANSWERS, incident_postcode="EH1 1YZ"),
]


# --- Support agencies and referrals (built through the support services) ---


def support_agency(
    name: str = "Test Domestic Abuse Service",
    *,
    routes: tuple[tuple[str, str], ...] = (("E23000001", "domestic_abuse"),),
    notification_email: str = "referrals@agency.example",
):
    """A support agency receiving referrals of each (force code, kind) in routes (needs the
    forces loaded)."""
    from support.models import ReferralRoute, SupportAgency

    agency, _ = SupportAgency.objects.get_or_create(name=name, defaults={"notification_email": notification_email})
    for force_code, kind in routes:
        ReferralRoute.objects.get_or_create(
            force=Force.objects.get(code=force_code), kind=kind, defaults={"agency": agency}
        )
    return agency


def agency_user(agency, *, username: str | None = None):
    """A member of an agency's staff with a confirmed authenticator."""
    from support.referrals.services import agency_member_assign

    user, _ = staff_account_ensure(
        username=username or f"agency{next(_usernames)}", password=PASSWORD, first_name="Agency", last_name="Worker"
    )
    agency_member_assign(user=user, agency=agency)
    return user


def referred_report(answers: dict | None = None):
    """A report sent with its outbox handlers run at once, as a worker would after the
    commit: its referrals are made (needs the forces and the agencies)."""
    from reporting import outbox
    from reporting.models import OutboxMessage

    report = submitted_report(answers)
    for message in OutboxMessage.objects.filter(payload__report_id=str(report.pk)):
        outbox.deliver(message.pk)
    return report


def signed_in(client, user):
    """A test client signed in as the user, password and second factor."""
    from django.urls import reverse

    client.post(reverse("portal:staff_sign_in"), {"username": user.username, "password": PASSWORD})
    client.post(reverse("portal:staff_verify"), {"code": current_code(user)})
    return client


# --- Issue 5: rape and sexual assault, Clare's Law and Sarah's Law --------------------------

# A complete report with the person's details that routes to the Metropolitan Police.
RAPE_SEXUAL_ASSAULT_ANSWERS = {
    "in_danger": "no",
    "report_mode": "myself",
    "recent": "no",
    "your_name": "Robin",
    "what_happened": "Someone I met on a date assaulted me.",
    "when_roughly": "years_ago",
    "when_detail": "",
    "where": "known_place",
    "incident_postcode": "SW1A 1AA",
    "person_known": "known",
    "relationship": "date",
    "contact_methods": ["call"],
    "phone": "07700 900982",
    "callback": "chosen",
    "callback_time": "Weekday evenings",
    "trusted_contact": "no",
    "interpreter": "no",
    "officer_gender": "female",
    "support_referrals": ["isva"],
    "support_share_account": "no",
}

# Answer sets that between them open every page of the journey.
RAPE_SEXUAL_ASSAULT_BRANCHES = [
    dict(
        RAPE_SEXUAL_ASSAULT_ANSWERS,
        in_danger="yes",
        recent="yes",
        when_roughly="yesterday",
        contact_methods=["call", "email", "letter"],
        email="robin@example.com",
        postal_address="1 Example Street",
        trusted_contact="yes",
        trusted_name="Sam",
        trusted_phone="07700 900123",
        support_referrals=["isva", "sarc"],
        support_share_account="yes",
    ),
    dict(RAPE_SEXUAL_ASSAULT_ANSWERS, report_mode="someone_else", where="railway", person_known="stranger"),
    dict(RAPE_SEXUAL_ASSAULT_ANSWERS, report_mode="anonymous", incident_postcode="NP16 1AA", split_force="W15000002"),
    dict(
        RAPE_SEXUAL_ASSAULT_ANSWERS, where="online", home_postcode="", council_area="unknown", police_force="E23000001"
    ),
    dict(RAPE_SEXUAL_ASSAULT_ANSWERS, incident_postcode="EH1 1YZ"),
]

# An application for oneself about a partner who has lived in two other force areas, routed
# to West Yorkshire Police by the applicant's (the person at risk's) postcode.
CLARES_LAW_ANSWERS = {
    "applicant_role": "myself",
    "applicant_name": "Jamie Smith",
    "applicant_dob": "1990-03-27",
    "at_risk_address": "1 Example Street, Leeds",
    "at_risk_postcode": "LS1 4AP",
    "at_risk_moved": "no",
    "at_risk_children": "no",
    "relationship": "partner",
    "subject_name": "Alex Jones",
    "subject_age": "about 35",
    "subject_postcode": "M1 1AE",
    "subject_moved": "yes",
    "subject_previous_address_1_address": "2 Example Road, London",
    "subject_previous_address_1_postcode": "SW1A 1AA",
    "subject_previous_address_1_dates": "2019 to 2021",
    "subject_previous_address_1_another": "no",
    "prompted": "A friend told me he hurt his last partner.",
    "contact_methods": ["call"],
    "phone": "07700 900982",
    "trusted_contact": "no",
    "interpreter": "no",
    "officer_gender": "no_preference",
}


def _every_address(prefix: str, count: int = 10) -> dict:
    answers = {}
    for number in range(1, count + 1):
        answers[f"{prefix}_{number}_address"] = f"{number} Example Lane"
        answers[f"{prefix}_{number}_postcode"] = ""
        if number < count:
            answers[f"{prefix}_{number}_another"] = "yes"
    return answers


CLARES_LAW_BRANCHES = [
    dict(
        CLARES_LAW_ANSWERS,
        applicant_role="third_party",
        applicant_connection="family",
        at_risk_name="Priya Shah",
        at_risk_moved="yes",
        at_risk_children="yes",
        **_every_address("at_risk_previous_address"),
        **_every_address("subject_previous_address"),
        contact_methods=["call", "email", "letter"],
        email="jamie@example.com",
        postal_address="3 Example Close",
        trusted_contact="yes",
        trusted_name="Sam",
        trusted_phone="07700 900123",
    ),
    dict(CLARES_LAW_ANSWERS, applicant_role="professional", at_risk_postcode="NP16 1AA", split_force="W15000002"),
    dict(CLARES_LAW_ANSWERS, at_risk_postcode="", council_area="unknown", police_force="E23000010"),
    dict(CLARES_LAW_ANSWERS, at_risk_postcode="EH1 1YZ"),
]

# An application by a parent about their new partner's friend, routed to South Wales Police
# by the child's postcode.
SARAHS_LAW_ANSWERS = {
    "applicant_name": "Morgan Davies",
    "applicant_dob": "1985-07-14",
    "applicant_connection": "parent",
    "child_address": "4 Example Terrace, Cardiff",
    "child_postcode": "CF10 1AA",
    "child_1_name": "Ellis",
    "child_1_dob": "2016-05-01",
    "child_1_another": "no",
    "parental_responsibility": "me",
    "subject_name": "Chris Evans",
    "subject_age": "about 40",
    "subject_postcode": "BS1 4DJ",
    "subject_connection": "friend",
    "subject_contact": "Babysits every Saturday.",
    "concern": "Someone told me he has a conviction.",
    "contact_methods": ["text"],
    "phone": "07700 900982",
    "trusted_contact": "no",
    "interpreter": "no",
    "officer_gender": "no_preference",
    "declaration": ["agreed"],
}


def _every_child(count: int = 8) -> dict:
    answers = {}
    for number in range(1, count + 1):
        answers[f"child_{number}_name"] = f"Child {number}"
        if number < count:
            answers[f"child_{number}_another"] = "yes"
    return answers


SARAHS_LAW_BRANCHES = [
    dict(
        SARAHS_LAW_ANSWERS,
        **_every_child(),
        contact_methods=["call", "email", "letter"],
        email="morgan@example.com",
        postal_address="4 Example Terrace",
        trusted_contact="yes",
        trusted_name="Sam",
        trusted_phone="07700 900123",
    ),
    dict(SARAHS_LAW_ANSWERS, child_postcode="NP16 1AA", split_force="W15000002"),
    dict(SARAHS_LAW_ANSWERS, child_postcode="", council_area="unknown", police_force="W15000003"),
    dict(SARAHS_LAW_ANSWERS, child_postcode="EH1 1YZ"),
]

ANSWERS_BY_JOURNEY = {
    "domestic-abuse": (DOMESTIC_ABUSE_ANSWERS, DOMESTIC_ABUSE_BRANCHES),
    "rape-sexual-assault": (RAPE_SEXUAL_ASSAULT_ANSWERS, RAPE_SEXUAL_ASSAULT_BRANCHES),
    "clares-law": (CLARES_LAW_ANSWERS, CLARES_LAW_BRANCHES),
    "sarahs-law": (SARAHS_LAW_ANSWERS, SARAHS_LAW_BRANCHES),
}


def journey_state_reaching(slug: str, *, journey: str):
    """A JourneyState of any journey in which the page is shown and every page before it is
    done, from the journey's answer sets above."""
    from reporting.engine import JourneyState
    from reporting.journeys import flow_for

    flow = flow_for(journey)
    answers, branches = ANSWERS_BY_JOURNEY[journey]
    for candidate in (answers, *branches):
        shown = flow.shown(JourneyState(answers=dict(candidate)))
        slugs = [page.slug for page in shown]
        if slug in slugs:
            before = shown[: slugs.index(slug)]
            asked = {question.name for page in before for question in page.questions}
            return JourneyState(
                answers={name: value for name, value in candidate.items() if name in asked},
                completed=[page.slug for page in before],
            )
    raise LookupError(f"No set of answers reaches {slug} in {journey}")


def session_with_draft_reaching(slug: str, *, journey: str) -> str:
    """A server-side session whose draft of any journey has just reached the page; returns
    its key, to be set as the session cookie of a browser."""
    from django.contrib.sessions.backends.db import SessionStore

    from reporting.services import draft_save

    draft = draft_save(draft=None, journey=journey, state=journey_state_reaching(slug, journey=journey))
    session = SessionStore()
    session[f"reporting.draft.{journey}"] = str(draft.pk)
    session.create()
    return session.session_key


def submitted_journey_report(journey: str, answers: dict | None = None):
    """A report (or application) of any journey, sent from a finished draft (needs the
    forces loaded)."""
    from reporting.services import report_submit

    draft = draft_with_answers(answers or ANSWERS_BY_JOURNEY[journey][0], journey=journey)
    return report_submit(draft=draft, submission_key=draft.submission_key)


# --- Triage (force staff working reports) ---


def verified_client(client, user):
    """The client signed in as the user with their second factor verified, as after the
    real two-step sign-in (which tests/portal covers), without its cost per request."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def grade_schemes():
    """The default grade scheme for every force loaded so far (and test forces)."""
    from reporting.models import Force
    from reporting.services import grade_schemes_load

    return grade_schemes_load(forces=list(Force.objects.all()))


def queued_report(answers: dict | None = None):
    """A report sent and put in its force's queue, as the outbox does after the commit."""
    from reporting.services import report_queue

    report = submitted_report(answers)
    report_queue(report_id=report.pk)
    report.refresh_from_db()
    return report


def member_of(user):
    from reporting.models import StaffMember

    return StaffMember.objects.select_related("force", "user").get(user=user)


# A report to the South Wales force (Newport), for tests across two forces.
SOUTH_WALES_ANSWERS = dict(DOMESTIC_ABUSE_ANSWERS, incident_postcode="CF10 1AA")
MET = "E23000001"
SOUTH_WALES = "W15000003"


def page_data(page, answers: dict) -> dict:
    """What a browser would post for the page's questions with these answers: a date as its
    day, month and year boxes, a skipped question as nothing at all."""
    from reporting.engine import DateInput

    data = {}
    for question in page.questions:
        value = answers.get(question.name)
        if isinstance(question, DateInput):
            year, month, day = (value or "--").split("-")
            data.update({f"{question.name}_0": day, f"{question.name}_1": month, f"{question.name}_2": year})
        elif value not in (None, ""):
            data[question.name] = value
    return data


def walk_journey(
    client, journey: str, answers: dict, *, until: str = "check-your-answers", start: str | None = None
) -> str:
    """Answers page after page of any journey through its views, as a person would, with
    these answers (by question name), from the first page or the page at `start`; returns
    the URL it stopped at."""
    from django.urls import reverse

    from reporting.journeys import flow_for

    flow = flow_for(journey)
    url = start or reverse("reporting:journey_page", args=[journey, flow.pages[0].slug])
    for _ in range(200):
        slug = url.split("?")[0].rstrip("/").split("/")[-1]
        if slug in (until, "check-your-answers"):
            return url
        response = client.post(url, page_data(flow.page(slug), answers))
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
        url = response["Location"]
    raise AssertionError("The journey did not end")


def assert_one_outbox_message_per_subscriber(report) -> None:
    """A sent report leaves exactly one message for each handler of "report.submitted" (the
    force queue, and whatever other apps subscribe), however often it was sent."""
    from reporting.models import OutboxMessage

    handlers = list(OutboxMessage.objects.filter(payload__report_id=str(report.pk)).values_list("handler", flat=True))
    assert "reporting.report_queue" in handlers
    assert len(handlers) == len(set(handlers)), handlers
    assert OutboxMessage.objects.count() == len(handlers)
