"""Usernames that cannot pass for someone else's.

A name is stored in Unicode's NFKC form (Django's username field normalises it), so "ａｌｉｃｅ"
(full width) or "𝐚𝐥𝐢𝐜𝐞" (mathematical bold) is stored as "alice". Two names are the same name
when their comparison keys are equal: the NFKC form, case-folded, with the Cyrillic, Greek and
other letters that look like Latin ones read as those Latin letters. So "Alice", "ALICE" and
"аlice" (a Cyrillic а) are all the name "alice", and only one account may hold it.

A few names would let someone pass for the people who run the site; sign-up refuses them and
their look-alikes ("Admin", "ａｄｍｉｎ", "adm1n", "ad_min", "admin2", "rооt" with Cyrillic о)."""

from __future__ import annotations

import re
import unicodedata

from django.contrib.auth.models import User
from django.db.models import Q

RESERVED = (
    "admin",
    "administrator",
    "moderator",
    "support",
    "staff",
    "root",
    "rollcoach",
    "help",
)

# Letters of other scripts that are drawn like Latin ones, each with the Latin letter it passes
# for (Unicode's confusables for these scripts, the letters a name is most likely to borrow).
_LOOK_ALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    "Ӏ": "l", "а": "a", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j", "ӏ": "l",
    "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "ԝ": "w", "х": "x", "у": "y", "ү": "y", "ѵ": "v",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J", "α": "a", "ι": "i",
    "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j",
    # Armenian
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g", "զ": "q",
    # Latin letters drawn like other Latin letters
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ɩ": "i", "ĸ": "k", "ǀ": "l", "ɪ": "i",
}  # fmt: skip
_TABLE = str.maketrans(_LOOK_ALIKES)

# For the reserved names only: separators ignored, and digits read as the letters they pass for.
_SEPARATORS = re.compile(r"[.\-_+@]")
_DIGIT_LOOKS = str.maketrans({"0": "o", "1": "i", "l": "i", "3": "e", "5": "s", "$": "s"})
_TRAILING_DIGITS = re.compile(r"\d+\Z")

TAKEN = "That username is taken, or looks too much like one that is. Please choose another."
RESERVED_MESSAGE = (
    "That username is kept for the people who run rollcoach, so that nobody can pass for them. "
    "Please choose another."
)


def normal(name: str) -> str:
    """The form a username is stored in."""
    return unicodedata.normalize("NFKC", name).strip()


def key(name: str) -> str:
    """Equal for two names that read the same: case and look-alike letters do not count."""
    read = unicodedata.normalize("NFKC", name).translate(_TABLE).casefold()
    # "İ" folds to "i" and a combining dot, which a lower-case i draws anyway.
    return unicodedata.normalize("NFKC", read.replace("i\u0307", "i")).translate(_TABLE)


def _reserved_form(name: str) -> str:
    plain = _SEPARATORS.sub("", key(name))
    return _TRAILING_DIGITS.sub("", plain).translate(_DIGIT_LOOKS)


_RESERVED_FORMS = frozenset(_reserved_form(name) for name in RESERVED)


def is_reserved(name: str) -> bool:
    return _reserved_form(name) in _RESERVED_FORMS


def is_taken(name: str) -> bool:
    """Whether an account already holds this name or one that reads the same.

    A plain-ASCII stored name reads the same only when it is equal ignoring case, which the
    database compares; names with other letters (few) are compared here, one by one."""
    wanted = key(name)
    same_ascii = Q(username__iexact=wanted) if wanted.isascii() else Q(pk__in=[])
    candidates = User.objects.filter(same_ascii | Q(username__regex=r"[^ -~]"))
    return any(key(stored) == wanted for stored in candidates.values_list("username", flat=True))
