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

    @property
    def conflict(self) -> str:
        """Why the roller and "No roller needed" are left out, when both were chosen; else ""."""
        data = getattr(self, "cleaned_data", {})
        if not (data.get("roller") and data.get("no_roller")):
            return ""
        roller = data["roller"]
        return (
            f"You chose a {roller} roller and “No roller needed”: no exercise is both, so "
            f"neither is used. Untick “No roller needed” to see {roller}-roller exercises, or "
            "choose “Any roller” to see moves that need no roller."
        )

    def filters(self) -> dict[str, Any]:
        """The filters to apply: every valid one, less a roller that conflicts with "No roller
        needed". Call is_valid() first; a value that is not valid is left out, not guessed."""
        data = self.cleaned_data
        conflict = bool(self.conflict)
        return {
            "area": Area(data["area"]) if data.get("area") else None,
            "density": Density(data["roller"]) if data.get("roller") and not conflict else None,
            "no_roller": bool(data.get("no_roller")) and not conflict,
        }

    def applied(self) -> list[str]:
        """The filters in use, in words: ["hips", "a soft roller"]."""
        chosen = self.filters()
        words = []
        if chosen["area"] is not None:
            words.append(chosen["area"].label.lower())
        if chosen["density"] is not None:
            words.append(f"a {chosen['density'].value} roller")
        if chosen["no_roller"]:
            words.append("no roller needed")
        return words
