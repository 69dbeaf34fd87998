import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RED_FLAG_IDS = "E1 E2 E3 E4 E5 E6 E7 E8 U1 U2 U3 G1 G2 G3 G4 G5 G6".split()
CHECK_IDS = [f"PS{n}" for n in range(1, 8)]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


# run(*args, stdin="", terminal=False) in-process; run_process(*args, env=None, stdin="").
Run = Callable[..., Result]
Answers = Callable[[dict[str, object]], str]
