"""Small helpers shared by the views of the signals app."""

import uuid as uuid_lib

PAGE_SIZE = 50


def _is_uuid(value: str) -> bool:
    try:
        uuid_lib.UUID(value)
    except ValueError:
        return False
    return True
