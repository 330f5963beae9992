"""Late is not done (issue 10): what happens after a closed period's deadline never mends that
period's violation; and a joint proposal split into several never creates a must-list duty."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import event, given
from hypothesis import strategies as st

from changrenzhi import Finding, Report, evaluate
from support import Ev, Town, is_roster, make_pack, run, shipped_pack, towns

#: the shipped packs whose rules have deadlines the generated towns reach
PACKS = ("baoying", "district", "guoyuan", "model-plan", "xianfeng", "zhangjiagang")


def _closed_violations(report: Report, as_of: date) -> list[Finding]:
    return [
        f
        for f in report.findings
        if f.status == "violation" and f.period is not None and f.period.end < as_of
    ]


def _done(f: Finding, day: date, n: int) -> list[Ev]:
    """Events dated ``day`` that would have met the duty ``f`` says is broken, had they come in time."""
    when = day.isoformat()
    base: Ev = {"id": f"late-{n}", "date": when}
    if f.kind == "appraisal" and "year" in f.args and f.message_key in ("missing", "late"):
        return [
            base
            | {"type": "rating.given", "person": f.subject, "year": f.args["year"], "rating": "competent"}
        ]
    if f.kind == "appraisal" and f.message_key in ("no_round", "round_late"):
        return [base | {"type": "appraisal.held", "year": f.args["year"]}]
    if f.kind == "contact_frequency" and "person" in f.args:
        return [base | {"type": "contact.visit", "rep": f.subject, "person": f.args["person"]}]
    if f.kind == "study_frequency":
        return [base | {"type": "study.session", "group": f.subject, "attendees": [], "days": 0.5}]
    if f.kind in ("rep_report", "rep_minimum"):
        return [base | {"type": "rep.reported", "rep": f.subject, "to": "unit"}]
    return []


def _on_or_after(data: st.DataObject, day: date, last: date) -> date:
    return day + timedelta(days=data.draw(st.integers(0, (last - day).days)))


@given(towns(), st.data())
def test_events_after_a_closed_deadline_never_remove_its_violation(town: Town, data: st.DataObject) -> None:
    """Pick a day; add, dated on or after it (and by as_of), the events that would have met in time the
    violations of periods closed before it, and copies of any of the town's activities: every one of
    those violations stays a violation, under the same id (done late is not done)."""
    plain = town.log()
    # a rating is not a duty done late but a re-appraisal: the rating given last for a year replaces
    # the earlier ones (study_absence_penalty judges the rating in force), so copies leave them out
    activities = [e for e in town.events if not is_roster(e) and e["type"] != "rating.given"]
    for name in PACKS:
        pack = shipped_pack(name)
        before = evaluate(pack, plain, town.as_of)
        broken = _closed_violations(before, town.as_of)
        if not broken:
            continue
        first_end = min(f.period.end for f in broken if f.period is not None)
        cutoff = first_end + timedelta(days=data.draw(st.integers(1, (town.as_of - first_end).days)))
        judged = [f for f in broken if f.period is not None and f.period.end < cutoff]

        added: list[Ev] = []
        for n, f in enumerate(data.draw(st.lists(st.sampled_from(judged), max_size=5, unique_by=id))):
            made = _done(f, _on_or_after(data, cutoff, town.as_of), n)
            if made:
                event(f"done late: {f.kind}")
            added += made
        if activities:
            for i, e in enumerate(data.draw(st.lists(st.sampled_from(activities), max_size=8))):
                added.append(
                    {**e, "id": f"copy-{i}", "date": _on_or_after(data, cutoff, town.as_of).isoformat()}
                )
        after = evaluate(pack, town.log([*town.events, *added]), town.as_of)
        now = {after.id_of(f): f.status for f in after.findings}
        rerated = {(e["person"], e["year"]) for e in added if e["type"] == "rating.given"}
        for f in judged:
            if "rating_event" in f.args and (f.subject, f.args.get("appraisal_year")) in rerated:
                continue  # the late appraisal's rating replaced the one this finding names
            fid = before.id_of(f)
            assert now.get(fid) == "violation", (name, fid, f.to_json(), added)


# ---- a joint proposal is one proposal ---------------------------------------------
def _params(joint: str) -> dict[str, object]:
    return {"must_list": {"reps_min": 4, "groups_min": 2, "joint": joint}, "meeting_kinds": ["annual"]}


REPS = [f"R{i:02d}" for i in range(1, 13)]
GROUPS = ["G1", "G2", "G3", "G4"]


def _town() -> list[Ev]:
    events: list[Ev] = [
        {"id": "congress", "type": "congress.opened", "date": "2010-12-01", "term_years": 5},
        *({"id": f"elect-{r}", "type": "rep.elected", "date": "2010-12-01", "rep": r} for r in REPS),
    ]
    for i, g in enumerate(GROUPS):
        events.append(
            {
                "id": f"form-{g}",
                "type": "group.formed",
                "date": "2010-12-01",
                "group": g,
                "members": REPS[i::4],
            }
        )
    return events


def _must_list_findings(report: Report) -> set[str]:
    return {f.id for f in report.findings if f.message_key in ("not_listed", "undecided", "listed_late")}


@st.composite
def _split(draw: st.DrawFn, names: list[str]) -> list[list[str]]:
    """``names`` cut into two or more non-empty parts, in some order."""
    order = draw(st.permutations(names))
    cuts = sorted(draw(st.sets(st.integers(1, len(order) - 1), min_size=1)))
    bounds = [0, *cuts, len(order)]
    return [list(order[a:b]) for a, b in itertools.pairwise(bounds)]


@given(st.data())
def test_splitting_a_joint_proposal_never_creates_a_must_list_duty(data: st.DataObject) -> None:
    by = data.draw(st.sampled_from(["group", "reps"]))
    pool = GROUPS if by == "group" else REPS
    joint = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=len(pool), unique=True))
    field = "groups" if by == "group" else "proposers"
    listed = data.draw(st.sampled_from([None, True, False]))
    meeting: Ev = {
        "id": "held-M1",
        "type": "meeting.held",
        "date": "2011-06-15",
        "meeting": "M1",
        "kind": "annual",
        "present": 12,
    }

    def log(parts: list[list[str]]) -> list[Ev]:
        out = _town()
        for i, part in enumerate(parts):
            day = date(2011, 5, 1) + timedelta(days=data.draw(st.integers(0, 30), label=f"day {i}"))
            out.append(
                {"id": f"p{i}", "type": "agenda.proposed", "date": day.isoformat(), "meeting": "M1",
                 "item": "I1", "by": by, field: part}
            )  # fmt: skip
        if listed is not None:
            out.append(
                {
                    "id": "d1",
                    "type": "agenda.decided",
                    "date": "2011-06-05",
                    "meeting": "M1",
                    "item": "I1",
                    "listed": listed,
                }
            )
        return [*out, meeting]

    pack = make_pack({"kind": "agenda_threshold", "params": _params("one_proposal")})
    whole = _must_list_findings(run(pack, log([joint]), "2011-12-31"))
    parts = data.draw(_split(joint))
    split = _must_list_findings(run(pack, log(parts), "2011-12-31"))
    event(f"joint proposal owes a listing: {bool(whole)}")
    assert split <= whole, (joint, parts)
    # and under the other reading, the proposals are added up: splitting changes nothing
    combined = make_pack({"kind": "agenda_threshold", "params": _params("combined")})
    assert _must_list_findings(run(combined, log(parts), "2011-12-31")) == _must_list_findings(
        run(combined, log([joint]), "2011-12-31")
    )
