from __future__ import annotations

import re

import pytest

from rollcoach.safety.emergency import (
    COUNTRIES,
    DEFAULT,
    OTHER,
    Source,
    choices,
    choose,
    country_from_accept_language,
    country_from_locale,
    numbers_for,
    posix_locale,
)
from rollcoach.safety.redflags import GUIDANCE, Level, ScreenResult, guidance

# country, emergency number, urgent advice number ("" for none), the source the table must cite
ROWS = [
    ("GB", "999", "111", "nhs.uk"),
    ("IE", "112", "", "citizensinformation.ie"),
    ("DE", "112", "116 117", "116117.de"),
    ("FR", "112", "", "digital-strategy.ec.europa.eu/en/policies/112"),
    ("AT", "112", "1450", "1450.at"),
    ("SE", "112", "1177", "1177.se"),
    ("NO", "113", "116 117", "helsenorge.no"),
    ("CH", "144", "", "ch.ch"),
    ("IS", "112", "", "112.is"),
    ("US", "911", "", "911.gov"),
    ("CA", "911", "", "Canadian Radio-television and Telecommunications Commission"),
    ("AU", "000", "1800 022 222", "triplezero.gov.au"),
    ("NZ", "111", "0800 611 116", "govt.nz"),
    ("ZA", "10177", "", "gov.za"),
    ("IN", "112", "", "Emergency Response Support System"),
    ("SG", "995", "", "scdf.gov.sg"),
    ("HK", "999", "", "GovHK"),
    ("JP", "119", "", "fdma.go.jp"),
    ("KR", "119", "", "nfa.go.kr"),
    ("CN", "120", "", "National Health Commission"),
    ("IL", "101", "", "Magen David Adom"),
    ("TR", "112", "", "112 Emergency Call Centres"),
    ("MX", "911", "", "gob.mx"),
    ("BR", "192", "", "gov.br/saude"),
]

# The 27 member states, written out here so that dropping one from the table fails a test.
EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()


@pytest.mark.parametrize(("country", "emergency", "urgent", "source"), ROWS)
def test_it_gives_each_country_its_numbers(
    country: str, emergency: str, urgent: str, source: str
) -> None:
    numbers = numbers_for(country)
    assert numbers.country == country
    assert numbers.emergency == emergency
    assert numbers.urgent == urgent
    assert numbers.emergency_tel == "tel:" + emergency
    assert numbers.urgent_tel == ("tel:" + urgent.replace(" ", "") if urgent else "")
    assert source in numbers.source


@pytest.mark.parametrize("country", EU)
def test_it_gives_112_in_every_eu_country(country: str) -> None:
    assert numbers_for(country).emergency == "112"
    assert "112" in numbers_for(country).source


def test_it_names_a_source_and_a_dialable_number_on_every_row() -> None:
    for code, numbers in COUNTRIES.items():
        assert re.fullmatch(r"[A-Z]{2}", code) and numbers.country == code
        assert numbers.source.strip(), code
        assert re.fullmatch(r"\d{3,5}", numbers.emergency), code
        assert re.fullmatch(r"tel:\d+", numbers.emergency_tel), code
        if numbers.urgent:
            assert re.fullmatch(r"[\d ]+", numbers.urgent), code
            assert numbers.urgent in numbers.urgent_call, code
    names = [label for _, label in choices()]
    assert names == sorted(names) and len(set(names)) == len(names) == len(COUNTRIES)
    assert OTHER not in COUNTRIES


@pytest.mark.parametrize("country", ["", "  ", OTHER, "XX", "AR", "gbr", "999"])
def test_it_falls_back_to_112_for_a_country_it_does_not_know(country: str) -> None:
    # 112 reaches emergency services from any mobile phone (3GPP TS 22.101) and across Europe.
    assert numbers_for(country) is DEFAULT
    assert DEFAULT.emergency == "112" and DEFAULT.emergency_tel == "tel:112"


def test_it_reads_a_lower_case_code() -> None:
    assert numbers_for("gb").emergency == "999"


