"""The HTTP service (FastAPI): the commands' answers over HTTP, with an OpenAPI document.

Every request that evaluates (check, explain, lint, diff, compare) is read in full within
:attr:`Settings.max_body` bytes (counted as the body arrives; 413 past it), then parsed, loaded and
evaluated in a worker thread, off the event loop, so that one large request does not hold up the
others; at most :attr:`Settings.concurrency` at once, :attr:`Settings.queue` more waiting (503 past
it), each answered within :attr:`Settings.timeout` seconds (504 past it). Bad input is answered
with the error document the CLI prints with ``--format json`` and a 4xx status; no answer carries
a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Annotated, Literal, TypeVar

try:
    from fastapi import FastAPI, Path, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import Response
    from pydantic import BaseModel, ValidationError
    from starlette.exceptions import HTTPException
except ImportError as exc:  # the serve extra is not installed: say how to install it
    from . import MISSING

    raise ImportError(f"{MISSING} ({exc})") from exc

from .._version import __version__
from ..errors import ChangrenzhiError
from ..jsontypes import DATE_PATTERN
from ..outputs.places import Failure
from . import work
from .contract import (
    CheckRequest,
    CompareRequest,
    DiffRequest,
    ExplainRequest,
    LintRequest,
    failures_of_validation,
)
from .openapi import ERROR_RESPONSES, finish_openapi, json_body, ok
from .settings import Settings

__all__ = ["app_from_env", "create_app"]

log = logging.getLogger("changrenzhi.serve")
T = TypeVar("T")


class Refused(Exception):
    """A request answered with ``status`` and one input error (too large, busy, too slow...)."""

    def __init__(
        self, status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None
    ):
        super().__init__(message)
        self.status = status
        self.failure = Failure(None, None, field, message)
        self.headers = headers or {}


def _error(
    status: int, failures: list[Failure] | tuple[Failure, ...], headers: dict[str, str] | None = None
) -> Response:
    return Response(work.error_document(failures, "serve"), status, headers, media_type="application/json")


class Runner:
    """Runs evaluations in a pool of threads: bounded in number, in waiting, and in time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = ThreadPoolExecutor(settings.concurrency, thread_name_prefix="changrenzhi-serve")
        #: evaluations submitted and not yet finished (running or waiting), counted on the event loop
        self.pending = 0

    async def run(self, fn: Callable[[], T]) -> T:
        s = self.settings
        if self.pending >= s.concurrency + s.queue:
            raise Refused(503, "the service is busy: try again shortly", headers={"Retry-After": "1"})
        loop = asyncio.get_running_loop()
        self.pending += 1
        job: Future[T] = self.pool.submit(fn)
        # a job that outlives its timeout still holds its place until it ends
        job.add_done_callback(lambda _: loop.call_soon_threadsafe(self._finished))
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job)), s.timeout)
        except TimeoutError:
            job.cancel()  # a job still waiting never starts
            raise Refused(504, f"the evaluation took longer than {s.timeout:g} s") from None

    def _finished(self) -> None:
        self.pending -= 1


def _answer(a: work.Answer) -> Response:
    return Response(a.body, 200, {"X-Changrenzhi-Exit": str(a.exit_code)}, media_type=a.media_type)


def _guarded(fn: Callable[[], T]) -> Callable[[], T]:
    """``fn`` with the errors of input that ``work`` does not raise itself turned into input errors."""

    def call() -> T:
        try:
            return fn()
        except ValidationError as exc:
            raise _Invalid(failures_of_validation(exc)) from None
        except RecursionError:
            raise _Invalid([Failure(None, None, None, "input nested too deeply")]) from None

    return call


class _Invalid(Exception):
    def __init__(self, failures: list[Failure]) -> None:
        super().__init__(failures[0].message if failures else "invalid request")
        self.failures = failures


M = TypeVar("M", bound=BaseModel)


