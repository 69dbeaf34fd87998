from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits(fresh_rate_limits: None) -> Iterator[None]:
    yield
