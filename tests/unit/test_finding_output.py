"""The fast paths of findings: messages with the pack's labels, the engine's order with its ties,
the ids in order, and the streamed JSON writer, each the same as the plain computation it
replaces (a report's bytes as the whole document encoded at once)."""

from __future__ import annotations

import gc
import itertools
import json
import random
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pydantic_core
import pytest

from changrenzhi.collector import paused_gc
from changrenzhi.engine.core import _in_order, _sort_key
from changrenzhi.findings import DuplicateFindingError, Finding, Report, _one_of, messages_of
from changrenzhi.outputs import reports, sarif
from changrenzhi.outputs.formats import Sarif
from changrenzhi.outputs.reports import write_report_json
from changrenzhi.outputs.sarif import sarif_log
from changrenzhi.periods import Period

CITATION = {"source": "seed.md", "line": 3, "text": "每季度不得少于一次\u001f"}
TEMPLATE = {
    "zh": "代表 {subject} 在{period}{what}：{count} 次（{form}）",
    "en": "rep {subject}: {count} times in {period} ({form})",
}
LABELS = {
    "visit": SimpleNamespace(zh="走访", en="visit"),
    "talk": SimpleNamespace(zh="座谈", en=None),
}


def finding(n: int, period: Period | None, **args: Any) -> Finding:
    return Finding(
        rule=f"t.rule{n % 3}",
        kind="k",
        status=("violation", "warning", "pending", "info")[n % 4],
        subject=f'R{n:03d}\u2028\t"é',
        period=period,
        evidence=tuple(f"e{i}\x00" for i in range(n % 4)),
        citation=CITATION,  # type: ignore[arg-type]
        template=TEMPLATE,
        message_key="few",
        args={"what": "visit", "count": n, "form": "talk", **args},
        labels=LABELS,
        key=(str(n),),
    )


def naive_message(f: Finding, lang: str) -> str:
    """Finding.message as it was written first: every argument named as the pack names it."""
    text = f.template.get(lang) or f.template["zh"]
    names = f.labels
    args = {
        k: (names[v].zh if lang != "en" else (names[v].en or v)) if type(v) is str and v in names else v
        for k, v in f.args.items()
    }
    period = f.period.label(lang) if f.period is not None else ""
    out = text.format(subject=f.subject, period=period, **args)
    return _one_of(out) if lang == "en" else out


def report_of(findings: list[Finding]) -> Report:
    return Report("p", "P", date(2011, 6, 30), tuple(findings))


def whole(report: Report, lang: str) -> bytes:
    """The report's JSON as one encoding of the whole document (what it was before it streamed)."""
    return pydantic_core.to_json(report.to_json(lang), indent=2) + b"\n"


def streamed(report: Report, lang: str) -> bytes:
    out: list[bytes] = []
    write_report_json(report, lang, out.append)
    return b"".join(out)


ODD_DETAILS: list[dict[str, Any]] = [
    {"ratio": 1.5, "big": 1e16, "tiny": 1e-7, "neg": -0.0, "huge": 10**20},
    {"nested": {"a": [], "b": {}, "c": [{"x": [1, 2.5, None, True]}]}, "empty": [], "none": None},
    {"codes": ["visit", "talk"], "text": "控制\u0001字符\u007f\u2029", "tuple": (1, "two")},
]


@pytest.mark.parametrize("chunk", [1, 3, 1000])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_streamed_json_is_the_whole_document(chunk: int, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports, "STREAM_CHUNK", chunk)
    shared = Period(date(2011, 1, 1), date(2011, 3, 31), "quarter")
    fs = []
    for n in range(12):
        # shared periods, equal periods that are other objects, no period
        period = shared if n % 3 == 0 else None if n % 3 == 1 else Period(shared.start, shared.end, "quarter")
        fs.append(finding(n, period, **ODD_DETAILS[n % len(ODD_DETAILS)]))
    report = report_of(fs)
    assert streamed(report, lang) == whole(report, lang)


def test_streamed_json_with_more_periods_than_a_renderer_keeps() -> None:
    """A period per finding (more than the 1024 periods whose JSON and label the writer keeps)."""
    first = date(1990, 1, 1)
    fs = [
        finding(n, Period(first + timedelta(days=n), first + timedelta(days=n + 30), "term"))
        for n in range(1100)
    ]
    report = report_of(fs)
    assert streamed(report, "zh") == whole(report, "zh")
    assert list(messages_of(report.findings, "en")) == [f.message("en") for f in report.findings]


def test_a_message_names_only_the_codes_its_template_writes_and_reads_the_same() -> None:
    period = Period(date(2011, 1, 1), date(2011, 12, 31), "year")
    f = finding(1, period, unused="visit")
    assert f.message("zh") == naive_message(f, "zh") == '代表 R001\u2028\t"é 在2011年走访：1 次（座谈）'
    assert f.message("en") == 'rep R001\u2028\t"é: 1 time in 2011 (talk)'  # no English name: the code
    assert f.args["what"] == "visit"  # details keep the code