def _request(model: type[M], body: bytes) -> M:
    return model.model_validate(work.parse_json(body))


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service's ASGI application."""
    s = settings or Settings()
    runner = Runner(s)
    app = FastAPI(
        title="changrenzhi",
        version=__version__,
        summary="Check event logs of the Party congress standing system against policy packs.",
        description=(
            "The answers of the `changrenzhi` commands over HTTP. Response bodies are the CLI's "
            "`--format json` outputs (`changrenzhi schema NAME`); bad input is answered with the "
            "error document (`changrenzhi.error/1`) and a 4xx status. The header `X-Changrenzhi-Exit` "
            "carries the exit status the command would have ended with."
        ),
        root_path=s.root_path,
        docs_url="/docs",
        redoc_url=None,
    )

    async def body(request: Request) -> bytes:
        limit = s.max_body
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise Refused(413, f"the request body is larger than {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Refused(413, f"the request body is larger than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def run(fn: Callable[[], work.Answer]) -> Response:
        return _answer(await runner.run(_guarded(fn)))

    # ---- errors ---------------------------------------------------------------------------
    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return _error(exc.status, [exc.failure], exc.headers)

    @app.exception_handler(_Invalid)
    async def invalid(request: Request, exc: _Invalid) -> Response:
        return _error(400, exc.failures)

    @app.exception_handler(ChangrenzhiError)
    async def bad_input(request: Request, exc: ChangrenzhiError) -> Response:
        return _error(404 if isinstance(exc, work.NotFound) else 400, work.failures(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        failures = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ())]
            field = ".".join(loc[1:]) if loc and loc[0] in ("query", "path", "header") else ".".join(loc)
            failures.append(Failure(None, None, field or None, str(e.get("msg", "invalid"))))
        return _error(400, failures)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(exc.status_code, [Failure(None, None, None, str(exc.detail))], dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, [Failure(None, None, None, "internal error (logged by the service)")])

    # ---- what the service is ---------------------------------------------------------------
    @app.get("/health", tags=["service"], responses=ok("Health"))
    async def health() -> Response:
        """Whether the service answers."""
        return Response(b'{"status":"ok"}', media_type="application/json")

    @app.get("/version", tags=["service"], responses=ok("Version"))
    async def version() -> Response:
        """The version of changrenzhi that answers."""
        return Response(
            f'{{"name":"changrenzhi","version":"{__version__}"}}'.encode(), media_type="application/json"
        )

    @app.get("/schemas", tags=["service"], responses=ok("SchemaNames"))
    async def schema_names() -> Response:
        """The names of the JSON Schemas (``changrenzhi schema NAME``)."""
        from ..schemas import SCHEMAS

        return Response(work.json_bytes(list(SCHEMAS)), media_type="application/json")

    @app.get("/schemas/{name}", tags=["service"], responses={**ok("AnySchema"), **ERROR_RESPONSES})
    async def schema(name: Annotated[str, Path(max_length=100)]) -> Response:
        """A JSON Schema, as ``changrenzhi schema NAME`` prints it."""
        from ..schemas import SCHEMAS, schema_text

        if name not in SCHEMAS:
            raise work.NotFound(f"{name!r}: no such schema (schemas: {', '.join(SCHEMAS)})")
        return Response(schema_text(name).encode(), media_type="application/json")

    # ---- packs ---------------------------------------------------------------------------
    @app.get("/packs", tags=["packs"], responses=ok("PackListing"))
    async def packs() -> Response:
        """The shipped packs: name, id, title, number of rules."""
        listing = await runner.run(work.packs_listing)
        return Response(work.json_bytes(listing), media_type="application/json")

    @app.get("/packs/{name}", tags=["packs"], responses={**ok("Rules", text=True), **ERROR_RESPONSES})
    async def rules(
        name: Annotated[str, Path(max_length=200)],
        lang: Literal["zh", "en"] = "zh",
        fmt: Annotated[Literal["json", "text"], Query(alias="format")] = "json",
    ) -> Response:
        """A shipped pack's rules (``changrenzhi rules NAME``)."""
        return await run(lambda: work.rules(name, fmt, lang))

    @app.post(
        "/packs/{name}/check",
        tags=["check"],
        responses={**ok("Findings", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("events")},
    )
    async def check_shipped(
        request: Request,
        name: Annotated[str, Path(max_length=200)],
        as_of: Annotated[str, Query(pattern=DATE_PATTERN, examples=["2010-12-31"])],
        lang: Literal["zh", "en"] = "zh",
        fmt: Annotated[Literal["json", "sarif", "junit", "github", "text"], Query(alias="format")] = "json",
    ) -> Response:
        """Check the log in the body (JSON Lines, or a JSON array of events) against a shipped pack:
        ``changrenzhi check NAME EVENTS --as-of AS_OF``."""
        data = await body(request)
        media = request.headers.get("content-type", "")

        def go() -> work.Answer:
            day = work.as_of_of(as_of)
            return work.check(work.pack_of(name), work.events_body(data, media), day, fmt, lang)

        return await run(go)

    @app.post(
        "/packs/{name}/explain",
        tags=["check"],
        responses={**ok("Explain", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("events")},
    )
    async def explain_shipped(
        request: Request,
        name: Annotated[str, Path(max_length=200)],
        as_of: Annotated[str, Query(pattern=DATE_PATTERN, examples=["2010-12-31"])],
        finding: Annotated[str, Query(min_length=1, max_length=200)],
        lang: Literal["zh", "en"] = "zh",
        fmt: Annotated[Literal["json", "text"], Query(alias="format")] = "json",
    ) -> Response:
        """Explain one finding of checking the log in the body against a shipped pack."""
        data = await body(request)
        media = request.headers.get("content-type", "")

        def go() -> work.Answer:
            day = work.as_of_of(as_of)
            events = work.events_body(data, media)
            return work.explain(work.pack_of(name), events, day, finding, fmt, lang)

        return await run(go)

    # ---- the commands, with packs by name or text -------------------------------------------
    @app.post(
        "/check",
        tags=["check"],
        responses={**ok("Findings", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("CheckRequest")},
    )
    async def check(request: Request) -> Response:
        """``changrenzhi check``: a log against a shipped pack or a pack sent in the request."""
        data = await body(request)

        def go() -> work.Answer:
            r = _request(CheckRequest, data)
            day = work.as_of_of(r.as_of)
            return work.check(work.pack_of(r.pack), r.events, day, r.format, r.lang)

        return await run(go)

    @app.post(
        "/explain",
        tags=["check"],
        responses={**ok("Explain", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("ExplainRequest")},
    )
    async def explain(request: Request) -> Response:
        """``changrenzhi explain``: the trace of one finding."""
        data = await body(request)

        def go() -> work.Answer:
            r = _request(ExplainRequest, data)
            day = work.as_of_of(r.as_of)
            return work.explain(work.pack_of(r.pack), r.events, day, r.finding, r.format, r.lang)

        return await run(go)

    @app.post(
        "/lint",
        tags=["packs"],
        responses={**ok("Lint", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("LintRequest")},
    )
    async def lint(request: Request) -> Response:
        """``changrenzhi lint``: every problem of packs (shipped or sent), citations checked against
        the source texts sent."""
        data = await body(request)

        def go() -> work.Answer:
            r = _request(LintRequest, data)
            return work.lint(r.packs, r.sources, r.format, r.lang)

        return await run(go)

    @app.post(
        "/diff",
        tags=["packs"],
        responses={**ok("Diff", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("DiffRequest")},
    )
    async def diff(request: Request) -> Response:
        """``changrenzhi diff OLD NEW``: each changed rule with a witness log."""
        data = await body(request)

        def go() -> work.Answer:
            r = _request(DiffRequest, data)
            return work.diff(work.pack_of(r.old, "<old>"), work.pack_of(r.new, "<new>"), r.format, r.lang)

        return await run(go)

    @app.post(
        "/compare",
        tags=["packs"],
        responses={**ok("Compare", text=True), **ERROR_RESPONSES},
        openapi_extra={"requestBody": json_body("CompareRequest")},
    )
    async def compare(request: Request) -> Response:
        """``changrenzhi compare``: packs side by side, duty by duty."""
        data = await body(request)

        def go() -> work.Answer:
            r = _request(CompareRequest, data)
            packs = [work.pack_of(p, f"<packs[{i}]>") for i, p in enumerate(r.packs)]
            return work.compare_packs(packs, r.format, r.lang)

        return await run(go)

    app.openapi = lambda: finish_openapi(app)  # type: ignore[method-assign]
    app.state.runner = runner
    return app


def app_from_env() -> FastAPI:
    """The application with the settings ``changrenzhi serve`` put in the environment (uvicorn's
    factory, in each worker process)."""
    return create_app(Settings.from_env())