@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("en-GB,en;q=0.9", "GB"),  # Chrome and Firefox in British English
        ("de-DE,de;q=0.9,en;q=0.8", "DE"),
        ("en-US,en;q=0.9", "US"),
        ("en-gb", "GB"),
        ("en_GB", "GB"),
        ("en-UK", "GB"),  # not a valid tag, but unambiguous
        ("zh-Hant-HK,zh;q=0.8", "HK"),  # a script before the region
        ("de-DE-1996", "DE"),  # a variant after it
        ("en-GB;q=0.5, fr-FR", "FR"),  # the weights decide, not the order
        ("fr-CA;q=0.8, en-US;q=0.8", "CA"),  # equal weights keep the order
        ("en-GB;q=0, de-AT;q=0.3", "AT"),  # q=0 means "not this one"
        ("en-GB;q=abc, de-CH;q=0.1", "CH"),  # a malformed weight drops that range
        ("<script>, en-NZ", "NZ"),  # a malformed range is left out
        ("de, de-AT;q=0.9", "AT"),  # no region first: a later one of the same language
        ("de, en-GB;q=0.8", None),  # ...but never another language's: 999 fails in Germany
        ("en", None),
        ("es-419", None),  # Latin America: an area, not a country
        ("*", None),
        ("", None),
        (",,,;;;", None),
        ("en-" + "x" * 9, None),
        ("en-GB" + ", fr-FR" * 2000, "GB"),  # a huge header is read, not choked on
    ],
)
def test_it_finds_the_country_in_accept_language(header: str, country: str | None) -> None:
    assert country_from_accept_language(header) == country


@pytest.mark.parametrize(
    ("locale", "country"),
    [
        ("en_GB.UTF-8", "GB"),
        ("de_AT@euro", "AT"),
        ("en_US", "US"),
        ("nb_NO.UTF-8", "NO"),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("C", None),
        ("", None),
    ],
)
def test_it_finds_the_country_in_a_posix_locale(locale: str, country: str | None) -> None:
    assert country_from_locale(locale) == country


@pytest.mark.parametrize(
    ("environ", "locale"),
    [
        ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "en_GB"}, "de_DE.UTF-8"),
        ({"LC_ALL": "", "LC_MESSAGES": "fr_FR", "LANG": "en_GB"}, "fr_FR"),
        ({"LANG": "en_GB.UTF-8"}, "en_GB.UTF-8"),
        ({}, ""),
    ],
)
def test_it_reads_the_locale_the_way_posix_does(environ: dict[str, str], locale: str) -> None:
    assert posix_locale(environ) == locale


@pytest.mark.parametrize(
    ("chosen", "header", "locale", "country", "source"),
    [
        ("US", "en-GB", "", "US", Source.PROFILE),  # the person's choice wins
        ("", "en-GB", "", "GB", Source.LOCALE),
        ("", "de-DE", "en_GB.UTF-8", "DE", Source.LOCALE),  # the browser before the terminal
        ("", "", "en_AU.UTF-8", "AU", Source.LOCALE),
        ("", "en", "", "", Source.DEFAULT),
        ("", "es-AR", "", "", Source.DEFAULT),  # a country the table lacks
        (OTHER, "en-GB", "", "", Source.PROFILE),  # "another country": 112, by choice
    ],
)
def test_it_chooses_the_profile_then_the_locale_then_112(
    chosen: str, header: str, locale: str, country: str, source: Source
) -> None:
    reach = choose(chosen, header, locale)
    assert reach.numbers.country == country
    assert reach.source is source
    if not country:
        assert reach.numbers is DEFAULT


def test_it_remembers_a_country_it_has_no_number_for() -> None:
    assert choose("", "es-AR").named == "AR"
    assert choose("", "en").named == ""


@pytest.mark.parametrize(("country", "emergency", "urgent", "source"), ROWS)
def test_it_puts_the_country_s_numbers_in_the_guidance(
    country: str, emergency: str, urgent: str, source: str
) -> None:
    numbers = numbers_for(country)
    stop = guidance(Level.EMERGENCY, numbers)
    assert f"({emergency}" in stop and numbers.name in stop
    assert "emergency department" in stop and "Do not use the programme" in stop
    soon = guidance(Level.URGENT, numbers)
    assert "Contact a doctor today" in soon and f"({emergency}" in soon
    assert (urgent in soon) if urgent else ("If you cannot reach" not in soon)
    for level in (Level.SEE_CLINICIAN, Level.PROCEED):
        assert guidance(level, numbers) == GUIDANCE[level]  # no number to give


def test_it_gives_the_uk_nhs_111_for_urgent_advice() -> None:
    soon = guidance(Level.URGENT, numbers_for("GB"))
    assert "call NHS 111 (in England, Scotland and Wales)" in soon
    assert "(999 in the United Kingdom)" in soon


def test_it_gives_112_where_the_country_is_unknown() -> None:
    for level in (Level.EMERGENCY, Level.URGENT):
        words = guidance(level)
        assert "(112 in Europe and from most mobile phones)" in words
        assert "999" not in words
        assert GUIDANCE[level] == words


def test_it_serialises_a_result_with_the_person_s_numbers() -> None:
    result = ScreenResult(Level.EMERGENCY, ("E2",))
    assert "(911 in the United States)" in result.to_dict(numbers_for("US"))["guidance"]
    assert result.to_dict()["guidance"] == GUIDANCE[Level.EMERGENCY]
    assert result.guidance_for(numbers_for("AU")) == guidance(Level.EMERGENCY, numbers_for("AU"))