@pytest.mark.parametrize(
    "template",
    [
        "{what!r} {count:>{width}}",  # a field in a format spec: every argument named, as before
        "{what[0]} {what.__class__} {count}",  # an index and an attribute of a named code
        "{subject}{period}",  # only the finding's own
    ],
)
def test_a_message_of_any_template_reads_as_before(template: str) -> None:
    f = finding(2, None, width=4)
    f = Finding(**{**{s: getattr(f, s) for s in Finding.__slots__}, "template": {"zh": template}})
    assert f.message("zh") == naive_message(f, "zh")


def naive_order(keyed: list[tuple[tuple[Any, ...], Finding]]) -> tuple[Finding, ...]:
    """The engine's order as it was first written: sort by key, then each run of equal keys by message."""
    keyed = sorted(keyed, key=lambda kf: kf[0])
    out: list[Finding] = []
    for _, run in itertools.groupby(keyed, key=lambda kf: kf[0]):
        out.extend(f for _, f in sorted(run, key=lambda kf: kf[1].message()))
    return tuple(out)


def test_the_order_breaks_ties_by_message_in_every_run_of_equal_keys() -> None:
    period = Period(date(2011, 1, 1), date(2011, 12, 31), "year")
    rng = random.Random(11)
    fs = []
    for n in range(60):
        # few distinct keys (subject, status, evidence): long runs of ties, and lone findings
        base = finding(n, period if n % 5 else None)
        fields = {s: getattr(base, s) for s in Finding.__slots__}
        fields.update(subject=f"R{n % 4}", status="violation" if n % 7 else "info", evidence=())
        fields["args"] = {**base.args, "count": rng.randrange(100)}
        fs.append(Finding(**fields))
    for _ in range(5):
        rng.shuffle(fs)
        keyed = [(_sort_key(f, f.rule == "t.rule1"), f) for f in fs]
        got = _in_order(list(keyed))
        assert got == naive_order(keyed)
        assert [f.message() for f in got] != sorted(f.message() for f in got)  # keys first


def test_ids_in_order_and_by_finding() -> None:
    fs = [finding(n, None) for n in range(5)]
    report = report_of(fs)
    ids = report.finding_ids()
    assert ids == tuple(f.id for f in fs) == tuple(report.listed_ids())
    assert [report.id_of(f) for f in fs] == list(ids)
    twice = report_of([fs[0], fs[1], fs[0]])  # one finding listed twice is one thing, once
    assert twice.finding_ids() == (fs[0].id, fs[1].id, fs[0].id)


def test_two_findings_with_one_id_are_refused_by_every_way_to_ask() -> None:
    a = finding(1, None)
    b = Finding(**{**{s: getattr(a, s) for s in Finding.__slots__}, "status": "info"})
    for ask in (
        lambda r: r.listed_ids(),
        lambda r: r.finding_ids(),
        lambda r: r.id_of(a),
        lambda r: streamed(r, "zh"),
    ):
        with pytest.raises(DuplicateFindingError):
            ask(report_of([finding(0, None), a, b]))


def test_renderers_pause_the_collector_and_restore_it() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), paused_gc():
        raise KeyError("x")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def whole_sarif(report: Report, lang: str) -> str:
    """The SARIF log with every result in one list, encoded at once (as it was before pieces)."""
    rules, props, artifacts, results = Sarif()._parts(report, None, lang)
    return sarif_log(rules, list(results), props, exit_code=report.exit_code, artifacts=artifacts)


@pytest.mark.parametrize("chunk", [1, 5, 1000])
@pytest.mark.parametrize("count", [0, 5, 12])
def test_sarif_in_pieces_is_the_whole_log(chunk: int, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "RESULTS_CHUNK", chunk)
    period = Period(date(2011, 1, 1), date(2011, 3, 31), "quarter")
    report = report_of([finding(n, period if n % 2 else None) for n in range(count)])
    text = Sarif().report(report, None, "zh")
    assert text == whole_sarif(report, "zh")
    assert len(json.loads(text)["runs"][0]["results"]) == count
    out: list[bytes] = []
    Sarif().write(report, None, "zh", out.append)
    assert b"".join(out) == text.encode("utf-8")


def test_sarif_of_a_name_that_is_not_utf8_is_escaped_whole() -> None:
    report = report_of([finding(1, None), finding(2, None)])
    odd = Finding(**{**{s: getattr(report.findings[1], s) for s in Finding.__slots__}, "subject": "R\udc80"})
    report = report_of([report.findings[0], odd])
    text = Sarif().report(report, None, "en")
    assert text == whole_sarif(report, "en") and text.isascii() and "\\udc80" in text
    out: list[bytes] = []
    Sarif().write(report, None, "en", out.append)
    assert b"".join(out) == text.encode("utf-8")
