"""The journey engine: journeys declared as data, rendered by one set of views.

A journey is a Flow (flow.py) of Pages holding Questions (questions.py), shown or skipped by
Conditions (conditions.py), with wording that can follow the answers (wording.py). Pages
asked once for each of several things are declared once (repeat.py). The location pages
(location.py), the safe-contact pages (contact.py), the pages about the applicant and the
person asked about in an application (people.py) and the pages about who is reporting and
what happened (account.py) can be included by any journey.
reporting/journeys/ declares the journeys; reporting/views.py renders any of them.
"""

from .conditions import AllOf, AnyOf, Includes, Is, Not, always
from .flow import Flow, Forget, JourneyState, Page, Section
from .questions import Checkboxes, DateInput, Email, LongText, Option, Phone, Postcode, Radios, Select, Text
from .repeat import Repeat
from .wording import Format, Perspective, Voice, When

__all__ = [
    "AllOf",
    "AnyOf",
    "Checkboxes",
    "DateInput",
    "Email",
    "Flow",
    "Forget",
    "Format",
    "Includes",
    "Is",
    "JourneyState",
    "LongText",
    "Not",
    "Option",
    "Page",
    "Perspective",
    "Phone",
    "Postcode",
    "Radios",
    "Repeat",
    "Section",
    "Select",
    "Text",
    "Voice",
    "When",
    "always",
]
