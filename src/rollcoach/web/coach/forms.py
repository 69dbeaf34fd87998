from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from rollcoach.safety.redflags import Question
from rollcoach.safety.startback import StartBackForm

YES_NO = [("yes", "Yes"), ("no", "No")]
AGREE = [("agree", "Agree"), ("disagree", "Disagree")]

# Red-flag questions by what they are about, so the form reads as a few short topics.
# A question the content adds later, not named here, still appears, under "More questions".
RED_FLAG_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Bladder, bowels, feeling and strength", ("E1", "E2", "E3", "E4", "E5")),
    ("Accidents, bones and past illness", ("E6", "E7", "U1", "U3")),
    ("How you feel in yourself", ("E8", "U2", "G1", "G5")),
    ("Your back pain over time", ("G2", "G3", "G4", "G6")),
)


class YesNoForm(forms.Form):
    """One required yes/no pair a question; an unanswered question is never read as a no."""

    def __init__(self, questions: Sequence[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        for question in self.questions:
            self.fields[question.id] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please answer yes or no.",
                    "invalid_choice": "Please answer yes or no.",
                },
            )

    def answers(self) -> dict[str, bool]:
        return {q.id: self.cleaned_data[q.id] == "yes" for q in self.questions}

    def groups(
        self, named: Sequence[tuple[str, Sequence[str]]] = ()
    ) -> list[tuple[str, list[forms.BoundField]]]:
        placed = {qid for _, ids in named for qid in ids}
        known = {q.id for q in self.questions}
        result = [(title, [self[qid] for qid in ids if qid in known]) for title, ids in named]
        rest = [self[q.id] for q in self.questions if q.id not in placed]
        if rest:
            result.append(("More questions" if named else "", rest))
        return [(title, fields) for title, fields in result if fields]


class StartBackAnswers(forms.Form):
    """The STarT Back items as the tool asks them: agree/disagree, and one five-option item."""

    def __init__(self, tool: StartBackForm, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tool = tool
        for item in tool.items:
            choices = [(o, o.capitalize()) for o in item.options] if item.options else AGREE
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please choose an answer.",
                    "invalid_choice": "Please choose one of the answers shown.",
                },
            )

    def answers(self) -> dict[str, object]:
        answers: dict[str, object] = {}
        for item in self.tool.items:
            value = self.cleaned_data[item.id]
            answers[item.id] = value if item.options else value == "agree"
        return answers


class ClearanceForm(forms.Form):
    given_on = forms.DateField(
        label="When were you seen?",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Give the day the clinician saw you.",
            "invalid": "Give the day as a date, like 2026-11-30.",
        },
    )
    clinician = forms.CharField(
        label="Who saw you?",
        max_length=100,
        help_text="For example: my GP, Dr Patel; the physiotherapist at the practice.",
        error_messages={"required": "Say who reviewed you."},
    )
    said = forms.CharField(
        label="What did they tell you?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In your own words, including anything they said to avoid.",
        error_messages={"required": "Say what they told you."},
    )
    go_ahead = forms.BooleanField(
        label="They said I can go ahead with gentle exercise and rolling.",
        error_messages={"required": "Record this only once a clinician has said you can go ahead."},
    )
