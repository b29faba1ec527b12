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
