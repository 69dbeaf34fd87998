from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from exercises_support import exercise
from rollcoach.catalog.model import Area, Density, Exercise


def _exercise(**overrides: Any) -> Exercise:
    fields: dict[str, Any] = {
        "areas": (Area.UPPER_BACK,),
        "densities": (Density.SOFT, Density.MEDIUM),
    }
    return exercise(**(fields | overrides))


@pytest.fixture
def make_exercise() -> Callable[..., Exercise]:
    return _exercise
