from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rollcoach.catalog.catalog import UnknownExercise, core_first
from rollcoach.catalog.model import Exercise
from rollcoach.content.loader import load_catalog, picture_path
from rollcoach.web.library import labels
from rollcoach.web.library.forms import ExerciseFilter
from rollcoach.web.library.pictures import description
from rollcoach.web.pagecache import for_visitors

# SVG can carry script; ours carries none, and this keeps it that way if one is opened directly.
PICTURE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _exercise(slug: str) -> Exercise:
    try:
        return load_catalog().get(slug)
    except UnknownExercise:
        raise Http404("No such exercise") from None


@require_safe
@for_visitors
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "library/home.html", {"core": core_first(load_catalog().core())})


@require_safe
@for_visitors
def exercise_list(request: HttpRequest) -> HttpResponse:
    """The catalogue, filtered by whatever of the request can be used.

    Choosing a roller and "No roller needed" together is something the page's own form allows:
    the other filters apply, the conflict is explained, and the answer is 200. A value the form
    never offers (an unknown area or roller: a mistyped or stale link) is a bad request, 400,
    but the person still sees what the valid filters select rather than everything."""
    form = ExerciseFilter(request.GET)
    valid = form.is_valid()
    filters = form.filters()
    context = {
        "form": form,
        "exercises": core_first(load_catalog().filter(**filters)),
        "filtered": any(filters.values()),
        "applied": form.applied(),
        "conflict": form.conflict,
    }
    return render(request, "library/exercise_list.html", context, status=200 if valid else 400)


@require_safe
@for_visitors
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = _exercise(slug)
    catalog = load_catalog()
    context = {
        "exercise": exercise,
        "alt": description(exercise),
        "position": exercise.position.label,
        "roller": labels.roller(exercise),
        "pace": labels.pace(exercise),
        "rest": labels.rest(exercise),
        "presses_on": labels.presses_on(exercise),
        "areas": labels.areas(exercise),
        "not_for": labels.not_for(exercise),
        "never_rolled": labels.NEVER_ROLLED,
        "easier": catalog.regression_of(slug),
        "harder": catalog.progression_of(slug),
    }
    return render(request, "library/exercise_detail.html", context)


@require_safe
def exercise_picture(request: HttpRequest, slug: str) -> HttpResponse:
    svg = picture_path(_exercise(slug)).read_bytes()
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = PICTURE_CSP
    return response
