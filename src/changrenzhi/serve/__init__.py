"""``changrenzhi serve``: the commands' answers over HTTP, for systems not written in Python.

Needs the ``serve`` extra (``pip install 'changrenzhi[serve]'``: FastAPI and uvicorn). The
application is :func:`changrenzhi.serve.app.create_app`; :mod:`~changrenzhi.serve.work` does the
work of each request with the functions the commands call, so that the answers are the CLI's.
Importing this package imports neither FastAPI nor uvicorn.
"""

from __future__ import annotations

from .settings import Settings

__all__ = ["MISSING", "Settings"]

#: what to do when FastAPI or uvicorn is missing
MISSING = "changrenzhi serve needs FastAPI and uvicorn: pip install 'changrenzhi[serve]'"
