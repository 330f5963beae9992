"""Helpers shared by the tests, in one module.

- Packs and logs in memory, the engine and the command line: :func:`make_pack`, :func:`make_log`,
  :func:`town`, :func:`run`, :func:`run_cli`, :func:`run_process`, :func:`shipped_pack`,
  :func:`refusal`; and the paths of the test data (:data:`TESTS`, :data:`DATA`, :data:`ROOT`).
- The service: :func:`served` runs ``changrenzhi serve`` in a subprocess on a free loopback port.
- SARIF: :func:`sarif_errors` validates a log against the SARIF 2.1.0 schemas.
- Probes (the probe tests and the boundary tests): :class:`Drawn` answers a probe builder's free
  choices with Hypothesis; :func:`judged` runs a probe's log through the engine;
  :func:`check_default_probes` and :func:`check_drawn_probes` are the two checks every parameter
  set of a kind goes through.
- Hypothesis strategies for the properties: :func:`towns` draws a :class:`Town` (a roster and the
  events that happen in it).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import strategies as st

from changrenzhi import EventLog, Pack, PackError, Report, evaluate, load_pack, loads_pack, read_events
from changrenzhi.cli import main
from changrenzhi.probes import Probe, Setting, probes, setting_of
from changrenzhi.roster import ROSTER_TYPES

#: the tests' folder, their data, and the repository's root
TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
ROOT = TESTS.parent


# ---- packs, logs, the engine and the command line ----------------------------------------
SEED = "000_4d6d1418da65ff90.txt"


@functools.cache
def shipped_pack(name: str) -> Pack:
    """A shipped pack by name, loaded once per test session (a :class:`Pack` is immutable).

    For tests that use a shipped pack; the tests of loading itself call ``load_pack``."""
    return load_pack(name)


@functools.cache
def refusal(folder: Path) -> PackError | None:
    """What ``load_pack(folder)`` raises (None when it loads), once per test session.

    The corpus of broken packs is checked against the loader's refusal by more than one
    module (test_invalid_packs, test_lint); some cases (an alias bomb) take a while to refuse."""
    try:
        load_pack(folder)
    except PackError as exc:
        return exc
    return None


#: packs made by :func:`make_pack`, by the ``repr`` of its arguments
_MADE: dict[str, Pack] = {}


def make_pack(*rules: Mapping[str, Any], term_years: int | None = None, presence: str = "half") -> Pack:
    """A pack around the given rules. Each rule needs ``kind`` and ``params``; id and citation default.

    Written as YAML and read by :func:`loads_pack`, as a pack file is; the same arguments give
    the same pack, so it is made once per test session (a :class:`Pack` is immutable). A pack
    that does not load raises :class:`PackError` every time (nothing is kept)."""
    key = repr(([dict(r) for r in rules], term_years, presence))
    made = _MADE.get(key)
    if made is None:
        made = _MADE[key] = _make_pack(rules, term_years, presence)
    return made


def _make_pack(rules: Iterable[Mapping[str, Any]], term_years: int | None, presence: str) -> Pack:
    full = []
    for i, r in enumerate(rules):
        rule = {"id": f"t.rule-{i}", "citation": {"source": SEED, "line": 81, "text": "每季度不得少于一次"}}
        rule.update(r)
        full.append(rule)
    doc: dict[str, Any] = {
        "format": "changrenzhi.pack/1",
        "id": "test",
        "name": "测试",
        "locality": "测试乡",
        "document": {"title": "测试", "sources": [{"file": SEED, "first_line": 1, "last_line": 225}]},
        "term": {"presence": presence} | ({"years": term_years} if term_years else {}),
        "rules": full,
    }
    return loads_pack(yaml.safe_dump(doc, allow_unicode=True), file="test-pack.yaml")


def make_log(events: Iterable[Mapping[str, Any]]) -> EventLog:
    """Events as dicts -> a validated log. Missing ids are filled in as e1, e2, ..."""
    lines = []
    for i, e in enumerate(events, 1):
        ev = dict(e)
        ev.setdefault("id", f"e{i}")
        lines.append(json.dumps(ev, ensure_ascii=False))
    return read_events(lines, name="test.jsonl")


def run(pack: Pack, events: Iterable[Mapping[str, Any]] | EventLog, as_of: str | date) -> Report:
    log = events if isinstance(events, EventLog) else make_log(events)
    when = as_of if isinstance(as_of, date) else date.fromisoformat(as_of)
    return evaluate(pack, log, when)


def town(
    reps: int = 12,
    *,
    day: str = "2011-01-04",
    group: str | None = "G1",
    prefix: str = "R",
    term_years: int = 5,
) -> list[dict[str, Any]]:
    """A congress, ``reps`` reps elected on ``day`` and (optionally) one group holding them all,
    led by the first rep with the second as deputy and the third as liaison."""
    names = [f"{prefix}{i:02d}" for i in range(1, reps + 1)]
    out: list[dict[str, Any]] = [
        {"id": "congress", "type": "congress.opened", "date": day, "term_years": term_years}
    ]
    out += [{"id": f"elect-{n}", "type": "rep.elected", "date": day, "rep": n} for n in names]
    if group:
        out.append(
            {
                "id": f"form-{group}",
                "type": "group.formed",
                "date": day,
                "group": group,
                "members": names,
                "leader": names[0],
                "deputy": names[1],
                "liaison": names[2],
            }
        )
    return out


def statuses(report: Report, rule: str | None = None) -> list[str]:
    return [f.status for f in report.findings if rule is None or f.rule == rule]


STREAMS = ("stdin", "stdout", "stderr")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process, as :func:`run_process` runs it in another one.

    ``changrenzhi.cli.main(args)`` with stdin, stdout and stderr replaced by UTF-8 buffers;
    an argparse exit becomes the return code. An exception that escapes ``main`` is not
    caught: it fails the test, which is stricter than looking for "Traceback" on stderr.
    Starting a Python process costs about half a second, so only the tests about the
    process itself (the installed script, its exit status, stdin, no traceback) use
    :func:`run_process`; the CLI's output and exit status are the same either way.
    """
    raw = {name: io.BytesIO(b"" if name != "stdin" else (stdin or "").encode("utf-8")) for name in STREAMS}
    streams = {name: io.TextIOWrapper(raw[name], encoding="utf-8", newline="") for name in STREAMS}
    saved = {name: getattr(sys, name) for name in STREAMS}
    try:
        for name in STREAMS:
            setattr(sys, name, streams[name])
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: usage errors, --version, --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        for name in STREAMS:
            setattr(sys, name, saved[name])
    out = []
    for name in ("stdout", "stderr"):
        streams[name].flush()
        # read back as subprocess.run(text=True) does: UTF-8 with universal newlines
        out.append(io.TextIOWrapper(io.BytesIO(raw[name].getvalue()), encoding="utf-8").read())
    return subprocess.CompletedProcess(["changrenzhi", *args], code, out[0], out[1])


