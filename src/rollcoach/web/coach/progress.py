from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from rollcoach.outcomes import charts
from rollcoach.outcomes.adherence import adherence_statement, weekly_sessions, weekly_targets
from rollcoach.outcomes.mobility import mobility_trends
from rollcoach.outcomes.pain import (
    limit_statement,
    pain_trend,
    session_changes,
    session_statement,
    trend_statement,
    weekly_pain,
)
from rollcoach.outcomes.records import Measurement, PainRecord, SessionRecord
from rollcoach.outcomes.thresholds import (
    PAIN_PERCENT,
    PAIN_POINTS,
    PROGRAMME_WEEKS,
    SELF_TESTS,
    SelfTestId,
    refusal,
    self_tests_for,
)
from rollcoach.session.engine import SessionStatus
from rollcoach.web.coach.models import (
    PROGRAMME,
    SELF_TEST_CHOICES,
    MobilityCheck,
    PainRating,
    Plan,
    SessionLog,
)
from rollcoach.web.coach.selectors import week_for
from rollcoach.web.coach.services.measures import conditions_of, record_measures
from rollcoach.web.signed_in import SignedInRequest

PAIN_ERRORS = {
    "invalid": "Enter a whole number from 0 to 10.",
    "min_value": "Enter a whole number from 0 to 10.",
    "max_value": "Enter a whole number from 0 to 10.",
}
ROTATION = SelfTestId.THORACIC_ROTATION


