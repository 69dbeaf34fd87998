from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from rollcoach.content.loader import load_catalog
from rollcoach.content.screens import load_pre_session, load_red_flags, load_start_back
from rollcoach.planning.profile import ProfileError
from rollcoach.planning.workout import FITTINGS
from rollcoach.safety.clearance import to_clear
from rollcoach.safety.emergency import Source
from rollcoach.safety.redflags import GUIDANCE, AnswerError, Level, guidance
from rollcoach.safety.startback import Risk
from rollcoach.web.coach import onboarding, selectors
from rollcoach.web.coach.forms import (
    RED_FLAG_GROUPS,
    ClearanceForm,
    StartBackAnswers,
    YesNoForm,
)
from rollcoach.web.coach.models import PROGRAMME, Screening, SessionLog
from rollcoach.web.coach.onboarding import Step, clearance_pending, onboarding_of
from rollcoach.web.coach.profile_form import ProfileForm, emergency_for, initial_for
from rollcoach.web.coach.selectors import latest_screening, profile_of, resume_info
from rollcoach.web.coach.services.clearances import ClearanceError, record_clearance
from rollcoach.web.coach.services.plans import session_purpose, with_purpose
from rollcoach.web.coach.services.profiles import update_profile
from rollcoach.web.coach.services.screening import (
    take_pre_session_check,
    take_red_flag_screen,
    take_start_back,
)
from rollcoach.web.signed_in import SignedInRequest

STEP_URLS = {
    Step.SCREEN: "programme-screen",
    Step.START_BACK: "programme-start-back",
    Step.PROFILE: "programme-profile",
    Step.DONE: "programme-today",
}


def _now() -> datetime:
    # Local time, so "today" and "this week" are the person's own days.
    return timezone.localtime()


def _stop_page(request: SignedInRequest, screening: Screening, check: bool) -> HttpResponse:
    level = Level(screening.level)
    questions = load_pre_session() if check else load_red_flags()
    triggered = [q for q in questions if screening.answers.get(q.id) is True]
    reach = emergency_for(profile_of(request.user), request.headers.get("Accept-Language", ""))
    context = {
        "level": level,
        "guidance": guidance(level, reach.numbers),
        "emergency": reach,
        "triggered": triggered,
        "check": check,
        "taken_at": screening.taken_at,
        "clearance_pending": clearance_pending(request.user),
    }
    return render(request, "coach/stop.html", context)


@login_required
def start(request: SignedInRequest) -> HttpResponse:
    state = onboarding_of(request.user)
    if state.done:
        return redirect("programme-today")
    context = {
        "state": state,
        "guidance": GUIDANCE[state.screen_level] if state.screen_level else "",
        "next_url": STEP_URLS[state.next_step],
        "clearance_pending": clearance_pending(request.user),
    }
    return render(request, "coach/start.html", context)