def _script() -> list[str]:
    """The installed ``changrenzhi`` console script, or ``python -m changrenzhi`` without one."""
    script = Path(sysconfig.get_path("scripts")) / "changrenzhi"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "changrenzhi"]


def run_process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``changrenzhi`` script as a separate process, as a user would."""
    return subprocess.run(
        [*_script(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


# ---- the service ----------------------------------------------------------------------------
@contextlib.contextmanager
def served(*args: str, ready_within: float = 60.0) -> Iterator[str]:
    """``changrenzhi serve --host 127.0.0.1 --port 0 ARGS`` in a subprocess, from the working folder:
    yields its base URL (``http://127.0.0.1:PORT``) once ``/health`` answers, and always stops it."""
    with tempfile.TemporaryFile() as log:
        command = [*_script(), "serve", "--host", "127.0.0.1", "--port", "0", "--log-level", "warning"]
        proc = subprocess.Popen([*command, "--no-access-log", *args], stdout=log, stderr=log)

        def output() -> str:
            log.seek(0)
            return log.read().decode("utf-8", "replace")

        try:
            deadline = time.monotonic() + ready_within
            url = None
            while url is None:
                if proc.poll() is not None:
                    raise AssertionError(f"changrenzhi serve ended ({proc.returncode}):\n{output()}")
                if time.monotonic() > deadline:
                    raise AssertionError(f"changrenzhi serve not ready in {ready_within} s:\n{output()}")
                found = re.search(r"listening on (http://\S+)", output())
                if found is not None:
                    health = found.group(1) + "/health"
                    with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=5) as answer:
                        url = found.group(1) if answer.status == 200 else None
                if url is None:
                    time.sleep(0.1)
            yield url
            assert "Traceback" not in output(), output()
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# ---- SARIF ----------------------------------------------------------------------------------
#: The SARIF 2.1.0 JSON schema, byte for byte as Microsoft's SARIF SDK ships it (sarif-2.1.0.json in
#: the npm package @microsoft/sarif-multitool-linux 5.7.0), and the release candidate rtm.5
#: (@microsoft/jest-sarif): our output must satisfy both, so older consumers that pinned rtm.5 read it too.
SARIF_SCHEMAS = [DATA / name for name in ("sarif-schema-2.1.0.json", "sarif-schema-2.1.0-rtm.5.json")]


