import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from typer.testing import CliRunner

from rollcoach.content.screens import load_red_flags
from rollcoach.web.coach.models import Screening
from rollcoach.web.coach.services.profiles import update_profile

IDS = [q.id for q in load_red_flags()]


def answers(yes: str | None = None, **overrides: str) -> dict[str, str]:
    data = {qid: "yes" if qid == yes else "no" for qid in IDS}
    data.update(overrides)
    return data


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/start/screen/")
    assert response["Location"] == "/accounts/login/?next=/start/screen/"


def test_it_asks_every_question_as_a_required_yes_no_pair_in_groups(
    owner_client: Client,
) -> None:
    body = owner_client.get("/start/screen/").content.decode()
    for question in load_red_flags():
        assert f'name="{question.id}" value="yes"' in body
        assert f'name="{question.id}" value="no"' in body
    assert body.count("required") >= 2 * len(IDS)
    assert "Bladder, bowels, feeling and strength" in body
    assert "Your back pain over time" in body
    assert "not a diagnosis" in body


@pytest.mark.parametrize(
    ("yes", "level", "location"),
    [
        (None, "PROCEED", "/start/screen/result/"),
        ("E2", "EMERGENCY", "/start/screen/result/"),
        ("U1", "URGENT", "/start/screen/result/"),
        ("G1", "SEE-CLINICIAN", "/start/screen/result/"),
    ],
)
def test_it_stores_the_level_and_routes_by_it(
    owner: User, owner_client: Client, yes: str | None, level: str, location: str
) -> None:
    response = owner_client.post("/start/screen/", answers(yes))
    assert response.status_code == 302
    assert response["Location"] == location
    saved = Screening.objects.get(user=owner, kind=Screening.Kind.RED_FLAGS)
    assert saved.level == level


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ("E2", ["Get medical help now", "emergency department", 'role="alert"']),
        ("U1", ["Contact a doctor today", "within 24 hours", 'role="alert"']),
        ("G1", ["Your programme is paused", "A clinician has reviewed me", 'href="/clearance/"']),
    ],
)
def test_it_shows_each_level_its_own_page(
    owner_client: Client, yes: str, expected: list[str]
) -> None:
    owner_client.post("/start/screen/", answers(yes))
    body = owner_client.get("/start/screen/result/").content.decode()
    for text in expected:
        assert text in body
    assert "This is not a diagnosis" in body
    assert 'href="/start/screen/"' in body  # come back later: take it again
    question = next(q for q in load_red_flags() if q.id == yes)
    assert question.text.split()[0] in body


def test_it_offers_to_record_a_review_at_emergency_level(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers("E2"))
    body = owner_client.get("/start/screen/result/").content.decode()
    # Get help first; once seen, the person records the review instead of changing an answer.
    assert body.index("Get medical help now") < body.index('href="/clearance/"')
    assert "never need to change a true answer" in body


def test_it_explains_the_inflammatory_pattern(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers("G6"))
    body = owner_client.get("/start/screen/result/").content.decode()
    assert "rheumatologist" in body


