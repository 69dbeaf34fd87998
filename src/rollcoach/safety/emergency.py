"""Who to call when the red-flag screen says EMERGENCY or URGENT, country by country.

The stop pages and `rollcoach screen` give the number for the person's country: the one in their
profile, else the one their browser (Accept-Language) or terminal (LANG) names, else DEFAULT.
Each row of the table names its source. A number is the one for an ambulance: where police, fire
and ambulance have different numbers (Norway, Switzerland, Japan...), the ambulance's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Numbers:
    country: str  # ISO 3166-1 alpha-2 code, "" for DEFAULT
    name: str  # as it reads after "in": "the United Kingdom"
    emergency: str  # what to dial for an ambulance, as written locally: "000"
    source: str
    also: str = ""  # how else to reach the same help, read after the number: "or 999"
    urgent: str = ""  # a medical advice line for same-day problems, as written: "0800 611 116"
    urgent_name: str = ""  # how that line is known: "NHS 111"
    urgent_where: str = ""  # where it runs, when not the whole country

    @property
    def label(self) -> str:
        """The country's name in a list: "United Kingdom"."""
        return self.name.removeprefix("the ")

    @property
    def emergency_tel(self) -> str:
        return _tel(self.emergency)

    @property
    def urgent_tel(self) -> str:
        return _tel(self.urgent) if self.urgent else ""

    @property
    def urgent_call(self) -> str:
        """What follows "Call" on the urgent line's link: "NHS 111", "Healthline on 0800 ..."."""
        if not self.urgent:
            return ""
        if self.urgent_name and self.urgent not in self.urgent_name:
            return f"{self.urgent_name} on {self.urgent}"
        return self.urgent_name or self.urgent

    @property
    def where(self) -> str:
        """The number in a sentence: "999 in the United Kingdom", "112 or 999 in Ireland"."""
        if not self.country:
            return f"{self.emergency} {self.also}"
        also = f" {self.also}" if self.also else ""
        return f"{self.emergency}{also} in {self.name}"


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"\D", "", number)


# Unknown country: 112. It is the emergency number of every EU and EEA country and of many
# others, and mobile phones are built to treat 112 (and 911) as an emergency call wherever they
# are, with or without a SIM (3GPP TS 22.101, section 10.1.1; ITU-T E.161.1 recommends 112 or 911
# to countries choosing a number). That makes it the most widely routed number there is. Landlines
# outside Europe may not route it, so the pages offer to set the country in the profile.
DEFAULT = Numbers(
    country="",
    name="",
    emergency="112",
    also="in Europe and from most mobile phones",
    source="3GPP TS 22.101 s10.1.1 (112 on every mobile phone); ITU-T E.161.1",
)

# A country chosen in the profile that the table lacks: CLDR's code for an unknown region.
OTHER = "ZZ"

EU_SOURCE = (
    "European Commission, '112: the single European emergency number' "
    "(digital-strategy.ec.europa.eu/en/policies/112); Directive (EU) 2018/1972 art. 109"
)
EU_STATES = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "the Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}

# Rows that say more than "112" for an EU country, and every country outside the EU.
_ROWS = [
    Numbers(
        "GB",
        "the United Kingdom",
        "999",
        "NHS, 'When to call 999' and 'When to use 111' (nhs.uk); NHS 24 runs 111 in Scotland",
        urgent="111",
        urgent_name="NHS 111",
        urgent_where="England, Scotland and Wales",
    ),
    Numbers(
        "IE",
        "Ireland",
        "112",
        "Citizens Information, 'Emergency services' (citizensinformation.ie): 112 and 999",
        also="or 999",
    ),
    Numbers(
        "DE",
        "Germany",
        "112",
        f"{EU_SOURCE}; 116117: Kassenärztliche Bundesvereinigung (116117.de)",
        urgent="116 117",
        urgent_name="the on-call doctors' service (116 117)",
    ),
    Numbers(
        "AT",
        "Austria",
        "112",
        f"{EU_SOURCE}; 1450: the Austrian health advice line (1450.at)",
        urgent="1450",
        urgent_name="the health advice line 1450",
    ),
    Numbers(
        "SE",
        "Sweden",
        "112",
        f"{EU_SOURCE}; 1177: Vårdguiden, Sweden's regions (1177.se)",
        urgent="1177",
        urgent_name="1177 Vårdguiden",
    ),
    Numbers("IS", "Iceland", "112", "Neyðarlínan, Iceland's emergency line (112.is)"),
    Numbers(
        "NO",
        "Norway",
        "113",
        "Helsenorge, 'Emergency numbers' (helsenorge.no): 113 medical, 112 police, 116117 legevakt",
        urgent="116 117",
        urgent_name="legevakt, the out-of-hours doctors (116 117)",
    ),
    Numbers(
        "CH",
        "Switzerland",
        "144",
        "ch.ch, Swiss authorities, 'Emergency numbers': 144 ambulance, 112 also answered",
        also="or 112",
    ),
    Numbers("US", "the United States", "911", "US National 911 Program (911.gov)"),
    Numbers(
        "CA", "Canada", "911", "Canadian Radio-television and Telecommunications Commission, 9-1-1"
    ),
    Numbers(
        "AU",
        "Australia",
        "000",
        "Australian Government, Triple Zero (triplezero.gov.au); "
        "healthdirect helpline (healthdirect.gov.au)",
        urgent="1800 022 222",
        urgent_name="healthdirect",
    ),
    Numbers(
        "NZ",
        "New Zealand",
        "111",
        "New Zealand Government, 'Call 111' (govt.nz); Healthline, Health New Zealand",
        urgent="0800 611 116",
        urgent_name="Healthline",
    ),
    Numbers(
        "ZA",
        "South Africa",
        "10177",
        "South African Government, 'Emergency numbers' (gov.za): 10177 ambulance, 112 mobile",
        also="or 112 from a mobile phone",
    ),
    Numbers("IN", "India", "112", "Emergency Response Support System, Government of India"),
    Numbers("SG", "Singapore", "995", "Singapore Civil Defence Force (scdf.gov.sg): 995"),
    Numbers("HK", "Hong Kong", "999", "GovHK, 'Emergency services': 999"),
    Numbers("JP", "Japan", "119", "Fire and Disaster Management Agency (fdma.go.jp): 119"),
    Numbers("KR", "South Korea", "119", "National Fire Agency (nfa.go.kr): 119"),
    Numbers("CN", "China", "120", "National Health Commission: 120 medical emergency"),
    Numbers("IL", "Israel", "101", "Magen David Adom, Israel's ambulance service: 101"),
    Numbers("TR", "Turkey", "112", "Ministry of the Interior, 112 Emergency Call Centres"),
    Numbers("MX", "Mexico", "911", "Gobierno de México, 911 Emergencias (gob.mx)"),
    Numbers("BR", "Brazil", "192", "Ministério da Saúde, SAMU 192 (gov.br/saude)"),
]

