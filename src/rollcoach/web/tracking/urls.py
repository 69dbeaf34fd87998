from django.urls import path

from rollcoach.web.tracking import player, progress, sync

urlpatterns = [
    path("session/", player.player_page, name="session"),
    path("session/state/", player.session_state, name="session-state"),
    path("api/sessions/sync/", sync.sync_session, name="session-sync"),
    path("sw.js", player.service_worker, name="service-worker"),
    path("manifest.webmanifest", player.manifest, name="manifest"),
    path("progress/", progress.progress_page, name="progress"),
    path("progress/log/", progress.log_measure, name="progress-log"),
]
