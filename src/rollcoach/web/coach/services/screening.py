from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction

from rollcoach.content.screens import load_pre_session, load_red_flags
from rollcoach.safety.pre_session import check
from rollcoach.safety.redflags import Question, ScreenResult, screen
from rollcoach.safety.startback import StartBackResult, score
from rollcoach.web import pagecache
from rollcoach.web.coach.models import Screening


def _store(user: User, kind: str, result: ScreenResult, now: datetime) -> Screening:
    saved = Screening.objects.create(
        user=user,
        kind=kind,
        answers=dict(result.answers),
        level=result.level.value,
        result=result.to_dict(),
        taken_at=now,
    )
    pagecache.changed(user)  # after the row: a screen outside a transaction moves at once
    return saved


def take_red_flag_screen(
    *, user: User, answers: Mapping[str, object], now: datetime
) -> tuple[Screening, ScreenResult]:
    questions: Sequence[Question] = load_red_flags()
    result = screen(questions, answers)  # raises AnswerError before anything is stored
    return _store(user, Screening.Kind.RED_FLAGS, result, now), result


def take_pre_session_check(
    *, user: User, answers: Mapping[str, object], now: datetime
) -> tuple[Screening, ScreenResult]:
    result = check(load_pre_session(), answers)
    return _store(user, Screening.Kind.PRE_SESSION, result, now), result


@transaction.atomic
def take_start_back(
    *, user: User, answers: Mapping[str, object], now: datetime
) -> tuple[Screening, StartBackResult]:
    result = score(answers)
    pagecache.changed(user)
    saved = Screening.objects.create(
        user=user,
        kind=Screening.Kind.START_BACK,
        answers=dict(answers),
        level=result.risk.value,
        result=result.to_dict(),
        taken_at=now,
    )
    return saved, result