COUNTRIES: dict[str, Numbers] = {
    code: Numbers(code, name, "112", EU_SOURCE) for code, name in EU_STATES.items()
} | {row.country: row for row in _ROWS}


def numbers_for(country: str) -> Numbers:
    """The numbers for an ISO 3166-1 alpha-2 code; DEFAULT for "", OTHER or any code not here."""
    return COUNTRIES.get(country.strip().upper(), DEFAULT)


def choices() -> list[tuple[str, str]]:
    """Every country in the table by name, for a list to choose from."""
    return sorted(((n.country, n.label) for n in COUNTRIES.values()), key=lambda c: c[1])


class Source(StrEnum):
    PROFILE = "profile"  # the person chose their country
    LOCALE = "locale"  # their browser's or terminal's language setting names it
    DEFAULT = "default"  # nothing named a country in the table


@dataclass(frozen=True)
class Reach:
    """The numbers to show a person, and why those."""

    numbers: Numbers
    source: Source
    named: str = ""  # a country the locale named that the table lacks


def choose(chosen: str, accept_language: str = "", locale: str = "") -> Reach:
    """The profile's country wins; then the browser's Accept-Language; then a POSIX locale."""
    if chosen:
        return Reach(numbers_for(chosen), Source.PROFILE)
    named = country_from_accept_language(accept_language) or country_from_locale(locale)
    if named in COUNTRIES:
        return Reach(COUNTRIES[named], Source.LOCALE)
    return Reach(DEFAULT, Source.DEFAULT, named or "")


# Subtags after the language, RFC 5646: extlang (3 letters) and script (4 letters) may come
# first; a region is 2 letters (a country) or 3 digits (a UN M.49 area, no country).
_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
_RANGE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*)$")
_QUALITY = re.compile(r"^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$", re.IGNORECASE)
ALIASES = {"UK": "GB"}  # ISO 3166 reserves UK for the United Kingdom; tags should say GB


def region_of(tag: str) -> str | None:
    """The country a language tag names ("en-GB" -> "GB"), or None: "en", "es-419", "*"."""
    parts = re.split(r"[-_]", tag.strip())
    if len(parts) < 2 or not all(_SUBTAG.match(p) for p in parts):
        return None
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 8:
        return None
    for part in parts[1:]:
        if part.isalpha() and len(part) in (3, 4):
            continue  # extlang or script
        if part.isalpha() and len(part) == 2:
            region = part.upper()
            return ALIASES.get(region, region)
        return None  # a numeric area, a variant or an extension: no country
    return None


def _preferences(header: str) -> list[str]:
    """The language ranges of an Accept-Language header (RFC 9110 s12.5.4), most wanted first;
    malformed ranges, and ranges with q=0 or a malformed weight, are left out."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(header[:2000].split(",")):
        tag, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            quality = _QUALITY.match(param.replace(" ", ""))
            if quality is None:
                weight = -1.0
                break
            weight = float(quality.group(1))
        if _RANGE.match(tag) and weight > 0:
            ranked.append((-weight, index, tag))
    return [tag for _, _, tag in sorted(ranked)]


def country_from_accept_language(header: str) -> str | None:
    """The country of the person's first language preference, or None when it names none.

    Only the first preference counts: "de, en-GB" may well be someone in Germany who also reads
    British English, and 999 does not work in Germany (112 works in both). When the first has no
    region, a later range of the same language may give one ("de, de-AT" -> "AT")."""
    wanted = _preferences(header)
    if not wanted:
        return None
    first = wanted[0]
    region = region_of(first)
    if region is not None:
        return region
    language = re.split(r"[-_]", first)[0].lower()
    for later in wanted[1:]:
        if re.split(r"[-_]", later)[0].lower() == language and region_of(later):
            return region_of(later)
    return None


def country_from_locale(value: str) -> str | None:
    """The country of a POSIX locale such as "en_GB.UTF-8" or "de_AT@euro"; None for "C"."""
    name = re.split(r"[.@]", value.strip(), maxsplit=1)[0]
    return region_of(name)


def posix_locale(environ: Mapping[str, str]) -> str:
    """The locale that names the language of messages: LC_ALL, then LC_MESSAGES, then LANG."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(key):
            return environ[key]
    return ""
