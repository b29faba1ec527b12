"""What more than one kind of reporting read needs."""

import uuid


def as_uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