@functools.cache
def _sarif_validators() -> list[Any]:
    import jsonschema

    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in SARIF_SCHEMAS]
    return [jsonschema.validators.validator_for(s)(s) for s in schemas]


def sarif_errors(doc: Any) -> list[str]:
    """Every way ``doc`` breaks either SARIF schema (empty when it is a valid SARIF 2.1.0 log)."""
    return [f"{list(e.absolute_path)}: {e.message}" for v in _sarif_validators() for e in v.iter_errors(doc)]


# ---- probes ----------------------------------------
T = TypeVar("T")
Case = tuple[str, dict[str, Any]]


class Drawn:
    """:class:`~changrenzhi.probes.Choices` answered by Hypothesis."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(st.integers(lo, hi))

    def choice(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(list(options)))


def judged(pack: Pack, probe: Probe, events: Sequence[dict[str, Any]] | None = None) -> bool:
    """Whether ``pack`` finds something settled (not ``pending``) about the probe's subject."""
    lines = [json.dumps(e, ensure_ascii=False) for e in (probe.events if events is None else events)]
    report = evaluate(pack, read_events(lines, name="probe.jsonl"), probe.as_of)
    return any(f.subject == probe.subject and f.status != "pending" for f in report.findings)


def case_id(case: Case) -> str:
    return case[0] + "-" + "-".join(f"{k}={v}" for k, v in sorted(case[1].items()))[:60]


def check_default_probes(case: Case) -> None:
    """The probes of one rule, with the builder's defaults: both outcomes occur, every log is valid,
    and the engine agrees with every prediction."""
    kind, params = case
    pack = make_pack({"kind": kind, "params": params})
    found = list(probes(pack.rules[0], setting_of(pack)))
    assert any(p.expect_finding for p in found) and any(not p.expect_finding for p in found)
    for probe in found:
        assert probe.rule == "t.rule-0" and probe.kind == kind
        read_events(probe.lines(), name="p.jsonl")  # a valid log
        assert judged(pack, probe) == probe.expect_finding, (probe.label, probe.events)


def check_drawn_probes(case: Case, data: st.DataObject) -> None:
    """The same with Hypothesis choosing the term, the year and everything a probe leaves free."""
    kind, params = case
    pack = make_pack({"kind": kind, "params": params}, term_years=data.draw(st.sampled_from([3, 5])))
    year = data.draw(st.integers(2005, 2020))
    for probe in probes(pack.rules[0], Setting(pack.term_years or 5, date(year, 1, 1)), Drawn(data)):
        assert judged(pack, probe) == probe.expect_finding, (probe.label, probe.events)


# ---- Hypothesis strategies ----------------------------------------
Ev = dict[str, Any]
CONTACT_KINDS = ("member", "citizen", "activist", "village", "household")
RATINGS = ("excellent", "competent", "qualified", "unqualified", "incompetent")


@dataclass
class Town:
    events: list[Ev]
    as_of: date
    start: date
    end: date
    #: rep -> the people they look after (any assignment, any time)
    contacts: dict[str, list[str]] = field(default_factory=dict)

    def lines(self, events: list[Ev] | None = None) -> list[str]:
        return [json.dumps(e, ensure_ascii=False) for e in (self.events if events is None else events)]

    def log(self, events: list[Ev] | None = None) -> EventLog:
        return read_events(self.lines(events), name="town.jsonl")

    @property
    def ids(self) -> set[str]:
        return {e["id"] for e in self.events}


