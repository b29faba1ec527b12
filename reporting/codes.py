"""Codes people read, write down and type: report references and return codes.

Both use an alphabet without characters that are easy to confuse (0 and O, 1, I and L), so
a code read over the phone or copied by hand comes back right.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUP = 4
REFERENCE_GROUPS = 2
# A return code is a locator (finds the draft, not secret) and a secret (checked against a
# slow hash). 8 secret characters carry about 40 bits; with the attempt limits that is far
# beyond guessing, and ASVS 6.5.2 is met by storing only an Argon2id hash of it.
LOCATOR_LENGTH = 4
SECRET_LENGTH = 8
RETURN_CODE_LENGTH = LOCATOR_LENGTH + SECRET_LENGTH


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def grouped(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def new_reference() -> str:
    """A report reference like "K7QF-29XH": short enough to read to a call handler, and
    nothing in it says what kind of report it is."""
    return grouped(_random(GROUP * REFERENCE_GROUPS))


# A follow-up code goes with the report's reference, which is its locator, so all of it is
# secret: 12 characters carry about 59 bits (a report lives far longer than a draft).
FOLLOW_UP_CODE_LENGTH = 12


def new_follow_up_code() -> str:
    return _random(FOLLOW_UP_CODE_LENGTH)


def new_return_code() -> tuple[str, str]:
    """A fresh (locator, secret) pair."""
    return _random(LOCATOR_LENGTH), _random(SECRET_LENGTH)


def normalise(typed: str) -> str:
    """What someone typed, without spaces or dashes, in capitals."""
    return "".join(character for character in typed.upper() if character.isalnum())


def split_return_code(typed: str) -> tuple[str, str] | None:
    code = normalise(typed)
    if len(code) != RETURN_CODE_LENGTH or any(character not in ALPHABET for character in code):
        return None
    return code[:LOCATOR_LENGTH], code[LOCATOR_LENGTH:]
