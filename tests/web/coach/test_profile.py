import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.catalog.model import Area
from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web.coach.models import Profile
from rollcoach.web.coach.services.profiles import update_profile


def valid(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "areas": ["upper-back", "lower-back"],
        "rollers": ["soft"],
        "minutes": "10",
        "days_per_week": "3",
        "can_get_to_floor": "yes",
        "conditions": [],
        "avoid_zones": [],
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_people_to_log_in(client: Client) -> None:
    response = client.get("/profile/")
    assert response["Location"] == "/accounts/login/?next=/profile/"


def test_it_shows_a_body_map_with_a_real_checkbox_for_each_area(owner_client: Client) -> None:
    body = owner_client.get("/profile/").content.decode()
    assert "<svg" in body
    for area in Area:
        assert f'data-area="{area.value}"' in body
        assert f'type="checkbox" name="areas" value="{area.value}"' in body
    assert "never rolls the lower back directly" in body
    assert "coach/bodymap.js" in body


def test_it_lists_the_conditions_and_rollers_in_plain_words(owner_client: Client) -> None:
    body = owner_client.get("/profile/").content.decode()
    for label in CONDITIONS.values():
        assert label in body
    assert "I don&#x27;t have a roller" in body
    assert 'name="avoid_zones" value="lumbar"' not in body


def test_it_saves_a_first_profile_and_goes_to_today(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        "/profile/", valid(conditions=["anticoagulants"], avoid_zones=["calves"])
    )
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    profile = Profile.objects.get(user=owner)
    assert profile.areas == ["upper-back", "lower-back"]
    assert profile.rollers == ["soft"]
    assert profile.minutes == 10
    assert profile.can_get_to_floor is True
    assert profile.conditions == ["anticoagulants"]
    assert profile.avoid_zones == ["calves"]


def test_it_saves_later_changes_and_stays(owner: User, owner_client: Client) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"]})
    response = owner_client.post("/profile/", valid(minutes="20", can_get_to_floor="no"))
    assert response["Location"] == "/profile/"
    profile = Profile.objects.get(user=owner)
    assert profile.minutes == 20
    assert profile.can_get_to_floor is False
    assert "Your profile is saved" in owner_client.get("/profile/").content.decode()


def test_it_saves_no_roller(owner: User, owner_client: Client) -> None:
    owner_client.post("/profile/", valid(rollers=["none"]))
    assert Profile.objects.get(user=owner).rollers == []
    body = owner_client.get("/profile/").content.decode()
    assert 'value="none" id="id_rollers_3" checked' in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": "3"}, "A session needs at least 5 minutes."),
        ({"minutes": "61"}, "Choose 60 minutes or fewer"),
        ({"minutes": "ten"}, "Enter the minutes as a whole number from 5 to 60."),
        ({"minutes": ""}, "Say how many minutes you have for a session."),
        ({"days_per_week": "8"}, "A week has 7 days"),
        ({"days_per_week": "0"}, "Choose at least 1 day a week."),
        ({"areas": []}, "Choose at least one place where it hurts."),
        ({"areas": ["upper-back", "knees"]}, "“knees” is not a place on the body map."),
        ({"rollers": []}, "Tick the rollers you have, or “I don&#x27;t have a roller”."),
        ({"rollers": ["soft", "none"]}, "not both"),
        ({"rollers": ["spiky"]}, "“spiky” is not a roller we know."),
        ({"conditions": ["flu"]}, "“flu” is not a condition we know."),
        ({"avoid_zones": ["lumbar"]}, "“lumbar” is not a place we can leave out."),
        ({"can_get_to_floor": "maybe"}, "Please answer yes or no."),
    ],
)
def test_it_refuses_bad_input_clearly_and_saves_nothing(
    owner: User, owner_client: Client, changes: dict[str, object], message: str
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["medium"], "minutes": 15})
    before = Profile.objects.get(user=owner).to_dict()
    response = owner_client.post("/profile/", valid(**changes))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'role="alert"' in body
    assert Profile.objects.get(user=owner).to_dict() == before


def test_it_creates_no_profile_when_the_first_form_is_bad(
    owner: User, owner_client: Client
) -> None:
    owner_client.post("/profile/", valid(areas=["knees"]))
    assert not Profile.objects.filter(user=owner).exists()


