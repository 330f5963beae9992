"""``changrenzhi serve``: the commands' answers over HTTP (needs ``pip install 'changrenzhi[serve]'``).

The address is bound before the server starts, so that ``--port 0`` (any free port) can be told:
the line ``changrenzhi serve: listening on http://HOST:PORT`` on standard error says where.
"""

from __future__ import annotations

import argparse
import gc
import os
import socket
import sys
from collections.abc import Callable
from typing import TypeVar

from ..errors import UsageError
from . import epilog

N = TypeVar("N", int, float)


def _in(kind: Callable[[str], N], low: N, high: N) -> Callable[[str], N]:
    """An argument's type: a number of ``kind`` from ``low`` to ``high``."""

    def parse(text: str) -> N:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a number from {low} to {high}, got {text!r}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a number from {low} to {high}, got {text!r}")
        return value

    return parse


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Serve the commands over HTTP (check, explain, lint, diff, compare, rules, schema), with an "
        "OpenAPI document at /openapi.json and its pages at /docs. Needs the serve extra: "
        "pip install 'changrenzhi[serve]'."
    )
    epilog(
        p,
        "0  the server stopped cleanly (Ctrl-C or SIGTERM)\n"
        "2  bad usage, the serve extra missing, or the address cannot be bound",
        "changrenzhi serve",
        "changrenzhi serve --host 0.0.0.0 --port 8080 --workers 2",
        "curl -s localhost:8000/health",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port", type=_in(int, 0, 65535), default=8000, help="port (default 8000; 0: any free port)"
    )
    p.add_argument("--workers", type=_in(int, 1, 64), default=1, help="worker processes (default 1)")
    p.add_argument(
        "--concurrency",
        type=_in(int, 1, 256),
        default=4,
        help="evaluations at once in each worker process, each in a thread (default 4)",
    )
    p.add_argument(
        "--queue",
        type=_in(int, 0, 100_000),
        default=512,
        help="requests that may wait for an evaluation in each worker; past it: 503 (default 512)",
    )
    p.add_argument(
        "--max-body",
        type=_in(int, 1024, 1 << 31),
        default=16 * 1024 * 1024,
        metavar="BYTES",
        help="largest request body; past it: 413 (default 16 MiB)",
    )
    p.add_argument(
        "--timeout",
        type=_in(float, 0.01, 3600.0),
        default=30.0,
        metavar="SECONDS",
        help="longest evaluation; past it: 504 (default 30)",
    )
    p.add_argument(
        "--root-path",
        default="",
        metavar="PATH",
        help="the path prefix a reverse proxy publishes the service under (e.g. /changrenzhi)",
    )
    p.add_argument(
        "--forwarded-allow-ips",
        default=None,
        metavar="IPS",
        help="proxies whose X-Forwarded-* headers are trusted (default: 127.0.0.1)",
    )
    p.add_argument(
        "--log-level",
        choices=["critical", "error", "warning", "info", "debug"],
        default="info",
        help="server log level (default info)",
    )
    p.add_argument("--no-access-log", action="store_true", help="do not log each request")
    p.add_argument(
        "--print-openapi", action="store_true", help="print the OpenAPI document and exit (no server)"
    )


def run(args: argparse.Namespace) -> int:
    from ..serve import MISSING, Settings
    from ..serve.settings import ENV

    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError:
        raise UsageError(MISSING) from None
    # a long-running process: the collector the short-lived command line pauses is needed here
    gc.enable()
    settings = Settings(
        max_body=args.max_body,
        timeout=args.timeout,
        concurrency=args.concurrency,
        queue=args.queue,
        root_path=args.root_path,
    )
    if args.print_openapi:
        from ..serve.app import create_app
        from ..serve.openapi import openapi_text

        sys.stdout.write(openapi_text(create_app(settings)))
        return 0
    sock = _bind(args.host, args.port)
    os.environ[ENV] = settings.to_env()  # read by each worker process
    config = uvicorn.Config(
        "changrenzhi.serve.app:app_from_env",
        factory=True,
        workers=args.workers,
        log_level=args.log_level,
        access_log=not args.no_access_log,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        server_header=False,
    )
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(
        f"changrenzhi serve: listening on http://{shown}:{port} ({args.workers} worker(s), "
        f"OpenAPI at /openapi.json)\n"
    )
    sys.stderr.flush()
    try:
        if args.workers > 1:
            from uvicorn.supervisors import Multiprocess

            Multiprocess(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0


def _bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (not yet listening), or a usage error saying why not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        raise UsageError(f"--host {host!r}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock
