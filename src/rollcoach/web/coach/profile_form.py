from __future__ import annotations

from django import forms

from rollcoach.catalog.model import NEVER_ROLLED, Area, Density, Zone
from rollcoach.planning.profile import MAX_MINUTES, MIN_MINUTES
from rollcoach.safety import emergency
from rollcoach.safety.precautions import CONDITIONS
from rollcoach.web.coach.models import Profile
from rollcoach.web.coach.services.profiles import NO_ROLLER

AREA_CHOICES = [(a.value, a.label) for a in Area]
ROLLER_CHOICES = [(d.value, f"A {d.label.lower()}") for d in Density]
# The lower back and the neck are never rolled in any plan, so they are not offered here.
ZONE_CHOICES = [(z.value, z.label.capitalize()) for z in Zone if z not in NEVER_ROLLED]
CONDITION_CHOICES = list(CONDITIONS.items())
COUNTRY_CHOICES = [
    ("", "Not chosen: go by my browser's language"),
    *emergency.choices(),
    (emergency.OTHER, f"Another country (shows {emergency.DEFAULT.emergency})"),
]


def _many(
    label: str,
    choices: list[tuple[str, str]],
    required: bool,
    missing: str,
    unknown: str,
    help_text: str = "",
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": missing, "invalid_choice": unknown},
    )


class ProfileForm(forms.Form):
    areas = _many(
        "Where does it hurt?",
        AREA_CHOICES,
        True,
        "Choose at least one place where it hurts.",
        "“%(value)s” is not a place on the body map. Choose from the places listed.",
    )
    rollers = _many(
        "Which rollers do you have?",
        [*ROLLER_CHOICES, (NO_ROLLER, "I don't have a roller")],
        True,
        "Tick the rollers you have, or “I don't have a roller”.",
        "“%(value)s” is not a roller we know. Choose soft, medium or firm.",
        "Not sure how firm yours is? Tick soft. "
        "Without a roller, the plan uses moves that need none.",
    )
    minutes = forms.IntegerField(
        label="Minutes a session",
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        help_text=f"From {MIN_MINUTES} to {MAX_MINUTES}. Ten minutes is a good start.",
        error_messages={
            "required": "Say how many minutes you have for a session.",
            "invalid": f"Enter the minutes as a whole number from {MIN_MINUTES} to {MAX_MINUTES}.",
            "min_value": f"A session needs at least {MIN_MINUTES} minutes.",
            "max_value": f"Choose {MAX_MINUTES} minutes or fewer: longer sessions add nothing.",
        },
    )
    days_per_week = forms.IntegerField(
        label="Days a week",
        min_value=1,
        max_value=7,
        help_text="From 1 to 7. About 3 days a week suits most people.",
        error_messages={
            "required": "Say how many days a week you want to roll.",
            "invalid": "Enter the days as a whole number from 1 to 7.",
            "min_value": "Choose at least 1 day a week.",
            "max_value": "A week has 7 days: choose 7 or fewer.",
        },
    )
    can_get_to_floor = forms.ChoiceField(
        label="Can you get down to the floor and back up without help?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please answer yes or no.",
            "invalid_choice": "Please answer yes or no.",
        },
    )
    conditions = _many(
        "Do any of these apply to you?",
        CONDITION_CHOICES,
        False,
        "",
        "“%(value)s” is not a condition we know. Choose from the list.",
    )
    avoid_zones = _many(
        "Places never to roll",
        ZONE_CHOICES,
        False,
        "",
        "“%(value)s” is not a place we can leave out. Choose from the list.",
    )
    country = forms.ChoiceField(
        label="Your country",
        choices=COUNTRY_CHOICES,
        required=False,
        help_text="For the emergency number the app gives you if your answers need one.",
        error_messages={
            "invalid_choice": (
                "“%(value)s” is not a country in the list. Choose yours, or “Another country”."
            )
        },
    )

    def clean_rollers(self) -> list[str]:
        rollers: list[str] = self.cleaned_data["rollers"]
        if NO_ROLLER in rollers and len(rollers) > 1:
            raise forms.ValidationError(
                "Tick the rollers you have, or “I don't have a roller”, not both."
            )
        return [r for r in rollers if r != NO_ROLLER]

    def changes(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "areas": data["areas"],
            "rollers": data["rollers"],
            "minutes": data["minutes"],
            "days_per_week": data["days_per_week"],
            "can_get_to_floor": data["can_get_to_floor"] == "yes",
            "conditions": data["conditions"],
            "avoid_zones": data["avoid_zones"],
            # A form sent without the field (not this page's) leaves the country as it was.
            "country": data["country"] if "country" in self.data else None,
        }


def initial_for(profile: Profile | None) -> dict[str, object]:
    if profile is None:
        return {"minutes": 10, "days_per_week": 3, "can_get_to_floor": "yes"}
    rollers = list(profile.rollers)
    if not rollers and profile.is_complete:
        rollers = [NO_ROLLER]
    return {
        "areas": list(profile.areas),
        "rollers": rollers,
        "minutes": profile.minutes,
        "days_per_week": profile.days_per_week,
        "can_get_to_floor": "yes" if profile.can_get_to_floor else "no",
        "conditions": list(profile.conditions),
        "avoid_zones": [z for z in profile.avoid_zones if z not in NEVER_ROLLED],
        "country": profile.country,
    }


def emergency_for(profile: Profile | None, accept_language: str) -> emergency.Reach:
    """Who the person should call: their profile's country, else their browser's, else 112."""
    return emergency.choose(profile.country if profile else "", accept_language)
