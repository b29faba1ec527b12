"""Authenticated encryption for data at rest (AES-256-GCM).

A sealed value is text, so it fits any text column:

    wm1:<key id>:<base64url of 12-byte nonce + ciphertext + 16-byte tag>

The key id says which key sealed it, so keys can be rotated: add a new key to
``WAYMARK_ENCRYPTION_KEYS``, make it ``WAYMARK_ENCRYPTION_CURRENT_KEY``, and old values still
open with the old key until they are written again (every write seals with the current key).

Associated data binds a value to where it belongs (for a model field: the model, the field
and the row's primary key). It is not stored, so a value copied to another row or column does
not open.
"""

import base64
import binascii
import json
import os
import re
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core import checks

FORMAT = "wm1"
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
# The key committed for development and tests; a deployment must never use it. It is public,
# so it is refused by its id and by its bytes (production settings refuse it at start-up).
DEVELOPMENT_KEY_ID = "dev"
DEVELOPMENT_KEY = "5pALzqka3E3LhPbJGXClkKE5VDo4iegY1Vi7NCsi8AY="


class EncryptionError(Exception):
    """A value could not be sealed or opened: wrong key, wrong place, or tampered with."""


def _keys() -> dict[str, bytes]:
    keys = {}
    for key_id, encoded in settings.WAYMARK_ENCRYPTION_KEYS.items():
        try:
            key = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as error:
            raise EncryptionError(f"Encryption key {key_id!r} is not valid base64.") from error
        if not KEY_ID.fullmatch(key_id) or len(key) != KEY_BYTES:
            raise EncryptionError(f"Encryption key {key_id!r} must be {KEY_BYTES} bytes with a short id.")
        keys[key_id] = key
    return keys


def _key(key_id: str) -> bytes:
    key = _keys().get(key_id)
    if key is None:
        raise EncryptionError(f"No encryption key with id {key_id!r}.")
    return key


def current_key_id() -> str:
    return settings.WAYMARK_ENCRYPTION_CURRENT_KEY


def seal(plaintext: bytes, *, associated_data: bytes) -> str:
    """Encrypts with the current key and a fresh random nonce."""
    key_id = current_key_id()
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(_key(key_id)).encrypt(nonce, plaintext, associated_data)
    return f"{FORMAT}:{key_id}:{base64.urlsafe_b64encode(nonce + ciphertext).decode('ascii')}"


def open_sealed(sealed: str, *, associated_data: bytes) -> bytes:
    """Decrypts a value from seal(), with the key named in it."""
    try:
        version, key_id, body = sealed.split(":", 2)
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
    except (ValueError, binascii.Error, UnicodeEncodeError) as error:
        raise EncryptionError("Not a sealed value.") from error
    if version != FORMAT or len(raw) <= NONCE_BYTES:
        raise EncryptionError("Not a sealed value.")
    try:
        return AESGCM(_key(key_id)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated_data)
    except InvalidTag as error:
        raise EncryptionError("The value does not open with its key in this place.") from error


def sealed_key_id(sealed: str) -> str:
    """The id of the key a value was sealed with, for rotation jobs."""
    return sealed.split(":", 2)[1]


def seal_json(value: Any, *, associated_data: bytes) -> str:
    return seal(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), associated_data=associated_data)


def open_sealed_json(sealed: str, *, associated_data: bytes) -> Any:
    return json.loads(open_sealed(sealed, associated_data=associated_data))


def keys_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Fails start-up on a broken key set, and warns a deployment still on the development key."""
    try:
        _key(current_key_id())
    except EncryptionError as error:
        return [checks.Error(str(error), id="waymark.E001")]
    return []


def development_key_configured(keys: dict[str, str]) -> bool:
    """Whether a key set ("id" -> base64) holds the public development key, under any id, or
    anything under the development key's id. Takes the keys as given so that settings can ask
    before Django is set up."""
    development_key = base64.b64decode(DEVELOPMENT_KEY)
    for key_id, encoded in keys.items():
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if key_id.strip() == DEVELOPMENT_KEY_ID or key == development_key:
            return True
    return False


def deploy_keys_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if development_key_configured(settings.WAYMARK_ENCRYPTION_KEYS):
        return [
            checks.Warning(
                "The development encryption key is configured. Set WAYMARK_ENCRYPTION_KEYS without it.",
                id="waymark.W001",
            )
        ]
    return []
