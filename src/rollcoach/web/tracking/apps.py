from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "rollcoach.web.tracking"
    label = "tracking"

    def ready(self) -> None:
        from rollcoach.web.accounts.models import Profile
        from rollcoach.web.community.models import Comment
        from rollcoach.web.pagecache import watch
        from rollcoach.web.programme.models import Plan, Screening
        from rollcoach.web.tracking.models import (
            MobilityCheck,
            PainRating,
            SessionEvent,
            SessionLog,
        )

        # Anything a person owns changing makes their cached pages stale.
        watch(
            Profile, Screening, Plan, SessionLog, SessionEvent, PainRating, MobilityCheck, Comment
        )
