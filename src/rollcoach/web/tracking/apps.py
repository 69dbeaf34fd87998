from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "rollcoach.web.tracking"
    label = "tracking"

    def ready(self) -> None:
        from rollcoach.web.accounts.models import Profile
        from rollcoach.web.community.models import Comment
        from rollcoach.web.pagecache import watch
        from rollcoach.web.programme.models import Plan, Screening
        from rollcoach.web.tracking.models import MobilityCheck, PainRating, SessionLog

        # Anything a person owns changing makes their cached pages stale. Session events change
        # only with their log, which is watched: watching them too would make deleting a log
        # load each of its events, and look up its log, to send a signal for it.
        watch(Profile, Screening, Plan, SessionLog, PainRating, MobilityCheck, Comment)
