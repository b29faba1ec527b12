"""A model field that keeps JSON encrypted at rest (see portal.encryption).

The database only ever holds sealed text. A value is opened lazily, the first time the
attribute is read, with associated data naming the model, the field and the row's primary
key: a sealed value copied into another row does not open. The primary key must therefore be
known before the first save (use a UUID primary key with a default).

Encrypted values cannot be filtered on, and QuerySet.update() cannot write them (it would
skip the encryption), so both raise rather than quietly store or compare plaintext.
"""

from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from .encryption import FORMAT, open_sealed_json, seal_json


class Sealed(str):
    """Sealed text as loaded from the database, not yet opened."""


class EncryptedJSONAttribute(DeferredAttribute):
    """A data descriptor (it has __set__), so reads come through here even once the value
    is in the instance's __dict__, and a sealed value is opened on first read."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is not None and isinstance(value, Sealed):
            value = open_sealed_json(value, associated_data=self.field.associated_data(instance))
            instance.__dict__[self.field.attname] = value
        return value


class EncryptedJSONField(models.TextField):
    descriptor_class = EncryptedJSONAttribute

    def associated_data(self, instance: models.Model) -> bytes:
        if instance.pk is None:
            raise ValueError(f"{self.model._meta.label} needs its primary key before {self.name} can be sealed.")
        return f"{self.model._meta.label_lower}.{self.name}:{instance.pk}".encode()

    def from_db_value(self, value, expression, connection):
        return None if value is None else Sealed(value)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value is None:
            return None
        return Sealed(seal_json(value, associated_data=self.associated_data(model_instance)))

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
        if isinstance(value, str) and value.startswith(f"{FORMAT}:"):
            return Sealed(value)
        return value

    def value_to_string(self, obj):
        # Fixtures and serialisers get the sealed text, never the plaintext.
        value = self.value_from_object(obj)
        return "" if value is None else seal_json(value, associated_data=self.associated_data(obj))
