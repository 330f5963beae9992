"""``changrenzhi serve`` for real: the server in a subprocess on a free loopback port, over HTTP.

Its answers equal the CLI's for the same input, byte for byte; a bounded load test (a few hundred
concurrent requests of mixed sizes) gets every answer and no error; hostile requests get a located
error document with a 4xx status and never a traceback; the limits (body size, time, queue) hold;
and a bounded schemathesis run against the live server finds no server error.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import ROOT, run_cli, served

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")

EXAMPLES = {
    name: next((ROOT / "policies" / name / "examples").glob("*.jsonl"))
    for name in ("baoying", "district", "guoyuan", "model-plan", "xianfeng", "zhangjiagang")
}
AS_OF = {
    "baoying": "2010-02-15",
    "district": "2012-12-31",
    "guoyuan": "2010-09-20",
    "model-plan": "2012-08-15",
    "xianfeng": "2011-12-31",
    "zhangjiagang": "2008-12-15",
}
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture(scope="module", autouse=True)
def at_root() -> Iterator[None]:
    """The server and the CLI run from the repository's root (outputs name files relative to it)."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def url(at_root: None) -> Iterator[str]:
    with served("--concurrency", "2", "--timeout", "120", "--max-body", "1048576") as base:
        yield base


def cli(*args: str) -> tuple[int, str]:
    done = run_cli(*args)
    return done.returncode, done.stdout


def check_cli(name: str, fmt: str = "json", lang: str = "zh") -> tuple[int, str]:
    return cli(
        "check",
        name,
        str(EXAMPLES[name].relative_to(ROOT)),
        "--as-of",
        AS_OF[name],
        "--format",
        fmt,
        "--lang",
        lang,
    )


