"""Model fields that keep values encrypted at rest (see portal.encryption): JSON, and text.

The database only ever holds sealed text. A value is opened lazily, the first time the
attribute is read, with associated data naming the model, the field and the row: a sealed
value copied into another row does not open. The row is named by its primary key unless the
field is given `bind_to`, the name of another attribute that is unique per row; either must be
known before the first save (a UUID primary key with a default, or a value the code sets
before saving).

Encrypted values cannot be filtered on, and QuerySet.update() cannot write them (it would
skip the encryption), so both raise rather than quietly store or compare plaintext.
"""

from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from .encryption import FORMAT, open_sealed, open_sealed_json, seal, seal_json

SEALED_PREFIX = f"{FORMAT}:"


class Sealed(str):
    """Sealed text as loaded from the database, not yet opened."""


class EncryptedAttribute(DeferredAttribute):
    """A data descriptor (it has __set__), so reads come through here even once the value
    is in the instance's __dict__, and a sealed value is opened on first read."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is not None and isinstance(value, Sealed):
            value = self.field.open_value(value, instance)
            instance.__dict__[self.field.attname] = value
        return value


class EncryptedField(models.TextField):
    """What the encrypted fields share. A subclass says how its value is sealed and opened
    (`seal_with`, `open_with`).

    `legacy_plaintext=True` is for a column that held plaintext before it was encrypted and
    whose old rows cannot be written again: a stored value without the sealed prefix is read
    as the plaintext it is, and every new value is sealed. Without it, such a value is treated
    as sealed and refuses to open.
    """

    descriptor_class = EncryptedAttribute

    def __init__(self, *args, bind_to: str = "pk", legacy_plaintext: bool = False, **kwargs):
        self.bind_to = bind_to
        self.legacy_plaintext = legacy_plaintext
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.bind_to != "pk":
            kwargs["bind_to"] = self.bind_to
        if self.legacy_plaintext:
            kwargs["legacy_plaintext"] = True
        return name, path, args, kwargs

    def seal_with(self, value: Any, *, associated_data: bytes) -> str:
        raise NotImplementedError

    def open_with(self, sealed: str, *, associated_data: bytes) -> Any:
        raise NotImplementedError

    def associated_data(self, instance: models.Model) -> bytes:
        place = getattr(instance, self.bind_to)
        if place is None or place == "":
            raise ValueError(f"{self.model._meta.label} needs its {self.bind_to} before {self.name} can be sealed.")
        return f"{self.model._meta.label_lower}.{self.name}:{place}".encode()

    def seal_value(self, value: Any, instance: models.Model) -> Sealed:
        return Sealed(self.seal_with(value, associated_data=self.associated_data(instance)))

    def open_value(self, sealed: str, instance: models.Model) -> Any:
        return self.open_with(sealed, associated_data=self.associated_data(instance))

    def _stored(self, value: str):
        if self.legacy_plaintext and not value.startswith(SEALED_PREFIX):
            return value
        return Sealed(value)

    def from_db_value(self, value, expression, connection):
        return None if value is None else self._stored(value)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        return None if value is None else self.seal_value(value, model_instance)

    def get_prep_value(self, value: Any):
        if value is None or isinstance(value, Sealed):
            return value
        raise TypeError(f"{self.name} is encrypted: write it with save(), not update(); it cannot be filtered on.")

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def to_python(self, value):
        # A fixture holds the sealed text written by value_to_string.
        if isinstance(value, str) and value.startswith(SEALED_PREFIX):
            return Sealed(value)
        return value

    def value_to_string(self, obj):
        # Fixtures and serialisers get the sealed text, never the plaintext.
        value = self.value_from_object(obj)
        return "" if value is None else self.seal_value(value, obj)


class EncryptedJSONField(EncryptedField):
    """Any JSON value (a dict, a list, a string...)."""

    def seal_with(self, value: Any, *, associated_data: bytes) -> str:
        return seal_json(value, associated_data=associated_data)

    def open_with(self, sealed: str, *, associated_data: bytes) -> Any:
        return open_sealed_json(sealed, associated_data=associated_data)


class EncryptedTextField(EncryptedField):
    """Text, read and written as a plain str."""

    def seal_with(self, value: str, *, associated_data: bytes) -> str:
        return seal(str(value).encode(), associated_data=associated_data)

    def open_with(self, sealed: str, *, associated_data: bytes) -> str:
        return open_sealed(sealed, associated_data=associated_data).decode()