@login_required
def screen(request: SignedInRequest) -> HttpResponse:
    questions = load_red_flags()
    form = YesNoForm(questions, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, result = take_red_flag_screen(user=request.user, answers=form.answers(), now=_now())
        except AnswerError as error:
            form.add_error(None, str(error))
        else:
            # The result is shown before moving on, whatever it is.
            return redirect("programme-screen-result")
    context = {"form": form, "groups": form.groups(RED_FLAG_GROUPS)}
    return render(request, "coach/screen.html", context)


@login_required
def screen_result(request: SignedInRequest) -> HttpResponse:
    screening = latest_screening(request.user, Screening.Kind.RED_FLAGS)
    if screening is None:
        return redirect("programme-screen")
    if screening.level == Level.PROCEED:
        context = {
            "guidance": GUIDANCE[Level.PROCEED],
            "next_url": STEP_URLS[onboarding_of(request.user).next_step],
        }
        return render(request, "coach/screen_clear.html", context)
    return _stop_page(request, screening, check=False)


@login_required
def start_back(request: SignedInRequest) -> HttpResponse:
    state = onboarding_of(request.user)
    if state.screen_level is None or state.stopped:
        return redirect("programme-start")
    tool = load_start_back()
    form = StartBackAnswers(tool, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take_start_back(user=request.user, answers=form.answers(), now=_now())
        except AnswerError as error:
            form.add_error(None, str(error))
        else:
            return redirect("programme-start-back-result")
    return render(request, "coach/start_back.html", {"form": form, "tool": tool})


@login_required
def start_back_result(request: SignedInRequest) -> HttpResponse:
    taken = latest_screening(request.user, Screening.Kind.START_BACK)
    if taken is None:
        return redirect("programme-start-back")
    context = {
        "risk": Risk(taken.level),
        "advice": taken.result.get("advice", ""),
        "tool": load_start_back(),
        "next_url": STEP_URLS[onboarding_of(request.user).next_step],
    }
    return render(request, "coach/start_back_result.html", context)


@login_required
def profile(request: SignedInRequest) -> HttpResponse:
    current = profile_of(request.user)
    first_time = current is None or not current.is_complete
    reach = emergency_for(current, request.headers.get("Accept-Language", ""))
    initial = initial_for(current)
    if first_time and not initial.get("country") and reach.source is Source.LOCALE:
        # A first profile starts from the country the browser names; the person can change it.
        initial["country"] = reach.numbers.country
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_profile(user=request.user, changes=form.changes())
        except ProfileError as error:
            form.add_error(None, str(error))
        else:
            if first_time:
                return redirect("programme-today")
            messages.success(request, "Your profile is saved. Today's plan follows it.")
            return redirect("programme-profile")
    context = {"form": form, "first_time": first_time, "emergency": reach}
    return render(request, "coach/profile.html", context)


def _left_off(log: SessionLog | None) -> str | None:
    """Where a session the player would resume stopped, in words; None when there is none."""
    if log is None or (resume := resume_info(log)) is None:
        return None
    steps, index = log.timeline["steps"], resume["index"]
    slug = steps[index].get("exercise") if isinstance(steps[index], dict) else None
    catalog = load_catalog()
    step = f"step {index + 1} of {len(steps)}"
    return f"{catalog.get(slug).name}, {step}" if slug and slug in catalog else step.capitalize()


@login_required
def today_page(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if onboarding_of(user).screen_level is None:
        return redirect("programme-start")
    now = _now()
    outcome = onboarding.plan_or_blocked(user, now)
    context: dict[str, object] = {
        "week": selectors.week_of(user, now),
        "last": selectors.last_session(user),
        "start_back_advice": selectors.start_back_advice(user),
    }
    if isinstance(outcome, onboarding.Blocked):
        context["blocked"] = outcome
        if outcome.next_step is onboarding.NextStep.STOP and outcome.level is not None:
            # The number to call where the person is, as on the other stop pages.
            reach = emergency_for(profile_of(user), request.headers.get("Accept-Language", ""))
            context["emergency"] = reach
            context["guidance"] = guidance(outcome.level, reach.numbers)
    else:
        context["plan"] = outcome
        context["items"] = outcome.data["items"]
        context["notes"] = outcome.data["notes"]
        context["minutes"] = -(-outcome.total_seconds // 60)
        unfinished = selectors.unfinished_of_day(user, outcome.day)
        context["left_off"] = _left_off(unfinished.get(PROGRAMME))
        profile = profile_of(user)
        if profile is not None and profile.rollers and not outcome.data.get("rolling_paused"):
            context["around_workout"] = [
                (when, fitting, _left_off(unfinished.get(when.value)))
                for when, fitting in FITTINGS.items()
            ]
    return render(request, "coach/today.html", context)


@login_required
def session_check(request: SignedInRequest) -> HttpResponse:
    now = _now()
    # No check while the programme itself is blocked: today says why, and what to do.
    if isinstance(onboarding.plan_or_blocked(request.user, now), onboarding.Blocked):
        return redirect("programme-today")
    form = YesNoForm(load_pre_session(), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, result = take_pre_session_check(user=request.user, answers=form.answers(), now=now)
        except AnswerError as error:
            form.add_error(None, str(error))
        else:
            # The player checks the same record again, for the session the person chose.
            player = with_purpose("/session/", session_purpose(request))
            return redirect(player if result.can_proceed else "programme-check-result")
    return render(request, "coach/session_check.html", {"form": form, "groups": form.groups()})


@login_required
def session_check_result(request: SignedInRequest) -> HttpResponse:
    check = latest_screening(request.user, Screening.Kind.PRE_SESSION)
    if check is None or check.level == Level.PROCEED:
        return redirect("programme-check")
    return _stop_page(request, check, check=True)


@login_required
@require_http_methods(["GET", "POST"])
def clearance(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = ClearanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = record_clearance(
                user=user,
                given_on=data["given_on"],
                clinician=data["clinician"],
                said=data["said"],
                now=timezone.now(),
            )
        except ClearanceError as error:
            form.add_error(None, str(error))
        else:
            labels = selectors.clearance_labels()
            cleared = "; ".join(labels.get(item, item) for item in saved.covers)
            messages.success(
                request,
                f"Recorded: {saved.clinician} saw you on {saved.given_on:%d %B %Y}. It clears "
                f"{cleared}. Anything new, a condition or an answer, will need a new go-ahead.",
            )
            state = onboarding_of(user)
            return redirect("programme-today" if state.profile_done else STEP_URLS[state.next_step])
    found = selectors.clearance_gate(user, profile_of(user))
    labels = selectors.clearance_labels()
    context = {
        "form": form,
        "pending": clearance_pending(user),
        "items": [
            labels.get(item, item)
            for item in to_clear(found, selectors.governing_answers(user) or {})
        ],
        "stop": found.stop,
    }
    return render(request, "coach/clearance.html", context, status=400 if form.errors else 200)