def test_it_refuses_a_missing_answer_and_stores_nothing(owner: User, owner_client: Client) -> None:
    data = answers()
    del data["E3"]
    response = owner_client.post("/start/screen/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please answer yes or no." in body
    assert 'href="#id_E3_group"' in body
    assert not Screening.objects.filter(user=owner).exists()


@pytest.mark.parametrize("value", ["maybe", "true", "1", ""])
def test_it_refuses_an_answer_that_is_not_yes_or_no(
    owner: User, owner_client: Client, value: str
) -> None:
    response = owner_client.post("/start/screen/", answers(E1=value))
    assert response.status_code == 200
    assert "Please answer yes or no." in response.content.decode()
    assert not Screening.objects.filter(user=owner).exists()


def test_it_ignores_unknown_fields_without_storing_them(owner: User, owner_client: Client) -> None:
    data = answers() | {"Z9": "yes"}
    owner_client.post("/start/screen/", data)
    saved = Screening.objects.get(user=owner)
    assert "Z9" not in saved.answers


def test_it_goes_on_to_the_profile_when_the_questionnaire_is_done(
    owner: User, owner_client: Client, start_back_taken: Callable[[User], None]
) -> None:
    start_back_taken(owner)
    owner_client.post("/start/screen/", answers())
    body = owner_client.get("/start/screen/result/").content.decode()
    assert 'href="/profile/">Continue' in body


def test_it_sends_the_result_page_to_the_screen_before_any_answers(
    owner_client: Client,
) -> None:
    response = owner_client.get("/start/screen/result/")
    assert response["Location"] == "/start/screen/"


def test_it_shows_a_clear_result_before_moving_on(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers())
    response = owner_client.get("/start/screen/result/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your result: you can start" in body
    assert "Nothing in your answers needs a clinician first" in body
    assert 'href="/start/back/">Continue' in body


def test_it_never_shows_the_owner_s_result_to_the_outsider(
    owner_client: Client, outsider_client: Client
) -> None:
    owner_client.post("/start/screen/", answers("E2"))
    response = outsider_client.get("/start/screen/result/")
    assert response.status_code == 302
    assert response["Location"] == "/start/screen/"


def call_links(body: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="button[^"]*" href="(tel:\d+)">([^<]+)</a>', body)


@pytest.mark.parametrize(
    ("accept_language", "tel", "words"),
    [
        ("en-GB,en;q=0.9", "tel:999", "999 in the United Kingdom"),
        ("de-DE,de;q=0.9,en;q=0.8", "tel:112", "112 in Germany"),
        ("en-US,en;q=0.9", "tel:911", "911 in the United States"),
        ("en-AU", "tel:000", "000 in Australia"),
        ("", "tel:112", "112 in Europe and from most mobile phones"),
        ("en", "tel:112", "112 in Europe and from most mobile phones"),
    ],
)
def test_it_gives_the_emergency_number_for_the_browser_s_country(
    owner_client: Client, accept_language: str, tel: str, words: str
) -> None:
    owner_client.post("/start/screen/", answers("E2"))
    response = owner_client.get("/start/screen/result/", HTTP_ACCEPT_LANGUAGE=accept_language)
    body = response.content.decode()
    alert = body.split('role="alert"', 1)[1].split("</section>", 1)[0]
    assert call_links(alert) == [(tel, f"Call {tel.removeprefix('tel:')}")]
    assert words in alert
    assert 'href="/profile/#id_country"' in alert  # somewhere else: set the country
    assert "999 in the UK" not in body


def test_it_takes_the_profile_s_country_over_the_browser_s(
    owner: User, owner_client: Client
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "US"})
    owner_client.post("/start/screen/", answers("E2"))
    body = owner_client.get("/start/screen/result/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert call_links(body) == [("tel:911", "Call 911")]
    assert "911 in the United States" in body and "as set in" in body
    assert "tel:999" not in body


def test_it_gives_112_when_the_profile_says_another_country(
    owner: User, owner_client: Client
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "ZZ"})
    owner_client.post("/start/screen/", answers("E2"))
    body = owner_client.get("/start/screen/result/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert call_links(body) == [("tel:112", "Call 112")]
    assert "call the local emergency number" in body


@pytest.mark.parametrize(
    ("accept_language", "links"),
    [
        ("en-GB", [("tel:111", "Call NHS 111"), ("tel:999", "Call 999")]),
        ("en-NZ", [("tel:0800611116", "Call Healthline on 0800 611 116"), ("tel:111", "Call 111")]),
        ("en-US", [("tel:911", "Call 911")]),
    ],
)
def test_it_gives_the_urgent_advice_line_and_the_emergency_number_when_urgent(
    owner_client: Client, accept_language: str, links: list[tuple[str, str]]
) -> None:
    owner_client.post("/start/screen/", answers("U1"))
    body = owner_client.get(
        "/start/screen/result/", HTTP_ACCEPT_LANGUAGE=accept_language
    ).content.decode()
    assert call_links(body) == links
    assert "In an emergency:" in body


def test_it_offers_no_call_link_when_a_review_is_enough(owner_client: Client) -> None:
    owner_client.post("/start/screen/", answers("G1"))
    body = owner_client.get("/start/screen/result/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "tel:" not in body


def test_it_gives_the_right_number_after_the_pre_session_check(
    ready_owner: User, owner_client: Client
) -> None:
    from rollcoach.content.screens import load_pre_session

    check = {q.id: "no" for q in load_pre_session()} | {"PS1": "yes"}
    owner_client.post("/session/check/", check)
    body = owner_client.get("/session/check/result/", HTTP_ACCEPT_LANGUAGE="en-IE").content.decode()
    assert call_links(body) == [("tel:112", "Call 112")]
    assert "112 or 999 in Ireland" in body


@pytest.mark.parametrize(
    ("lang", "country", "words"),
    [
        ("en_GB.UTF-8", "", "(999 in the United Kingdom)"),
        ("de_DE.UTF-8", "", "(112 in Germany)"),
        ("C.UTF-8", "", "(112 in Europe and from most mobile phones)"),
        ("en_GB.UTF-8", "AU", "(000 in Australia)"),  # the profile wins in the terminal too
    ],
)
def test_it_gives_the_terminal_screen_the_number_for_the_country(
    db: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, country: str, words: str
) -> None:
    from rollcoach.cli import app
    from rollcoach.web.accounts.services import local_user

    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    if country:
        update_profile(user=local_user(), changes={"areas": ["hips"], "country": country})
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({qid: qid == "E2" for qid in IDS}))
    text = CliRunner().invoke(app, ["screen", "--answers", str(path)])
    assert text.exit_code == 0, text.output
    printed = " ".join(text.output.split())  # as wide as the terminal: lines may wrap anywhere
    assert words in printed
    assert ("from your terminal's language" in printed) is (not country and "C." not in lang)
    as_json = CliRunner().invoke(app, ["screen", "--answers", str(path), "--json"])
    assert words in json.loads(as_json.stdout)["guidance"]