def is_roster(e: Ev) -> bool:
    return e["type"] in ROSTER_TYPES


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n:04d}"


@st.composite
def towns(draw: st.DrawFn, max_reps: int = 16) -> Town:
    """A congress, its reps and groups, the committee, then two or so years of activity."""
    new_id = _Ids()
    start = date(2008, 1, 1) + timedelta(days=draw(st.integers(0, 4 * 365)))
    term_years = draw(st.sampled_from([3, 5]))
    span = draw(st.integers(60, 3 * 365 // 2))
    end = start + timedelta(days=span)

    def day(lo: date = start, hi: date = end) -> date:
        return lo + timedelta(days=draw(st.integers(0, max((hi - lo).days, 0))))

    def ev(etype: str, when: date, **fields: Any) -> Ev:
        return {"id": new_id(etype[:3] + "-"), "type": etype, "date": when.isoformat(), **fields}

    def some(items: list[str], lo: int = 0) -> list[str]:
        if not items:
            return []
        return draw(st.lists(st.sampled_from(sorted(items)), min_size=min(lo, len(items)), unique=True))

    events: list[Ev] = [ev("congress.opened", start, term_years=term_years)]
    n = draw(st.integers(6, max_reps))
    reps = [f"R{i:02d}" for i in range(1, n + 1)]
    events += [
        ev("rep.elected", start, rep=r, category=draw(st.sampled_from(["worker", "farmer", "cadre"])))
        for r in reps
    ]
    formed = start + timedelta(days=draw(st.integers(0, 20)))
    n_groups = draw(st.integers(1, 3))
    groups = [f"G{i}" for i in range(1, n_groups + 1)]
    members: dict[str, list[str]] = {g: reps[i::n_groups] for i, g in enumerate(groups)}
    for g in groups:
        ms = members[g]
        officers = {"leader": ms[0]} | ({"deputy": ms[1]} if len(ms) > 1 and draw(st.booleans()) else {})
        events.append(ev("group.formed", formed, group=g, members=ms, **officers))
    committee = [f"C{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    for c in committee:
        events.append(ev("committee.appointed", formed, member=c))
        mine = some(reps, 1)
        events.append(ev("committee.assigned", formed, member=c, reps=mine, groups=some(groups)))

    town = Town(events, start, start, end)
    for r in some(reps, 1):
        people = [f"P{r[1:]}{k}" for k in range(draw(st.integers(1, 4)))]
        town.contacts[r] = people
        contacts = [{"person": p, "kind": draw(st.sampled_from(CONTACT_KINDS))} for p in people]
        events.append(ev("contact.assigned", day(start, formed), rep=r, contacts=contacts))

    # disqualifications, then by-elections into the same groups
    seated = dict.fromkeys(reps, start)  # rep -> the day the seat was taken
    for k in range(draw(st.integers(0, 3))):
        if len(seated) <= 3:
            break
        gone = draw(st.sampled_from(sorted(seated)))
        lost = day(max(formed, seated.pop(gone)) + timedelta(days=1))
        events.append(ev("rep.disqualified", lost, rep=gone, reason="membership_transferred"))
        if draw(st.booleans()):
            newcomer = f"R{90 + k}"
            joined = day(lost)
            events.append(ev("rep.elected", joined, rep=newcomer))
            g = next(g for g in groups if gone in members[g])
            events.append(ev("group.changed", joined, group=g, add=[newcomer], remove=[gone]))
            members[g] = [m for m in members[g] if m != gone] + [newcomer]
            seated[newcomer] = joined
    everyone = sorted({e["rep"] for e in events if e["type"] == "rep.elected"})

    # activities
    for _ in range(draw(st.integers(0, 40))):
        what = draw(st.sampled_from(["study", "study", "training", "visit", "visit", "cvisit", "rating"]))
        when = day(formed)
        if what == "study":
            g = draw(st.sampled_from(groups))
            came = some(members[g])
            rest = [m for m in members[g] if m not in came]
            events.append(
                ev(
                    "study.session",
                    when,
                    group=g,
                    attendees=came,
                    excused=some(rest),
                    days=draw(st.sampled_from([0.5, 1, 2])),
                )
            )
        elif what == "training":
            events.append(
                ev("training.held", when, participants=some(everyone, 1), days=draw(st.integers(1, 5)))
            )
        elif what == "visit" and town.contacts:
            r = draw(st.sampled_from(sorted(town.contacts)))
            events.append(ev("contact.visit", when, rep=r, person=draw(st.sampled_from(town.contacts[r]))))
        elif what == "cvisit":
            target = (
                {"rep": draw(st.sampled_from(everyone))}
                if draw(st.booleans())
                else {"group": draw(st.sampled_from(groups))}
            )
            events.append(ev("committee.visit", when, member=draw(st.sampled_from(committee)), **target))
        elif what == "rating":
            events.append(
                ev(
                    "rating.given",
                    when,
                    person=draw(st.sampled_from(everyone)),
                    year=when.year,
                    rating=draw(st.sampled_from(RATINGS)),
                )
            )

    # meetings, each with its agenda and votes
    for m in range(draw(st.integers(0, 3))):
        meeting = f"M{m + 1}"
        held = day(formed + timedelta(days=10))
        present = some(everyone, 1)
        attendance = {"attendees": present} if draw(st.booleans()) else {"present": len(present)}
        events.append(
            ev(
                "meeting.held",
                held,
                meeting=meeting,
                kind=draw(st.sampled_from(["annual", "group"])),
                convened_by="committee",
                chaired_by=draw(st.sampled_from(["committee", "presidium"])),
                **attendance,
            )
        )
        for i in range(draw(st.integers(0, 3))):
            item = f"{meeting}-I{i + 1}"
            by = draw(st.sampled_from(["committee", "group", "reps"]))
            extra: Ev = {}
            if by == "group":
                extra["groups"] = some(groups, 1)
            elif by == "reps":
                extra["proposers"] = some(everyone, 1)
            proposed = held - timedelta(days=draw(st.integers(0, 30)))
            ad_hoc = proposed == held and draw(st.booleans())
            events.append(
                ev("agenda.proposed", proposed, meeting=meeting, item=item, by=by, ad_hoc=ad_hoc, **extra)
            )
            events.append(
                ev("agenda.decided", proposed, meeting=meeting, item=item, listed=draw(st.booleans()))
            )
            if draw(st.booleans()):
                yes = draw(st.integers(0, len(present)))
                no = draw(st.integers(0, len(present) - yes))
                events.append(
                    ev(
                        "vote.held",
                        held,
                        meeting=meeting,
                        item=item,
                        matter=draw(st.sampled_from(["election", "personnel", "other"])),
                        method=draw(st.sampled_from(["secret", "hands"])),
                        yes=yes,
                        no=no,
                        abstain=len(present) - yes - no,
                        declared="passed" if yes * 2 > len(present) else "failed",
                    )
                )

    town.as_of = start + timedelta(days=draw(st.integers(0, span + 200)))
    return town


# ---- a check-many dataset (the layout docs/DASHBOARD.md gives), for the dashboard -------------------
#: town -> (shipped pack, its example log, the as-of date its README uses)
EXAMPLE_TOWNS: dict[str, tuple[str, str, str]] = {
    "宝应广洋湖镇": ("baoying", "guangyanghu-2009.jsonl", "2010-02-15"),
    "某区": ("district", "district-2011-2012.jsonl", "2012-12-31"),
    "果园乡": ("guoyuan", "guoyuan-2009-2010.jsonl", "2010-09-20"),
    "清溪乡": ("model-plan", "qingxi-2010-2012.jsonl", "2012-08-15"),
    "咸丰县": ("xianfeng", "xianfeng-2011.jsonl", "2011-12-31"),
    "港西镇": ("zhangjiagang", "gangxi-2007-2008.jsonl", "2008-12-15"),
}


def write_dataset(folder: Path, towns: Mapping[str, tuple[str, str, str]] | None = None) -> Path:
    """``folder`` as check-many leaves it: ``towns.jsonl`` and ``findings/town=<town>/findings.jsonl``,
    each town checked here (by default the shipped examples); a town whose log is missing is an
    ``error`` line."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, (pack_name, log_name, as_of) in sorted((towns or EXAMPLE_TOWNS).items()):
        pack_dir = ROOT / "policies" / pack_name
        log = pack_dir / "examples" / log_name
        line: dict[str, Any] = {"town": name, "pack": str(pack_dir), "log": str(log), "as_of": as_of}
        if not log.exists():
            error = {"message": "no such event log", "file": str(log), "line": None, "field": None}
            counts = dict.fromkeys(("violation", "warning", "pending", "info"), 0)
            lines.append(line | {"status": "error", "events": None, "counts": counts, "error": error})
            continue
        report = evaluate(load_pack(str(pack_dir)), read_events(str(log)), date.fromisoformat(as_of))
        out = folder / "findings" / f"town={name}"
        out.mkdir(parents=True, exist_ok=True)
        with (out / "findings.jsonl").open("w", encoding="utf-8") as handle:
            for f in report.to_json()["findings"]:
                handle.write(json.dumps({"town": name, "as_of": as_of, **f}, ensure_ascii=False) + "\n")
        lines.append(
            line | {"status": "ok", "events": report.events, "counts": report.summary, "error": None}
        )
    (folder / "towns.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    return folder


# ---- bounded runs of the command line (the hostile corpora) -------------------------------------
@dataclass
class Outcome:
    """What one bounded run of the command line gave."""

    status: int
    out: str
    err: str
    seconds: float


class _Sink(io.BytesIO):
    """A byte buffer that keeps its bytes when its text wrapper is closed or collected."""

    def close(self) -> None:
        pass


def run_bounded(args: list[str], seconds: float, stdin: bytes = b"") -> Outcome:
    """``main(args)`` in this process, with ``stdin`` as standard input, under an alarm of
    ``seconds`` (an escaping exception fails the caller's test)."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"over {seconds} s")

    out, err = _Sink(), _Sink()
    saved = sys.stdin, sys.stdout, sys.stderr
    old = signal.signal(signal.SIGALRM, alarm)
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n", write_through=True)
        try:
            status = main(args)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 2
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        sys.stdin, sys.stdout, sys.stderr = saved
    took = time.perf_counter() - start
    return Outcome(status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"), took)


def same_log(a: EventLog, b: EventLog) -> None:
    """Two logs hold the same: every event (its repr: every field, the line too), by type, the days
    dropped and every packed column."""
    assert len(a) == len(b)
    assert list(map(repr, a.events)) == list(map(repr, b.events))  # every field, the line too
    assert {t: list(map(repr, evs)) for t, evs in a.by_type.items()} == {
        t: list(map(repr, evs)) for t, evs in b.by_type.items()
    }
    assert a.dropped == b.dropped
    assert a.packed.keys() == b.packed.keys()
    for t, p in a.packed.items():
        q = b.packed[t]
        assert list(p.ids) == list(q.ids)
        assert p.dates == q.dates
        assert p.lines == q.lines
        assert p.columns == q.columns


def county_log(folder: Path, seed: int, events: int = 6000) -> Path:
    """A town's log with every event type and field some rule reads (the county log of the
    benchmarks, ``changrenzhi.many.synthetic.Town(extended=True)``, smaller), written in ``folder``."""
    from changrenzhi.many.synthetic import Town as SyntheticTown

    town = SyntheticTown(events, seed, date(2011, 7, 1), extended=True)
    town.build()
    path = folder / "town.jsonl"
    town.write(path)
    return path


def allow_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Children may be forked (``changrenzhi.forking``) whatever the machine's CPUs and the test
    runner's threads."""
    from changrenzhi import forking

    monkeypatch.setattr(forking, "cpus", lambda: 8)
    monkeypatch.setattr(forking, "_alone", lambda: True)


@contextlib.contextmanager
def counted_forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Children may be forked (:func:`allow_forks`), the pid of each noted (every child goes through
    ``forking.fork_writing``); when the block ends, every one of them must have been waited for."""
    import os

    from changrenzhi import forking

    allow_forks(monkeypatch)
    pids: list[int] = []
    fork = forking.fork_writing

    def counted(child: Any) -> tuple[int, int]:
        pid, took = fork(child)
        pids.append(pid)
        return pid, took

    monkeypatch.setattr(forking, "fork_writing", counted)
    yield pids
    for pid in pids:  # every child waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