# ---- the answers are the CLI's ---------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_check_equals_the_cli(url: str, name: str) -> None:
    code, expected = check_cli(name)
    r = httpx.post(
        f"{url}/packs/{name}/check",
        params={"as_of": AS_OF[name]},
        content=EXAMPLES[name].read_bytes(),
        headers=NDJSON,
        timeout=120,
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.text == expected
    assert r.headers["x-changrenzhi-exit"] == str(code)


def test_check_formats_and_forms_equal_the_cli(url: str) -> None:
    name = "district"
    log = EXAMPLES[name].read_text(encoding="utf-8")
    for fmt in ("text", "sarif", "junit", "github"):
        _, expected = check_cli(name, fmt, "en")
        r = httpx.post(
            f"{url}/packs/{name}/check",
            params={"as_of": AS_OF[name], "format": fmt, "lang": "en"},
            content=log.encode(),
            timeout=60,
        )
        assert r.status_code == 200 and r.text == expected, fmt
    _, expected = check_cli(name)
    events = [json.loads(line) for line in log.splitlines() if line.strip() and not line.startswith("#")]
    # a JSON array in the body, JSON Lines in the envelope, a JSON array in the envelope: one answer
    r = httpx.post(f"{url}/packs/{name}/check", params={"as_of": AS_OF[name]}, json=events, timeout=60)
    assert r.status_code == 200 and r.text == expected
    for form in (log, events):
        body = {"pack": name, "events": form, "as_of": AS_OF[name]}
        r = httpx.post(f"{url}/check", json=body, timeout=60)
        assert r.status_code == 200 and r.text == expected
    # the pack sent as text: the same findings (only where the pack came from differs)
    text = (ROOT / "policies" / name / "pack.yaml").read_text(encoding="utf-8")
    r = httpx.post(
        f"{url}/check", json={"pack": {"yaml": text}, "events": log, "as_of": AS_OF[name]}, timeout=60
    )
    assert r.status_code == 200
    assert r.json()["findings"] == json.loads(expected)["findings"]


def test_explain_rules_lint_diff_compare_equal_the_cli(url: str) -> None:
    name = "baoying"
    _, report = check_cli(name)
    fid = json.loads(report)["findings"][0]["id"]
    path = str(EXAMPLES[name].relative_to(ROOT))
    _, expected = cli("explain", name, path, "--as-of", AS_OF[name], "--finding", fid, "--format", "json")
    r = httpx.post(
        f"{url}/packs/{name}/explain",
        params={"as_of": AS_OF[name], "finding": fid},
        content=EXAMPLES[name].read_bytes(),
        headers=NDJSON,
        timeout=60,
    )
    assert r.status_code == 200 and r.text == expected
    body = {
        "pack": name,
        "events": EXAMPLES[name].read_text(encoding="utf-8"),
        "as_of": AS_OF[name],
        "finding": fid,
    }
    assert httpx.post(f"{url}/explain", json=body, timeout=60).text == expected

    _, expected = cli("rules", name, "--format", "json", "--lang", "en")
    assert httpx.get(f"{url}/packs/{name}", params={"lang": "en"}).text == expected

    code, expected = cli("lint", name, "--format", "json")
    r = httpx.post(f"{url}/lint", json={"packs": [name]}, timeout=60)
    assert r.text == expected and r.headers["x-changrenzhi-exit"] == str(code)

    code, expected = cli("diff", "xianfeng", "district", "--format", "json")
    r = httpx.post(f"{url}/diff", json={"old": "xianfeng", "new": "district"}, timeout=60)
    assert r.text == expected and r.headers["x-changrenzhi-exit"] == str(code)

    _, expected = cli("compare", "guoyuan", "zhangjiagang", "--format", "json")
    assert (
        httpx.post(f"{url}/compare", json={"packs": ["guoyuan", "zhangjiagang"]}, timeout=60).text == expected
    )

    _, expected = cli("schema", "findings")
    assert httpx.get(f"{url}/schemas/findings").text == expected


def test_a_broken_log_gets_the_cli_error_document(url: str) -> None:
    broken = b'{"id": "e1", "type": "rep.elected"\n{"id": "e2", "type": "no.such", "date": "2010-01-01"}\n'
    r = httpx.post(
        f"{url}/packs/guoyuan/check", params={"as_of": "2010-12-31"}, content=broken, headers=NDJSON
    )
    assert r.status_code == 400
    doc = r.json()
    assert doc["format"] == "changrenzhi.error/1"
    assert [e["line"] for e in doc["errors"]] == [1, 2]
    assert all(e["file"] == "<events>" for e in doc["errors"])


# ---- hostile requests --------------------------------------------------------------------------
HOSTILE: list[tuple[str, str, dict[str, Any], int]] = [
    # (method, path, httpx keyword arguments, status)
    ("POST", "/check", {"content": b"{"}, 400),
    ("POST", "/check", {"content": b"\xff\xfe"}, 400),
    ("POST", "/check", {"content": b"[" * 100_000 + b"]" * 100_000}, 400),
    ("POST", "/check", {"content": b'{"pack": "guoyuan", "pack": "baoying"}'}, 400),
    ("POST", "/check", {"content": b'{"pack": "guoyuan", "events": [], "as_of": NaN}'}, 400),
    ("POST", "/check", {"json": {"pack": "guoyuan", "events": [], "as_of": "2010-02-30"}}, 400),
    ("POST", "/check", {"json": {"pack": "guoyuan", "events": [], "as_of": "2010-01-01", "x": 1}}, 400),
    # a lone surrogate (JSON may escape one; no UTF-8 output could write it): refused, not a 500
    (
        "POST",
        "/check",
        {
            "content": b'{"pack": "guoyuan", "as_of": "2010-12-31", "events": [{"id": "c", "type": '
            b'"congress.opened", "date": "2010-01-04"}, {"id": "e", "type": "rep.elected", "date": '
            b'"2010-01-04", "rep": "R\\udcff"}]}'
        },
        400,
    ),
    ("POST", "/check", {"json": {"pack": "../../etc/passwd", "events": [], "as_of": "2010-01-01"}}, 404),
    ("POST", "/check", {"json": {"pack": "/etc", "events": [], "as_of": "2010-01-01"}}, 404),
    (
        "POST",
        "/check",
        {
            "json": {
                "pack": {"yaml": "extends: /etc/passwd\nid: x\nformat: changrenzhi.pack/1\n"},
                "events": [],
                "as_of": "2010-01-01",
            }
        },
        400,
    ),
    (
        "POST",
        "/check",
        {
            "json": {
                "pack": {"yaml": "extends: ../../../../etc\nid: x\nformat: changrenzhi.pack/1\n"},
                "events": [],
                "as_of": "2010-01-01",
            }
        },
        400,
    ),
    (
        "POST",
        "/check",
        {
            "json": {
                "pack": {"yaml": "extends: policies/guoyuan\nid: x\nformat: changrenzhi.pack/1\n"},
                "events": [],
                "as_of": "2010-01-01",
            }
        },
        400,
    ),
    (
        "POST",
        "/check",
        {
            "json": {
                "pack": {"yaml": "a: !!python/object/apply:os.system ['true']\n"},
                "events": [],
                "as_of": "2010-01-01",
            }
        },
        400,
    ),
    (
        "POST",
        "/check",
        {
            "json": {
                "pack": {"yaml": "a: &a [*a, *a]\n" + "b: &b [*a, *a, *a]\n" * 30},
                "events": [],
                "as_of": "2010-01-01",
            }
        },
        400,
    ),
    ("POST", "/check", {"json": {"pack": "guoyuan", "events": [1, "x", None], "as_of": "2010-01-01"}}, 400),
    ("POST", "/check", {"json": {"pack": "guoyuan", "events": "\x00\x01\n{}", "as_of": "2010-01-01"}}, 400),
    (
        "POST",
        "/explain",
        {"json": {"pack": "guoyuan", "events": [], "as_of": "2010-01-01", "finding": "ffff"}},
        400,
    ),
    ("POST", "/lint", {"json": {"packs": []}}, 400),
    ("POST", "/lint", {"json": {"packs": [{"yaml": "extends: /etc/passwd\n"}]}}, 400),
    ("POST", "/diff", {"json": {"old": "guoyuan"}}, 400),
    ("POST", "/compare", {"json": {"packs": ["guoyuan"] * 50}}, 400),
    ("POST", "/packs/guoyuan/check", {"params": {"as_of": "yesterday"}, "content": b""}, 400),
    (
        "POST",
        "/packs/guoyuan/check",
        {"params": {"as_of": "2010-01-01", "format": "pickle"}, "content": b""},
        400,
    ),
    ("POST", "/packs/guoyuan/check", {"params": {"as_of": "2010-01-01"}, "json": {"not": "a list"}}, 400),
    ("POST", "/packs/%2e%2e%2f%2e%2e%2fetc/check", {"params": {"as_of": "2010-01-01"}, "content": b""}, 404),
    ("GET", "/packs/..%2f..%2fetc%2fpasswd", {}, 404),
    ("GET", "/schemas/..%2fpack", {}, 404),
    ("GET", "/no/such/path", {}, 404),
    ("DELETE", "/packs", {}, 405),
    ("POST", "/check", {"content": b"x" * 1_100_000}, 413),
]


def test_hostile_requests(url: str) -> None:
    with httpx.Client(base_url=url, timeout=60) as client:
        for method, path, kwargs, status in HOSTILE:
            r = client.request(method, path, **kwargs)
            where = f"{method} {path} {str(kwargs)[:120]}"
            assert r.status_code == status, f"{where}: {r.status_code} {r.text[:500]}"
            assert r.headers["content-type"] == "application/json", where
            doc = r.json()
            assert doc["format"] == "changrenzhi.error/1" and doc["errors"], where
            assert "Traceback" not in r.text and "/etc/passwd\n" not in r.text, where
            assert all(set(e) == {"file", "line", "field", "message"} for e in doc["errors"]), where
        # a located error: the field and the line
        pack = "format: changrenzhi.pack/1\nid: x\nname: x\nrules:\n  - id: a\n    kind: no_such_kind\n"
        r = client.post("/check", json={"pack": {"yaml": pack}, "events": [], "as_of": "2010-01-01"})
        errors = r.json()["errors"]
        assert r.status_code == 400 and any(e["file"] == "<pack>" and e["line"] for e in errors), errors
        # the server still answers
        assert client.get("/health").json() == {"status": "ok"}


# ---- limits --------------------------------------------------------------------------------------
def test_body_size_is_bounded_while_it_arrives(at_root: None) -> None:
    with served("--max-body", "2048") as base:
        big = b"x" * 4096

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for i in range(0, len(big), 512):
                yield big[i : i + 512]

        for kwargs in ({"content": big}, {"content": chunks()}):
            r = httpx.post(
                f"{base}/packs/guoyuan/check", params={"as_of": "2010-01-01"}, timeout=30, **kwargs
            )
            assert r.status_code == 413, r.text
            assert r.json()["errors"][0]["message"] == "the request body is larger than 2048 bytes"
        assert httpx.get(f"{base}/health").status_code == 200


def test_time_and_queue_are_bounded(at_root: None) -> None:
    log = EXAMPLES["guoyuan"].read_bytes()
    with served("--timeout", "0.01", "--concurrency", "1", "--queue", "0") as base:

        async def burst() -> list[int]:
            async with httpx.AsyncClient(base_url=base, timeout=60) as client:
                calls = [
                    client.post(
                        "/packs/guoyuan/check", params={"as_of": "2010-12-31"}, content=log, headers=NDJSON
                    )
                    for _ in range(6)
                ]
                answers = await asyncio.gather(*calls)
            for r in answers:
                assert r.json()["format"] == "changrenzhi.error/1"
            return sorted(r.status_code for r in answers)

        statuses = asyncio.run(burst())
        # each evaluation takes longer than 10 ms: 504; while one runs, no other may wait: 503
        assert set(statuses) <= {503, 504} and 504 in statuses, statuses
        assert httpx.get(f"{base}/health").status_code == 200


def test_a_large_request_does_not_hold_up_the_others(at_root: None) -> None:
    """With one evaluation at a time, four large checks queue up; a health check sent after them is
    answered before the last of them (the event loop does not wait for evaluations)."""
    log = EXAMPLES["guoyuan"].read_bytes()
    with served("--concurrency", "1", "--timeout", "300") as base:

        async def race() -> list[str]:
            done: list[str] = []
            async with httpx.AsyncClient(base_url=base, timeout=300) as client:

                async def check(i: int) -> None:
                    params = {"as_of": "2010-12-31"}
                    r = await client.post("/packs/guoyuan/check", params=params, content=log, headers=NDJSON)
                    assert r.status_code == 200
                    done.append(f"check{i}")

                async def health() -> None:
                    await asyncio.sleep(0.1)  # the checks are in
                    r = await client.get("/health")
                    assert r.status_code == 200
                    done.append("health")

                await asyncio.gather(*(check(i) for i in range(4)), health())
            return done

        order = asyncio.run(race())
        assert order.index("health") < 4, order


def test_worker_processes(at_root: None) -> None:
    _, expected = check_cli("xianfeng")
    with served("--workers", "2") as base:
        for _ in range(2):
            r = httpx.post(
                f"{base}/packs/xianfeng/check",
                params={"as_of": AS_OF["xianfeng"]},
                content=EXAMPLES["xianfeng"].read_bytes(),
                timeout=60,
            )
            assert r.status_code == 200 and r.text == expected


# ---- load -------------------------------------------------------------------------------------
def test_load(url: str) -> None:
    """Three hundred concurrent requests of mixed sizes: every one answered, none with an error,
    and every check's answer the CLI's."""
    expected = {name: check_cli(name)[1] for name in ("district", "baoying", "xianfeng")}
    logs = {name: EXAMPLES[name].read_bytes() for name in expected}

    async def one(client: Any, i: int) -> tuple[int, str, str]:
        kind = i % 10
        if kind < 4:
            path = ("/health", "/version", "/packs", "/packs/district")[kind]
            r = await client.get(path)
            return r.status_code, path, ""
        name = ("district", "baoying", "xianfeng")[i % 3]
        r = await client.post(
            f"/packs/{name}/check", params={"as_of": AS_OF[name]}, content=logs[name], headers=NDJSON
        )
        return r.status_code, name, r.text

    async def load() -> list[tuple[int, str, str]]:
        limits = httpx.Limits(max_connections=300, max_keepalive_connections=300)
        async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
            return await asyncio.gather(*(one(client, i) for i in range(300)))

    answers = asyncio.run(load())
    assert len(answers) == 300
    assert [s for s, _, _ in answers if s != 200] == []
    for _, what, text in answers:
        if what in expected:
            assert text == expected[what], what


# ---- the contract ------------------------------------------------------------------------------
def test_schemathesis_finds_no_server_error(url: str, tmp_path: Path) -> None:
    """A bounded run (a few examples per operation) against the live server: no 5xx, every
    response as the document says (status, content type, schema). Requests that the schema allows
    but the service refuses (a day that does not exist, an unknown finding) are not failures."""
    pytest.importorskip("schemathesis")
    st = Path(sys.executable).parent / "st"
    command = [str(st)] if st.is_file() else [sys.executable, "-m", "schemathesis.cli"]
    done = subprocess.run(
        [
            *command, "run", f"{url}/openapi.json",
            "--phases", "examples,fuzzing", "--max-examples", "5", "--seed", "1",
            "--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--suppress-health-check", "all", "--request-timeout", "60",
        ],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
