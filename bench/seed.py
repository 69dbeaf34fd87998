"""Prepares a database for the load benchmark and prints what the load tool needs as JSON."""

import json
import os
import sys
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rollcoach.web.settings")
POSTERS = int(os.environ.get("BENCH_POSTERS", "200"))


def main() -> None:
    from rollcoach.bootstrap import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from rollcoach.content.screens import load_pre_session, load_red_flags
    from rollcoach.web.coach.models import PainRating, SessionLog
    from rollcoach.web.coach.services.plans import plan_for_today
    from rollcoach.web.coach.services.profiles import update_profile
    from rollcoach.web.coach.services.screening import (
        take_pre_session_check,
        take_red_flag_screen,
    )

    now = timezone.now()
    user, _ = User.objects.get_or_create(username="bench")
    if not SessionLog.objects.filter(user=user).exists():
        start = now - timedelta(days=42)
        take_red_flag_screen(user=user, answers={q.id: False for q in load_red_flags()}, now=start)
        update_profile(
            user=user,
            changes={"areas": ["upper-back", "lower-back"], "rollers": ["soft"], "minutes": 10},
        )
        plan = plan_for_today(user=user, now=start)
        for day in range(0, 42, 2):
            moment = start + timedelta(days=day)
            SessionLog.objects.create(
                user=user,
                plan=plan,
                client_id=get_random_string(32),
                status="completed",
                started_at=moment,
                finished_at=moment + timedelta(minutes=9),
                pain_before=6 - day // 14,
                pain_after=5 - day // 14,
                timeline=plan.timeline,
                seconds_active=540,
            )
            if day % 7 == 0:
                PainRating.objects.create(
                    user=user, kind="weekly", value=6 - day // 10, day=moment.date()
                )
    take_pre_session_check(user=user, answers={q.id: False for q in load_pre_session()}, now=now)
    plan = plan_for_today(user=user, now=now)

    def session_for(person: User) -> str:
        store = SessionStore()
        store["_auth_user_id"] = str(person.pk)
        store["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
        store["_auth_user_hash"] = person.get_session_auth_hash()
        store.create()
        return str(store.session_key)

    # Uploads are rate limited per person, as they should be: many people post in the load test.
    posters = []
    for n in range(POSTERS):
        poster, _ = User.objects.get_or_create(username=f"bench-poster-{n}")
        take_red_flag_screen(user=poster, answers={q.id: False for q in load_red_flags()}, now=now)
        update_profile(
            user=poster, changes={"areas": ["mid-back"], "rollers": ["soft"], "minutes": 10}
        )
        posters.append([session_for(poster), plan_for_today(user=poster, now=now).pk])
    sys.stdout.write(
        json.dumps(
            {
                "session": session_for(user),
                "csrf": get_random_string(32),
                "plan_id": plan.pk,
                "steps": len(plan.timeline["steps"]),
                "started_at": now.isoformat(),
                "posters": posters,
            }
        )
    )


if __name__ == "__main__":
    main()
