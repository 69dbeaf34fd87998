"""Uploads from the browser's session player: each one is the player's whole state."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from rollcoach.web import ratelimit
from rollcoach.web.coach.services.sessions import SessionNotFound, TooMuch, record_session
from rollcoach.web.coach.upload import SessionUpload, UploadError

# Generous: a session saves once a step, and an offline backlog flushes one payload a session.
SYNC_LIMIT = (600, 600)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def sync_session(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        return _error("Log in to save your session.", 401)
    if not ratelimit.hit("session-sync", str(user.pk), *SYNC_LIMIT):
        return _error("Too many uploads at once; the player will try again shortly.", 429)
    try:
        log = record_session(user=user, upload=SessionUpload.from_json(request.body))
    except SessionNotFound as missing:
        return _error(str(missing), 404)
    except TooMuch as bound:
        return _error(str(bound), bound.status)
    except UploadError as error:
        return _error(str(error), 400)
    return JsonResponse({"ok": True, "revision": log.revision, "status": log.status})
