"""The service's settings: where it listens and the bounds it keeps (no FastAPI needed to read them)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from typing import Any

__all__ = ["ENV", "Settings"]

#: the environment variable that hands the settings to the worker processes uvicorn starts
ENV = "CHANGRENZHI_SERVE_SETTINGS"


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``changrenzhi serve`` is told on its command line (the defaults are its defaults)."""

    #: the largest request body, in bytes (checked while the body arrives: 413 past it)
    max_body: int = 16 * 1024 * 1024
    #: seconds one evaluation may take before the request is answered 504
    timeout: float = 30.0
    #: evaluations run at once in each worker process (a thread each, off the event loop)
    concurrency: int = 4
    #: requests that may wait for an evaluation in each worker process; past it: 503
    queue: int = 512
    #: the path prefix under which a reverse proxy publishes the service (``--root-path``)
    root_path: str = ""

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Settings:
        """The settings the command put in :data:`ENV` (the defaults when it is not set)."""
        raw = os.environ.get(ENV)
        if not raw:
            return cls()
        data: dict[str, Any] = json.loads(raw)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
