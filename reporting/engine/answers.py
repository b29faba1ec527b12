"""The names of answers read outside the page that asks them: by triage, priority, the
safe-contact panel and the support app's referrals, across every journey that asks them.

The names are stored with every report, so they never change: a new wording of a question
keeps its name. Answers only one journey reads stay plain strings in that journey's module.
"""

# Who the report is about.
WHO_FOR = "who_for"
YOUR_NAME = "your_name"
THEY_KNOW = "they_know"

# What priority reads.
IN_DANGER = "in_danger"
CHILDREN = "children"
INJURED = "injured"
RISK_INDICATORS = "risk_indicators"

# What happened, in the person's own words.
WHAT_HAPPENED = "what_happened"
PERSON_LIVES_WITH = "person_lives_with"

# Contacting the person safely (engine.contact).
CONTACT_METHODS = "contact_methods"
PHONE = "phone"
EMAIL = "email"
POSTAL_ADDRESS = "postal_address"
SAFE_DAYS = "safe_days"
SAFE_TIMES = "safe_times"
SAFE_TIMES_DETAIL = "safe_times_detail"
CALLBACK = "callback"
CALLBACK_TIME = "callback_time"
TRUSTED_CONTACT = "trusted_contact"
TRUSTED_NAME = "trusted_name"
TRUSTED_RELATIONSHIP = "trusted_relationship"
TRUSTED_PHONE = "trusted_phone"
LANGUAGE = "language"
INTERPRETER = "interpreter"
ACCESS_NEEDS = "access_needs"
OFFICER_GENDER = "officer_gender"

# The options of CONTACT_METHODS that the safe-contact panel warns about.
VOICEMAIL = "voicemail"
NO_CONTACT = "none"

# The services a person agreed to be referred to (a list of the journey's options).
SUPPORT_REFERRALS = "support_referrals"

# Approaching the person at risk safely, when someone reports or applies for another
# (engine.approach). Whether they know about the report (THEY_KNOW) and whether the person
# who hurts them lives with them (PERSON_LIVES_WITH) keep the names above.
APPROACH_DIRECT = "approach_direct"
APPROACH_SAFE_TIMES = "approach_safe_times"
APPROACH_GO_BETWEEN_NAME = "approach_go_between_name"
APPROACH_GO_BETWEEN_CONTACT = "approach_go_between_contact"
APPROACH_NOTES = "approach_notes"

# The options of APPROACH_DIRECT that say: do not contact the person at risk directly, and:
# it is safe to.
DO_NOT_APPROACH = "no"
SAFE_TO_APPROACH = "yes"

# How old the person it happened to is (engine.age), and the bands that are a child's.
AGE_BAND = "age_band"
CHILD_AGE_BANDS = ("under_13", "13_to_15", "16_or_17")