class PainForm(forms.Form):
    weekly = forms.IntegerField(
        label="Your average pain this week",
        min_value=0,
        max_value=10,
        required=False,
        help_text="0 means no pain, 10 the worst pain you can imagine.",
        error_messages=PAIN_ERRORS,
    )
    limit = forms.IntegerField(
        label="How much did pain limit your day?",
        min_value=0,
        max_value=10,
        required=False,
        help_text="0 means not at all, 10 that you could do nothing.",
        error_messages=PAIN_ERRORS,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and data.get("weekly") is None and data.get("limit") is None:
            raise forms.ValidationError("Enter at least one of the two scores.")
        return data


class MobilityForm(forms.Form):
    test = forms.ChoiceField(
        label="Self-test",
        choices=SELF_TEST_CHOICES,
        error_messages={"invalid_choice": "Pick one of the self-tests in the list."},
    )
    value = forms.FloatField(
        label="Score",
        help_text="For rotation, the left side.",
        error_messages={"required": "Enter your score.", "invalid": "Enter a number."},
    )
    right = forms.FloatField(
        label="Right side (rotation only)",
        required=False,
        error_messages={"invalid": "Enter a number."},
    )

    def __init__(self, *args: Any, conditions: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conditions = tuple(conditions)
        # Only the self-tests the person's conditions allow are offered; the field still knows
        # them all, so asking for a ruled-out one gets clean_test's reason, not "not in the list".
        test = self.fields["test"]
        assert isinstance(test, forms.ChoiceField)
        test.widget.choices = [(t.test.value, t.label) for t in self_tests_for(self.conditions)]

    def clean_test(self) -> str:
        test: str = self.cleaned_data["test"]
        refused = refusal(SelfTestId(test), self.conditions)
        if refused is not None:
            raise forms.ValidationError(refused)
        return test

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        test, right = data.get("test"), data.get("right")
        if test == ROTATION and right is None and "right" not in self.errors:
            self.add_error("right", "Rotation is measured on both sides: enter the right side too.")
        if test and test != ROTATION and right is not None:
            self.add_error("right", "Only rotation has a right side: leave this empty.")
        if test in set(SelfTestId):
            low, high = SELF_TESTS[SelfTestId(test)].plausible
            unit = SELF_TESTS[SelfTestId(test)].unit
            for name in ("value", "right"):
                number = data.get(name)
                if number is not None and not low <= number <= high:
                    self.add_error(name, f"Enter {low:g} to {high:g} {unit}; check the number.")
        return data


@dataclass(frozen=True)
class Forms:
    pain: PainForm
    mobility: MobilityForm


def _fresh_forms(conditions: tuple[str, ...]) -> Forms:
    return Forms(PainForm(prefix="pain"), MobilityForm(prefix="mobility", conditions=conditions))


def _score(value: int | None) -> int | None:
    return value if value is not None and 0 <= value <= 10 else None


def _progress(user: User, conditions: tuple[str, ...]) -> dict[str, Any]:
    now = timezone.localtime()
    logs = SessionLog.objects.filter(user=user).order_by("started_at")
    sessions = [
        SessionRecord(
            timezone.localtime(log.started_at).date(),
            log.status == SessionStatus.COMPLETED,
            _score(log.pain_before),
            _score(log.pain_after),
        )
        for log in logs
    ]
    ratings = PainRating.objects.filter(user=user).order_by("day", "id")
    weekly = [PainRecord(r.day, r.value) for r in ratings if r.kind == PainRating.Kind.WEEKLY]
    limits = [PainRecord(r.day, r.value) for r in ratings if r.kind == PainRating.Kind.LIMIT]
    checks = MobilityCheck.objects.filter(user=user).order_by("day", "id")
    trends = mobility_trends(Measurement(c.test, c.day, c.value, c.right) for c in checks)

    changes = session_changes(sessions)
    weeks = weekly_pain(weekly, sessions)
    trend = pain_trend(weeks)
    planned = len(week_for(user, now))
    aims = Plan.objects.filter(user=user, purpose=PROGRAMME).values_list("day", "days_per_week")
    targets = weekly_targets((day, aim) for day, aim in aims if aim is not None)
    counts = weekly_sessions(sessions, planned, now.date(), targets=targets)
    return {
        "changes": changes,
        "session_statement": session_statement(changes),
        "session_chart": charts.session_pain_chart(changes),
        "weeks": weeks,
        "trend": trend,
        "trend_statement": trend_statement(weeks),
        "weekly_chart": charts.weekly_pain_chart(weeks, trend),
        "limit_statement": limit_statement(limits),
        "planned": planned,
        "counts": counts,
        "adherence_statement": adherence_statement(counts, planned),
        "sessions_chart": charts.sessions_chart(counts, planned),
        "mobility": [charts.mobility_chart(t) for t in trends],
        "self_tests": self_tests_for(conditions),
        "pain_threshold": (PAIN_POINTS, PAIN_PERCENT),
        "programme": PROGRAMME_WEEKS,
    }


def _page(
    request: SignedInRequest, shown: Forms, conditions: tuple[str, ...], status: int = 200
) -> HttpResponse:
    context = {
        **_progress(request.user, conditions),
        "pain_form": shown.pain,
        "mobility_form": shown.mobility,
    }
    return render(request, "coach/progress.html", context, status=status)


@login_required
@require_safe
def progress_page(request: SignedInRequest) -> HttpResponse:
    conditions = conditions_of(request.user)
    return _page(request, _fresh_forms(conditions), conditions)


@login_required
@require_POST
def log_measure(request: SignedInRequest) -> HttpResponse:
    conditions = conditions_of(request.user)
    page_forms = _fresh_forms(conditions)
    which = request.POST.get("form")
    form: forms.Form
    if which == "pain":
        page_forms = Forms(PainForm(request.POST, prefix="pain"), page_forms.mobility)
        form = page_forms.pain
    elif which == "mobility":
        page_forms = Forms(
            page_forms.pain,
            MobilityForm(request.POST, prefix="mobility", conditions=conditions),
        )
        form = page_forms.mobility
    else:
        messages.error(request, "Nothing was saved: use one of the forms on this page.")
        return _page(request, page_forms, conditions, status=400)
    if form.is_valid():
        data = form.cleaned_data
        fields = (
            {"weekly": data["weekly"], "limit": data["limit"]}
            if which == "pain"
            else {"mobility": data["test"], "value": data["value"], "right": data["right"]}
        )
        try:
            saved = record_measures(user=request.user, now=timezone.localtime(), **fields)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            shown = "; ".join(f"{item['what']}: {item['value']}" for item in saved)
            messages.success(request, f"Saved. {shown}.")
            return redirect("progress")
    return _page(request, page_forms, conditions, status=400)
