"""Someone reporting, or applying, for another person: the answer sets that walk every
journey as them, and the check that nothing on the way speaks to them as if it had
happened to them. Shared by tests/reporting/test_third_party_voice.py (Django's test
client) and tests/browser/test_third_party_walks.py (a real browser).

The phrases below are second-person phrases that only make sense said to the person it
happened to (the victim, or the person at risk). Said to a teacher reporting for a student
they are wrong: "keep the clothes you were wearing". A phrase that rightly addresses the
person reporting on one page goes on the allow-list with the page it belongs to.
"""

import html
import re

from tests.factories import ANSWERS_BY_JOURNEY

# Second-person phrases addressed to the person it happened to. Matched as whole words,
# case-insensitively, anywhere in a page's text.
TO_THE_VICTIM = (
    "you were",
    "hurt you",
    "hurting you",
    "happened to you",
    "did this to you",
    "your body",
    "your clothes",
    "yourself",
    "your fault",
    "your injuries",
    "keep you safe",
    "put you at risk",
    "with you",
    "live with you",
    "apply to you",
    "not believed",
    "you are pregnant",
    "your partner",
    "your ex-partner",
    "did you know the person",
    "have you been injured",
    "evidence if you want",
    "while you decide",
    "give you medical care",
    "you can get free, confidential care",
    "you can go to a sarc",
    "you can still go to a sexual assault referral centre",
    "if you already have",
    "what the police must do for you",
    "your rights as a victim",
)

# (journey, page, phrase): a phrase that rightly speaks to the person reporting there.
ALLOWED = {
    # The declaration binds the applicant, whoever the child is.
    ("sarahs-law", "declaration", "with you"),
    ("sarahs-law", "declaration", "yourself"),
}

# Pages a person reporting for someone else never sees: those for someone reporting for
# themselves (their name, support for them), and an anonymous report's page.
NOT_FOR_SOMEONE_ELSE = {
    "domestic-abuse": {"your-name", "support"},
    "rape-sexual-assault": {"your-name", "anonymous", "support", "support-share-account"},
    "clares-law": set(),
    "sarahs-law": set(),
}

# Answers the factories' sets leave out that some branches ask for.
FILLERS = {
    "email": "chris@example.com",
    "postal_address": "1 Example Street",
    "trusted_name": "Sam",
    "trusted_phone": "07700 900123",
    "copy_email": "chris@example.com",
    "police_force": "E23000001",
    "split_force": "W15000002",
    "their_name": "Priya",
    "they_know": "no",
    "reporter_name": "Chris",
    "reporter_connection": "work",
    "at_risk_name": "Priya Shah",
}


def for_someone_else(journey: str, answers: dict) -> dict:
    """The factories' answer set as someone reporting (or applying) for another person."""
    answers = {**FILLERS, **answers}
    if journey == "domestic-abuse":
        answers["who_for"] = "someone_else"
    elif journey == "rape-sexual-assault":
        answers["report_mode"] = "someone_else"
    elif journey == "clares-law" and answers.get("applicant_role") not in ("third_party", "professional"):
        answers["applicant_role"] = "third_party"
        answers.setdefault("applicant_connection", "family")
    # A Sarah's Law application is always about a child who is not the applicant.
    return answers


def third_party_answer_sets(journey: str) -> list[dict]:
    """Every answer set of the journey in the factories, as someone else would give it."""
    main, branches = ANSWERS_BY_JOURNEY[journey]
    return [for_someone_else(journey, answers) for answers in (main, *branches)]


def visible_text(content: str) -> str:
    """The words in a page's <main>, as a person (or a screen reader) meets them."""
    start, end = content.find("<main"), content.find("</main>")
    main = content[start:end] if start >= 0 else content
    main = re.sub(r"<(script|style|template)\b.*?</\1>", " ", main, flags=re.S | re.I)
    main = re.sub(r"<[^>]+>", " ", main)
    return re.sub(r"\s+", " ", html.unescape(main)).strip()


def victim_phrases(journey: str, page: str, text: str) -> list[str]:
    """The phrases on the page that speak to the person it happened to, less those allowed."""
    found = []
    for phrase in TO_THE_VICTIM:
        if (journey, page, phrase) in ALLOWED:
            continue
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text, flags=re.I):
            found.append(text[max(0, match.start() - 60) : match.end() + 60])
    return found
