"""The service's parts in this process: its OpenAPI document, its contract, packs kept from the
server's files, its settings, and the message when FastAPI is missing (the server itself runs in a
subprocess in ``tests/acceptance/test_serve.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from changrenzhi import PackError
from changrenzhi.outputs.formats import ERROR_FORMAT
from changrenzhi.serve import Settings
from changrenzhi.serve.settings import ENV
from support import ROOT, run_cli

pytest.importorskip("fastapi")

from changrenzhi.serve import work
from changrenzhi.serve.app import create_app
from changrenzhi.serve.openapi import openapi_text

OPENAPI = ROOT / "schema" / "openapi.json"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(openapi_text(create_app()))
    return doc


def test_the_shipped_openapi_document_is_current(document: dict[str, Any]) -> None:
    shipped = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert shipped == document, "run: changrenzhi serve --print-openapi > schema/openapi.json"


def test_the_openapi_document_validates(document: dict[str, Any]) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)
    refs: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                refs.add(ref)
            mapping = node.get("mapping")
            if isinstance(mapping, dict) and "propertyName" in node:
                refs.update(mapping.values())
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(document)
    components = document["components"]["schemas"]
    assert all(r.startswith("#/components/schemas/") for r in refs), sorted(refs)[:5]
    assert {r.removeprefix("#/components/schemas/") for r in refs} <= set(components)


def test_every_answer_names_its_schema(document: dict[str, Any]) -> None:
    for path, item in document["paths"].items():
        for method, op in item.items():
            responses = op["responses"]
            assert "422" not in responses, (method, path)
            assert "$ref" in responses["200"]["content"]["application/json"]["schema"], (method, path)
            if method == "post":
                assert set(responses) >= {"200", "400", "413", "503", "504"}, (method, path)


def test_the_error_document_is_the_cli_s(document: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = document["components"]["schemas"]["Error"]
    assert schema["properties"]["format"]["const"] == ERROR_FORMAT
    done = run_cli("check", "no-such-pack", "x.jsonl", "--as-of", "2010-01-01", "--format", "json")
    assert done.returncode == 2
    whole = {"$ref": "#/components/schemas/Error", "components": document["components"]}
    jsonschema.validate(json.loads(done.stdout), whole)


def test_a_pack_sent_may_extend_only_a_shipped_pack(tmp_path: Path) -> None:
    head = "format: changrenzhi.pack/1\nid: child\nname: child\n"
    pack = work.pack_of({"yaml": head + "extends: guoyuan\n"})
    assert pack.id == "child" and pack.rules
    for ref in ("../guoyuan", "/etc/passwd", "policies/guoyuan", str(tmp_path), "."):
        with pytest.raises(PackError) as caught:
            work.pack_of({"yaml": head + f"extends: {ref}\n"})
        problem = caught.value.problems[0]
        assert (problem.file, problem.line, problem.field) == ("<pack>", 4, "extends"), problem
        assert "only a shipped pack" in problem.message


def test_lint_reports_unreadable_yaml_as_its_problem() -> None:
    answer = work.lint([{"yaml": "a: [1"}, "district"], {}, "json", "en")
    doc = json.loads(answer.body)
    assert doc["files"] == ["<packs[0]>", "policies/district/pack.yaml"]
    assert [p["code"] for p in doc["problems"] if p["file"] == "<packs[0]>"] == ["CRZ001"]
    assert answer.exit_code == 1


def test_shipped_packs_only_by_name() -> None:
    for name in ("../policies/guoyuan", "policies/guoyuan", "/", str(ROOT / "policies" / "guoyuan")):
        with pytest.raises(work.NotFound):
            work.pack_of(name)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"a": 1, "a": 2}', "a"),
        (b'{"a": NaN}', None),
        (b'{"a": Infinity}', None),
        (b"\xff", None),
        (b'{"a": 1', None),
    ],
)
def test_request_json_is_strict(body: bytes, field: str | None) -> None:
    with pytest.raises(PackError) as caught:
        work.parse_json(body)
    assert caught.value.problems[0].field == field


def test_an_array_and_json_lines_are_one_log() -> None:
    lines = (ROOT / "policies/district/examples/district-2011-2012.jsonl").read_text(encoding="utf-8")
    events = [json.loads(x) for x in lines.splitlines() if x.strip() and not x.startswith("#")]
    pack = work.pack_of("district")
    from_lines = work.check(pack, lines, work.as_of_of("2012-12-31"), "json", "en")
    from_array = work.check(pack, events, work.as_of_of("2012-12-31"), "json", "en")
    assert from_lines == from_array


def test_settings_travel_to_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(max_body=5000, timeout=2.5, concurrency=3, queue=7, root_path="/crz")
    monkeypatch.setenv(ENV, s.to_env())
    assert Settings.from_env() == s
    monkeypatch.delenv(ENV)
    assert Settings.from_env() == Settings()


def test_without_fastapi_the_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)
    done = run_cli("serve", "--port", "0")
    assert done.returncode == 2
    assert "pip install 'changrenzhi[serve]'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--port", "70000"], "expected a number from 0 to 65535"),
        (["--workers", "0"], "expected a number from 1 to 64"),
        (["--timeout", "soon"], "expected a number"),
        (["--host", "no such host.invalid"], "--host"),
    ],
)
def test_bad_options(args: list[str], says: str) -> None:
    done = run_cli("serve", *args)
    assert done.returncode == 2
    assert says in done.stderr


def test_importing_the_service_needs_no_fastapi() -> None:
    code = "import sys, changrenzhi.serve, changrenzhi.commands.serve; print('fastapi' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_importing_the_application_without_fastapi_says_what_to_install() -> None:
    # the documented application (changrenzhi.serve.app.create_app, for an ASGI server of one's own)
    code = (
        "import sys; sys.modules['fastapi'] = None\n"
        "try:\n    import changrenzhi.serve.app\nexcept ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "pip install 'changrenzhi[serve]'" in out
