"""One upload of a session: the player's whole state, declared once and checked on arrival.

The browser player sends it as JSON after every change, and the terminal player builds the same
thing from its runner, so both are stored by one service (services/sessions.py). A payload may
arrive twice, late, or after a newer one: `client_id` names the session, `seq` names each event
and `revision` orders the states."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from rollcoach.session.engine import (
    FINISHED,
    LIVE,
    STATE_VERSION,
    EventKind,
    SessionRunner,
    SessionStatus,
)

MAX_EVENTS = 2000
MAX_SECONDS = 24 * 3600
MAX_COUNTER = 2**31 - 1
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


class UploadError(ValueError):
    """The upload is malformed or does not fit its session; nothing was stored."""


def _storable(text: str) -> str:
    if "\x00" in text:
        raise ValueError("text must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return text


def _moment(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if not EARLIEST <= value < LATEST:
        raise ValueError("must be a moment between the years 2000 and 2099")
    return value.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(_moment)]
Text = Annotated[str, Field(max_length=200), AfterValidator(_storable)]
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS)]


class UploadEvent(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    seq: int = Field(ge=0, le=MAX_COUNTER)
    kind: EventKind
    step_index: int | None = Field(ge=0, le=MAX_COUNTER)
    at: Moment
    detail: Text = ""


class SessionUpload(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False, frozen=True)

    client_id: str = Field(pattern=r"^[A-Za-z0-9-]{8,64}$")
    plan_id: int = Field(ge=1, le=2**63 - 1)
    revision: int = Field(ge=1, le=MAX_COUNTER)
    status: SessionStatus
    index: int = Field(ge=0, le=MAX_COUNTER)
    remaining: Seconds
    active: Seconds
    outcomes: dict[str, Literal["done", "skipped"]]
    pain_before: int = Field(ge=0, le=10)
    pain_after: int | None = Field(ge=0, le=10)
    started_at: Moment
    events: list[UploadEvent] = Field(max_length=MAX_EVENTS)

    @field_validator("status")
    @classmethod
    def _begun(cls, status: SessionStatus) -> SessionStatus:
        if status not in LIVE | FINISHED:
            raise ValueError(f"use one of {', '.join(sorted(LIVE | FINISHED))}")
        return status

    @field_validator("outcomes")
    @classmethod
    def _step_numbers(cls, outcomes: dict[str, str]) -> dict[str, str]:
        for key in outcomes:
            if not (key.isascii() and key.isdigit() and len(key) <= 9):
                raise ValueError(f"outcomes must be keyed by step numbers, got {key[:12]!r}")
        return {str(int(key)): value for key, value in outcomes.items()}

    @model_validator(mode="after")
    def _one_event_a_seq(self) -> SessionUpload:
        if len({event.seq for event in self.events}) != len(self.events):
            raise ValueError("each event needs its own seq")
        return self

    @classmethod
    def from_json(cls, body: bytes) -> SessionUpload:
        try:
            return cls.model_validate_json(body)
        except ValidationError as error:
            raise UploadError(describe(error)) from None

    def check_fits(self, steps: Sequence[dict[str, Any]]) -> None:
        """Checks the upload against the timeline of its session; raises UploadError."""
        count = len(steps)
        if not count:
            raise UploadError("this plan has no steps to record")
        # A finished session may point one past its last step.
        last = count - (0 if self.status in FINISHED else 1)
        if self.index > last:
            raise UploadError(f"index must be a whole number from 0 to {last}")
        if self.index < count and self.remaining > steps[self.index]["seconds"]:
            raise UploadError("remaining is longer than the step itself")
        if any(int(key) >= count for key in self.outcomes):
            raise UploadError("outcomes names a step outside the session")
        for event in self.events:
            if event.step_index is not None and event.step_index >= count:
                raise UploadError(f"an event's step_index must be from 0 to {count - 1}")

    def engine_state(self, steps: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """The state in the session engine's own shape, less its events (stored as rows)."""
        live = self.status in LIVE
        elapsed = steps[self.index]["seconds"] - self.remaining if live else 0.0
        return {
            "version": STATE_VERSION,
            "steps": len(steps),
            "status": self.status,
            "index": self.index,
            "elapsed": elapsed,
            "active": self.active,
            "outcomes": dict(self.outcomes),
        }

    @classmethod
    def from_runner(
        cls,
        runner: SessionRunner,
        *,
        client_id: str,
        plan_id: int,
        revision: int,
        pain_before: int,
        pain_after: int | None,
        started_at: datetime,
        at: Any,
    ) -> SessionUpload:
        """The upload the terminal player makes of its runner; `at` maps a clock reading of the
        runner onto the moment it stands for."""
        state = runner.to_state()
        remaining = runner.remaining_in_step
        events = [
            UploadEvent(
                seq=seq,
                kind=EventKind(event.kind),
                step_index=event.step_index,
                at=at(event.at),
                detail=event.detail[:200],
            )
            for seq, event in enumerate(runner.events)
        ]
        return cls(
            client_id=client_id,
            plan_id=plan_id,
            revision=revision,
            status=SessionStatus(state["status"]),
            index=state["index"],
            remaining=remaining,
            active=state["active"],
            outcomes=state["outcomes"],
            pain_before=pain_before,
            pain_after=pain_after,
            started_at=started_at,
            events=events,
        )


def describe(error: ValidationError) -> str:
    """The first problem in words a person can act on: where it is, and what is wrong."""
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"] if not str(part).startswith("function-"))
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
