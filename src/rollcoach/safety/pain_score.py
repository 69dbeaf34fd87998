from __future__ import annotations

SOURCE = "pain 0-10 numeric rating scale (NPRS)"


class PainScoreError(ValueError):
    pass


def validate_pain(value: object) -> int:
    # bool is an int subclass: True must not pass as a score of 1.
    if isinstance(value, int) and not isinstance(value, bool):
        number: int | None = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip())
    else:
        number = None
    if number is None or not 0 <= number <= 10:
        raise PainScoreError(f"pain must be a whole number from 0 to 10, got {value!r}")
    return number
