"""Every form takes arbitrary input without a server error, and stores nothing it refuses."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rollcoach.content.screens import load_pre_session, load_red_flags, load_start_back
from rollcoach.web.coach.models import MobilityCheck, PainRating, Screening
from rollcoach.web.community.models import Comment

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def junk(*valid: str) -> st.SearchStrategy[str]:
    """Mostly plausible values, with hostile and malformed ones mixed in."""
    return st.one_of(
        st.sampled_from(valid) if valid else st.nothing(),
        st.text(max_size=40),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(["", " ", "<script>alert(1)</script>", "1e309", "0x10", "١٢", "\x00"]),
    )


def form(fields: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({}, optional=fields)


def rows() -> tuple[int, ...]:
    return (
        Screening.objects.count(),
        PainRating.objects.count(),
        MobilityCheck.objects.count(),
        Comment.objects.count(),
    )


def assert_refused_means_unchanged(post: Callable[[], int]) -> None:
    cache.clear()  # rate limits are not what is under test here
    before = rows()
    status = post()
    assert status < 500
    if status >= 400:
        assert rows() == before, "a refused form stored something"


@pytest.mark.django_db
@FUZZ
@given(
    data=form(
        {
            "form": junk("pain", "mobility"),
            "pain-weekly": junk("0", "5", "10"),
            "pain-limit": junk("0", "3"),
            "mobility-test": junk("thoracic-rotation", "sit-reach", "fingertip-floor"),
            "mobility-value": junk("42", "-3.5"),
            "mobility-right": junk("40"),
        }
    )
)
def test_it_survives_anything_posted_to_the_progress_log(
    owner_client: Client, data: dict[str, str]
) -> None:
    assert_refused_means_unchanged(lambda: owner_client.post("/progress/log/", data).status_code)


@pytest.mark.django_db
@FUZZ
@given(
    data=form(
        {
            "areas": junk("upper-back", "lower-back", "hips"),
            "rollers": junk("soft", "medium", "none"),
            "minutes": junk("10", "5", "60"),
            "days_per_week": junk("3", "7"),
            "can_get_to_floor": junk("yes", "no"),
            "conditions": junk("osteoporosis", "pregnancy"),
            "avoid_zones": junk("calves", "lumbar"),
        }
    )
)
def test_it_survives_anything_posted_to_the_profile(
    owner_client: Client, owner: User, data: dict[str, str]
) -> None:
    from rollcoach.web.coach.selectors import profile_of

    before = profile_of(owner)
    snapshot = before.to_dict() if before else None
    response = owner_client.post("/profile/", data)
    assert response.status_code < 500
    if response.status_code != 302:
        after = profile_of(owner)
        assert (after.to_dict() if after else None) == snapshot


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_it_survives_anything_posted_to_the_screens(
    owner_client: Client, data: st.DataObject
) -> None:
    screens = {
        "/start/screen/": [q.id for q in load_red_flags()],
        "/start/back/": [item.id for item in load_start_back().items],
    }
    url = data.draw(st.sampled_from(sorted(screens)))
    fields = {key: junk("yes", "no", "true", "slightly") for key in screens[url]}
    answers = data.draw(form(fields))
    assert_refused_means_unchanged(lambda: owner_client.post(url, answers).status_code)


@pytest.mark.django_db
@FUZZ
@given(answers=form({q.id: junk("yes", "no") for q in load_pre_session()}))
def test_it_survives_anything_posted_to_the_pre_session_check(
    owner_client: Client, ready_owner: User, answers: dict[str, str]
) -> None:
    assert_refused_means_unchanged(
        lambda: owner_client.post("/session/check/", answers).status_code
    )


@pytest.mark.django_db
@FUZZ
@given(body=junk("A kind comment", "see https://a.example https://b.example www.c.example"))
def test_it_survives_any_comment(owner_client: Client, body: str) -> None:
    url = "/articles/foam-rolling-safe-start/comments/"
    assert_refused_means_unchanged(lambda: owner_client.post(url, {"body": body}).status_code)


@pytest.mark.django_db
@FUZZ
@given(
    data=form(
        {
            "username": junk("newperson"),
            "email": junk("new@example.com"),
            "password1": junk("a-long-enough-secret-77"),
            "password2": junk("a-long-enough-secret-77"),
        }
    )
)
def test_it_survives_anything_posted_to_signup(client: Client, data: dict[str, str]) -> None:
    cache.clear()
    users = User.objects.count()
    response = client.post("/accounts/signup/", data)
    assert response.status_code < 500
    if response.status_code != 302:
        assert User.objects.count() == users


@pytest.mark.django_db
@FUZZ
@given(password=junk("wrong"))
def test_it_never_deletes_an_account_on_a_wrong_password(
    owner_client: Client, owner: User, password: str
) -> None:
    response = owner_client.post("/accounts/delete/", {"password": password})
    assert response.status_code < 500
    assert User.objects.filter(pk=owner.pk).exists()
