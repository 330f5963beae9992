"""The command line on logs Hypothesis spoils: no exception escapes, ever (issue 9).

A small log has a line spoiled (a field of it set to a hostile value, or a key added), and ``check``
or ``explain`` runs on it in this process, in any format and language, as of any day. Whatever the
log, the command exits 0, 1 or 2; on 2 it names the log and the line, or the argument; on 0 or 1
its output parses as its format; and it prints no control character (but tab and line feed) and no
lone surrogate. ``pytest --slow`` searches much harder.
"""

from __future__ import annotations

import io
import json
import re
import sys
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from changrenzhi.cli import main
from support import DATA

LOG = (DATA / "logs" / "invalid" / "elected_twice.jsonl").read_text(encoding="utf-8").splitlines()[:6]
LOG += [
    '{"id": "s1", "type": "study.session", "date": "2011-03-01", "group": "G1", "attendees": ["R01"]}',
    '{"id": "d1", "type": "rep.disqualified", "date": "2011-04-01", "rep": "R03", "reason": "moved"}',
    '{"id": "v1", "type": "vote.held", "date": "2011-05-01", "meeting": "M1", "item": "I1", '
    '"matter": "other", "method": "hands", "yes": 2, "no": 0, "declared": "passed"}',
]
#: JSON text Python's json cannot write, and values at the edges
RAW = [
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "-0.0", str(2**63), str(2**64),
    "9" * 4000, '"\\u0000"', '"\\u001b[2J"', '"\\ud800"', '"\\udc00x"', '"a\\nb"', '"\\u0085"',
    '"\\u202e"', '"\\ufffe"', '"2011-02-30"', '"2011-W05-1"', '"1899-12-31"', '"2200-01-01"',
    '"9999-12-31"', '"1262304000"', "1262304000", '"R01"', '"G1"', '"C01"', "[]", '["R01", "R01"]',
    "[" * 300 + "]" * 300, '{"a": 1, "a": 2}', '"' + "长" * 3000 + '"',
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(RAW),
    st.integers().map(str),
    st.floats().map(json.dumps),
    st.text(max_size=8).map(lambda t: json.dumps(t, ensure_ascii=False)),
    st.lists(st.text(max_size=4), max_size=4).map(json.dumps),
)
AS_OF = st.sampled_from(["2011-12-31", "2011-03-31", "1900-01-01", "2199-12-31", "2011-02-29", "0001-01-01"])
ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _spoil(line: str, key: str, value: str) -> str:
    try:
        obj = json.loads(line)
    except ValueError:  # spoiled already past what Python reads
        return line
    if not isinstance(obj, dict):
        return line
    obj[key] = "\x00PLACE\x00"
    return json.dumps(obj).replace('"\\u0000PLACE\\u0000"', value)


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.BytesIO()
    streams = io.TextIOWrapper(out, encoding="utf-8", newline="\n"), io.TextIOWrapper(err, encoding="utf-8")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = streams
    try:
        try:
            code = main(args)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        for stream in streams:
            stream.flush()
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    finally:
        sys.stdout, sys.stderr = saved


@given(st.data())
def test_no_log_makes_a_command_fail(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    lines = list(LOG)
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        keys = sorted(set(json.loads(lines[i])) | {"x_extra", "unknown", "days", "term_years"})
        lines[i] = _spoil(lines[i], data.draw(st.sampled_from(keys)), data.draw(VALUES))
    path = tmp_path_factory.mktemp("fuzz") / "log.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fmt = data.draw(st.sampled_from(["text", "json", "sarif", "junit", "github"]))
    args = ["check", "guoyuan", str(path), "--as-of", data.draw(AS_OF), "--format", fmt]
    args += ["--lang", data.draw(st.sampled_from(["zh", "en"]))]
    code, out, err = _run(args)
    assert code in (0, 1, 2)
    assert ODD.search(out + err) is None, (out + err)[:2000]
    if code == 2:
        # a machine format writes the error document on stdout too (docs/CI.md); text writes nothing
        if fmt == "text":
            assert out == "", out[:500]
        elif fmt in ("json", "sarif"):
            json.loads(out)
        elif fmt == "junit":
            ET.fromstring(out)
        else:
            assert out.startswith("::error "), out[:500]
        assert re.search(re.escape(str(path)) + r":\d+[ :]|argument --as-of: ", err), err
        return
    if fmt in ("json", "sarif"):
        findings = json.loads(out)
        if fmt == "json" and findings["findings"]:
            finding = data.draw(st.sampled_from(findings["findings"]))["id"]
            explained = _run(
                ["explain", "guoyuan", str(path), "--as-of", findings["as_of"], "--finding", finding]
            )
            assert explained[0] == 0, explained[2]
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "github":
        assert all(line.startswith(("::", "changrenzhi check ")) for line in out.splitlines())
