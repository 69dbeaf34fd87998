from __future__ import annotations

import functools
import hashlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from rollcoach.content.loader import load_catalog
from rollcoach.planning.planner import PlanBlocked
from rollcoach.safety.discomfort import DISCOMFORT_CAP
from rollcoach.safety.sharp_pain import REST_TODAY, SHARP_PAIN_ADVICE
from rollcoach.session.vocabulary import player_vocabulary
from rollcoach.web.coach.models import Plan, Screening
from rollcoach.web.coach.selectors import (
    CHECK_HOURS,
    checked_since_screen,
    latest_screening,
    resume_info,
    unfinished_session,
)
from rollcoach.web.coach.services.plans import plan_for_today, session_purpose, with_purpose
from rollcoach.web.signed_in import SignedInRequest

WORKER_SOURCE = Path(__file__).parent / "static" / "coach" / "sw.js"
# What the player needs with no connection; pages and pictures are cached as they are visited.
PRECACHE = (
    "css/site.css",
    "img/icon.svg",
    "coach/player.css",
    "coach/player-page.js",
    "coach/player.js",
    "coach/cues.js",
    "coach/runner.js",
    "coach/store.js",
    "coach/offline.js",
    "coach/icons/icon.svg",
    "coach/icons/icon-192.png",
)
OFFLINE_PAGES = ("/session/", "/today/")


def _names(timeline: dict[str, Any]) -> dict[str, str]:
    catalog = load_catalog()
    slugs = {step.get("exercise") for step in timeline.get("steps", [])}
    return {slug: catalog.get(slug).name for slug in slugs if slug and slug in catalog}


def check_runs_out(user: User, now: datetime) -> datetime | None:
    """When a kept player page stops being true: the pre-session check it trusted runs out."""
    check = latest_screening(user, Screening.Kind.PRE_SESSION)
    return check.taken_at + timedelta(hours=CHECK_HOURS) if check is not None else None


@login_required
@never_cache
@require_GET
def player_page(request: SignedInRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    purpose = session_purpose(request)
    try:
        plan = plan_for_today(user=user, now=now, purpose=purpose)
    except PlanBlocked:
        return redirect("/today/")
    if not checked_since_screen(user, now, hours=CHECK_HOURS):
        return redirect(with_purpose("/session/check/", purpose))
    check = latest_screening(user, Screening.Kind.PRE_SESSION)
    log = unfinished_session(user, plan)
    resume = resume_info(log) if log is not None else None
    # An unfinished session keeps the timeline it began with, even if today's plan changed.
    timeline = log.timeline if log is not None and resume is not None else plan.timeline
    player = {
        "plan_id": plan.pk,
        "timeline": timeline,
        "names": _names(timeline),
        "vocabulary": player_vocabulary(),
        # Offline, the player refuses a second session the day of a sharp-pain stop in these words.
        "rest_today": REST_TODAY,
        "resume": resume,
        # Served from the offline cache later, the page must not start a session on a stale check.
        "check_until": (check.taken_at + timedelta(hours=CHECK_HOURS)).isoformat()
        if check
        else None,
    }
    context = {
        "player": player,
        "advice": SHARP_PAIN_ADVICE,
        "discomfort_cap": DISCOMFORT_CAP,
        "minutes": _minutes(timeline),
        "scale": range(11),
    }
    return render(request, "coach/player.html", context)


def _minutes(timeline: dict[str, Any]) -> int:
    return max(1, round(int(timeline.get("total_seconds", 0)) / 60))


@login_required
@never_cache
@require_GET
def session_state(request: SignedInRequest) -> HttpResponse:
    user = request.user
    plan_id = request.GET.get("plan", "")
    plans = Plan.objects.filter(user=user)
    if plan_id:
        wellformed = plan_id.isascii() and plan_id.isdigit() and len(plan_id) < 18
        plan = plans.filter(pk=int(plan_id)).first() if wellformed else None
    else:
        plan = plans.filter(day=timezone.now().date()).order_by("-created_at").first()
    log = unfinished_session(user, plan) if plan is not None else None
    resume = resume_info(log) if log is not None else None
    return JsonResponse({"plan_id": plan.pk if plan else None, "resume": resume})


@functools.lru_cache(maxsize=4)
def _worker(debug_stamp: float) -> str:
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    digest = hashlib.sha256(source.encode())
    urls: list[str] = []
    for name in PRECACHE:
        found = finders.find(name)
        if isinstance(found, str):
            digest.update(Path(found).read_bytes())
        # With hashed names in production, the modules still import each other by plain name.
        urls.extend(dict.fromkeys([static(name), f"{settings.STATIC_URL}{name}"]))
    version = digest.hexdigest()[:12]
    listed = ", ".join(f'"{url}"' for url in urls)
    pages = ", ".join(f'"{page}"' for page in OFFLINE_PAGES)
    return (
        source.replace('"__VERSION__"', f'"{version}"')
        .replace('["__PRECACHE__"]', f"[{listed}]")
        .replace('["__PAGES__"]', f"[{pages}]")
    )


def _asset_stamp() -> float:
    # While developing, an edited asset must give the worker a new version at once.
    if not settings.DEBUG:
        return 0.0
    paths = [WORKER_SOURCE, *(finders.find(name) for name in PRECACHE)]
    return max(Path(path).stat().st_mtime for path in paths if isinstance(path, str | Path))


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_worker(_asset_stamp()), content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": "rollcoach: guided foam rolling",
        "short_name": "rollcoach",
        "description": "Safe, guided foam rolling for back pain.",
        "start_url": "/today/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#b5541a",
        "icons": [
            {"src": static("coach/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("coach/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("coach/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response
