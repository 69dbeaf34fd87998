from __future__ import annotations

from typing import Any

from django import forms

from rollcoach.catalog.model import Area, Density


class ExerciseFilter(forms.Form):
    area = forms.ChoiceField(
        label="Where it hurts",
        required=False,
        choices=[("", "Any area"), *((a.value, a.label) for a in Area)],
        error_messages={
            "invalid_choice": "There is no area called “%(value)s”: pick one from the list."
        },
    )
    roller = forms.ChoiceField(
        label="Your roller",
        required=False,
        choices=[("", "Any roller"), *((d.value, d.value.capitalize()) for d in Density)],
        error_messages={
            "invalid_choice": "There is no roller called “%(value)s”: pick soft, medium or firm."
        },
    )
    no_roller = forms.BooleanField(
        label="No roller needed",
        required=False,
        help_text="Stretches for when you have no roller or getting down to the floor is hard.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("roller") and data.get("no_roller"):
            raise forms.ValidationError(
                "Choose a roller or “No roller needed”, not both.", code="both"
            )
        return data

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "area": Area(data["area"]) if data.get("area") else None,
            "density": Density(data["roller"]) if data.get("roller") else None,
            "no_roller": bool(data.get("no_roller")),
        }