def test_it_fills_the_form_with_the_saved_profile(owner: User, owner_client: Client) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["firm"], "minutes": 25})
    body = owner_client.get("/profile/").content.decode()
    assert 'value="hips" id="id_areas_4" checked' in body
    assert 'value="firm" id="id_rollers_2" checked' in body
    assert 'value="25"' in body


def test_it_never_shows_the_owner_s_profile_to_the_outsider(
    owner: User, outsider: User, outsider_client: Client
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["firm"], "minutes": 25})
    body = outsider_client.get("/profile/").content.decode()
    checked = re.findall(r'<input[^>]*name="(\w+)" value="([\w-]+)"[^>]*checked', body)
    assert checked == [("can_get_to_floor", "yes")]  # the default, not the owner's answers
    assert 'value="25"' not in body
    outsider_client.post("/profile/", valid())
    assert Profile.objects.get(user=owner).areas == ["hips"]
    assert Profile.objects.get(user=outsider).areas == ["upper-back", "lower-back"]


def selected_country(body: str) -> str:
    select = body.split('name="country"', 1)[1].split("</select>", 1)[0]
    found = re.findall(r'<option value="(\w*)" selected>', select)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("accept_language", "country"),
    [
        ("en-GB,en;q=0.9", "GB"),
        ("de-DE,de;q=0.9", "DE"),
        ("en-US,en;q=0.9", "US"),
        ("en", ""),  # no country in it: not chosen, and 112 is shown meanwhile
        ("", ""),
        ("es-AR", ""),  # a country without a row: not chosen either
    ],
)
def test_it_starts_a_first_profile_from_the_browser_s_country(
    owner: User, owner_client: Client, accept_language: str, country: str
) -> None:
    body = owner_client.get("/profile/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert selected_country(body) == country
    owner_client.post("/profile/", valid(country=country), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert Profile.objects.get(user=owner).country == country


def test_it_keeps_the_saved_country_whatever_the_browser_says(
    owner: User, owner_client: Client
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "AU"})
    body = owner_client.get("/profile/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert selected_country(body) == "AU"
    assert "Now: 000 for Australia." in body


def test_it_leaves_a_later_profile_s_country_not_chosen_until_chosen(
    owner: User, owner_client: Client
) -> None:
    # A profile made before the country was asked keeps "not chosen": the browser decides.
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"]})
    body = owner_client.get("/profile/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert selected_country(body) == ""
    assert "Now: 999 for the United Kingdom, going by your browser's language." in body


@pytest.mark.parametrize(("country", "saved"), [("NZ", "NZ"), ("ZZ", "ZZ"), ("", "")])
def test_it_changes_the_country(
    owner: User, owner_client: Client, country: str, saved: str
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "GB"})
    response = owner_client.post("/profile/", valid(country=country))
    assert response["Location"] == "/profile/"
    assert Profile.objects.get(user=owner).country == saved


def test_it_keeps_the_country_when_a_form_does_not_send_one(
    owner: User, owner_client: Client
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "GB"})
    owner_client.post("/profile/", valid(minutes="20"))
    saved = Profile.objects.get(user=owner)
    assert saved.minutes == 20 and saved.country == "GB"


@pytest.mark.parametrize(
    ("country", "shown"), [("XX", "XX"), ("gb", "gb"), ("GBR", "GBR"), ("<b>", "&lt;b&gt;")]
)
def test_it_refuses_a_country_not_in_the_list_and_saves_nothing(
    owner: User, owner_client: Client, country: str, shown: str
) -> None:
    update_profile(user=owner, changes={"areas": ["hips"], "rollers": ["soft"], "country": "GB"})
    response = owner_client.post("/profile/", valid(country=country, minutes="20"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"“{shown}” is not a country in the list." in body
    assert 'href="#id_country_group"' in body
    saved = Profile.objects.get(user=owner)
    assert saved.country == "GB" and saved.minutes == 10


def test_it_lists_the_countries_by_name_with_another_country_last(owner_client: Client) -> None:
    body = owner_client.get("/profile/").content.decode()
    select = body.split('name="country"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="\w*"(?: selected)?>([^<]+)</option>', select)
    assert names[0].startswith("Not chosen") and names[-1] == "Another country (shows 112)"
    assert names[1:-1] == sorted(names[1:-1])
    assert "United Kingdom" in names and "Ireland" in names and "New Zealand" in names
    assert select.startswith(' aria-describedby="id_country_helptext"')
    assert 'id="id_country_helptext">For the emergency number' in body
