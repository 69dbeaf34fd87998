from django.urls import path

from rollcoach.web.coach import plans, player, progress, sync, views
from rollcoach.web.pagecache import per_person

urlpatterns = [
    path("start/", views.start, name="programme-start"),
    path("start/screen/", views.screen, name="programme-screen"),
    path("start/screen/result/", views.screen_result, name="programme-screen-result"),
    path("start/back/", views.start_back, name="programme-start-back"),
    path("start/back/result/", views.start_back_result, name="programme-start-back-result"),
    path("profile/", views.profile, name="programme-profile"),
    path("today/", per_person(views.today_page), name="programme-today"),
    path("session/check/", views.session_check, name="programme-check"),
    path("session/check/result/", views.session_check_result, name="programme-check-result"),
    path("clearance/", views.clearance, name="programme-clearance"),
    path("plans/<int:pk>/", plans.plan_detail, name="programme-plan"),
    path("session/", per_person(player.player_page, until=player.check_runs_out), name="session"),
    path("session/state/", player.session_state, name="session-state"),
    path("api/sessions/sync/", sync.sync_session, name="session-sync"),
    path("sw.js", player.service_worker, name="service-worker"),
    path("manifest.webmanifest", player.manifest, name="manifest"),
    path("progress/", per_person(progress.progress_page), name="progress"),
    path("progress/log/", progress.log_measure, name="progress-log"),
]
