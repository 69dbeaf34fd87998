"""The shared session scenarios (tests/scenarios/) stored through both ways in: the browser's
uploads to the sync API, and the terminal player's recorder. Both store identical rows, however
the uploads arrive (out of order, or twice)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from rollcoach.cli_player import Recorder
from rollcoach.session.engine import SessionError, SessionRunner
from rollcoach.web.coach.models import Plan, SessionLog
from rollcoach.web.coach.services.sessions import record_session
from rollcoach.web.coach.upload import SessionUpload

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.json"))
PAIN_BEFORE, PAIN_AFTER = 5, 3


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _plan(user: User, data: dict[str, Any]) -> Plan:
    timeline = data["timeline"]
    return Plan.objects.create(
        user=user,
        day=datetime.fromisoformat(data["start"]).date(),
        data={"timeline": timeline, "items": [], "notes": []},
        total_seconds=timeline["total_seconds"],
    )


def _act(runner: SessionRunner, entry: dict[str, Any]) -> bool:
    action = entry["action"]
    try:
        if action == "stop":
            runner.stop(entry["reason"])
        else:
            getattr(runner, action)()
    except SessionError:
        return False  # refused, as the scenario records: nothing to save
    return True


def _browser(client: Client, plan: Plan, data: dict[str, Any]) -> None:
    """The uploads runner.js makes: its snapshot after each accepted action."""
    events = data["expected"]["events"]
    sent = []
    for snapshot in data["expected"]["snapshots"]:
        if snapshot["refused"]:
            continue
        body = {
            "client_id": "scenario-browser-session",
            "plan_id": plan.pk,
            "revision": len(sent) + 1,
            **{k: snapshot[k] for k in ("status", "index", "remaining", "active", "outcomes")},
            "pain_before": PAIN_BEFORE,
            "pain_after": None,
            "started_at": data["start"],
            "events": events[: snapshot["event_count"]],
        }
        sent.append(body)
    sent.append(sent[-1] | {"revision": len(sent) + 1, "pain_after": PAIN_AFTER})
    # Late and repeated: an older upload after the newest, and the newest again.
    for body in [*sent, sent[1], sent[-1]]:
        response = client.post("/api/sessions/sync/", json.dumps(body), "application/json")
        assert response.status_code == 200, response.content


def _terminal(user: User, plan: Plan, data: dict[str, Any]) -> None:
    """What `rollcoach session` records: the recorder's upload after each accepted action."""
    clock = Clock()
    with time_machine.travel(datetime.fromisoformat(data["start"]), tick=False):
        recorder = Recorder(user, plan, clock, 1.0)
    kept: list[SessionUpload] = []
    for entry in data["script"]:
        clock.now = float(entry["at"])
        if _act(recorder.runner, entry):
            recorder.save(PAIN_BEFORE)
            kept.append(_last_upload(recorder))
    recorder.save(PAIN_BEFORE, PAIN_AFTER)
    kept.append(_last_upload(recorder))
    for upload in (kept[1], kept[-1]):
        record_session(user=user, upload=upload)


def _last_upload(recorder: Recorder) -> SessionUpload:
    upload: SessionUpload = recorder.upload(PAIN_BEFORE)
    return upload


def _rows(user: User) -> dict[str, Any]:
    log = SessionLog.objects.get(user=user)
    state = {k: round(v, 3) if isinstance(v, float) else v for k, v in log.state.items()}
    return {
        "log": (
            log.status,
            log.started_at,
            log.finished_at,
            log.pain_before,
            log.pain_after,
            log.seconds_active,
            log.revision,
        ),
        "state": state,
        "events": list(
            log.events.order_by("seq").values_list(
                "seq", "kind", "step_index", "exercise", "at", "detail"
            )
        ),
    }


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_both_ways_in_store_the_same_rows(
    path: Path, owner: User, owner_client: Client, outsider: User
) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    _browser(owner_client, _plan(owner, data), data)
    _terminal(outsider, _plan(outsider, data), data)
    browser, terminal = _rows(owner), _rows(outsider)
    assert browser == terminal
    assert browser["log"][0] == data["expected"]["summary"]["status"]
    assert len(browser["events"]) == len(data["expected"]["events"])
    if data["expected"]["summary"]["sharp_pain_exercise"]:
        [sharp] = [row for row in browser["events"] if row[1] == "sharp-pain"]
        assert sharp[3] == data["expected"]["summary"]["sharp_pain_exercise"]


def test_there_are_scenarios_to_store() -> None:
    assert len(SCENARIOS) >= 4
