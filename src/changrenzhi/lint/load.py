"""What the loader finds, in lint's words: every issue of :func:`~changrenzhi.pack.build.check_pack`
that lint has a code for becomes that code's problem (CRZ001-CRZ008, CRZ120); whatever else the
loader refuses is CRZ009, unless a problem at the same place says it already.

Lint reads and checks a pack with the loader itself (:mod:`changrenzhi.pack`): the YAML as
``parse_pack_bytes`` and ``load_yaml`` read it, a plain pack with ``check_pack(..., collect=True)``
(every problem, not only the first broken layer), a pack that ``extends:`` another with
``compose_pack`` (whose problems are all CRZ009).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Set

from ..errors import PackError, Problem
from ..pack.issues import MISSING, UNKNOWN, Issue
from .model import LintProblem, Loc, Recorder, Sub

__all__ = ["name_issues", "refused", "unreadable"]

#: the loader's checks whose issues are a parameter of a rule (see :func:`name_issues`)
_PARAMS = frozenset({"params", "dated"})


def unreadable(rec: Recorder, exc: PackError) -> None:
    """The file cannot be read as YAML (CRZ001)."""
    for pr in exc.problems:
        rec.problems.append(
            LintProblem("CRZ001", rec.file, pr.line, pr.field, "yaml", {"detail": pr.message})
        )


def name_issues(rec: Recorder, issues: Iterable[Issue], flagged: Set[Loc]) -> list[Problem]:
    """Record each issue lint has a code for; return the others, located, for :func:`refused`.

    A rule's parameter that a range check flagged (``flagged``: :func:`~.checks.ranges`) is named
    there already, and so is the check of the rule's whole params when any of its values is."""
    rules_flagged = {loc[:3] for loc in flagged}
    rest: list[Problem] = []
    for issue in issues:
        if (issue.check in _PARAMS and (issue.loc in flagged or issue.loc in rules_flagged)) or not _name(
            rec, issue
        ):
            rest.append(issue.problem(rec.file, rec.lines))
    return rest


def _name(rec: Recorder, issue: Issue) -> bool:
    """Record the issue under lint's code for it; False when lint has none."""
    loc, facts = issue.loc, issue.facts
    if issue.check == "shape":
        rec.add("CRZ002", loc, "schema", on_line=issue.line, detail=issue.message)
    elif issue.check == "schema" and issue.error_type == MISSING:
        if loc and loc[-1] == "citation":
            rec.add("CRZ120", loc, "no-citation")
        else:
            rec.add("CRZ003", loc, "required")
    elif issue.check == "schema":
        rec.add("CRZ002", loc, "schema", detail=issue.message)
    elif issue.check == "rule-id":
        first = rec.line(("rules", facts["first"], "id"))
        rec.add("CRZ006", loc, "duplicate-id", id=facts["id"], first=first)
    elif issue.check == "citation" and loc[-1] == "source":
        rec.add("CRZ007", loc, "citation-source", source=facts["source"], known=facts["known"])
    elif issue.check == "citation":
        rec.add("CRZ008", loc, "citation-range", **facts)
    elif issue.check == "kind":
        hint = Sub("hint", {"name": facts["suggestion"]}) if facts["suggestion"] else ""
        rec.add("CRZ004", loc, "unknown-kind", kind=facts["kind"], hint=hint)
    elif issue.check == "params" and issue.error_type == MISSING:
        rec.add("CRZ003", loc, "required")
    elif issue.check in _PARAMS:
        detail = "unknown parameter" if issue.error_type == UNKNOWN else issue.message
        rec.add("CRZ005", loc, "params", kind=facts["kind"], detail=detail)
    else:
        return False
    return True


def refused(rec: Recorder, problems: Iterable[Problem]) -> None:
    """What the loader refuses and no problem recorded so far names (so lint never passes a pack
    that ``check`` refuses), as CRZ009: a problem is named when one recorded is on its line (for a
    problem without a field) or at its field, or around it, or inside it (as paths: ``rules[1].params``
    is around ``rules[1].params.min``, not around ``rules[1].params_x``)."""
    seen = {(p.file, p.line) for p in rec.problems}
    named: dict[str, set[str]] = {}
    for p in rec.problems:
        if p.field:
            named.setdefault(p.file, set()).add(p.field)
    ordered = {file: sorted(fields) for file, fields in named.items()}
    for pr in problems:
        if pr.field is None and (pr.file, pr.line) in seen:
            continue
        if pr.field is not None and _named(pr.field, named.get(pr.file, set()), ordered.get(pr.file, [])):
            continue
        rec.problems.append(
            LintProblem("CRZ009", pr.file, pr.line, pr.field, "loader", {"detail": pr.message})
        )


def _named(field: str, fields: Set[str], ordered: list[str]) -> bool:
    """Whether ``field``, a field around it (``rules[2]`` for ``rules[2].params.min``) or one inside
    it is among ``fields`` (``ordered``: the same, sorted)."""
    ends = [n for n, ch in enumerate(field) if ch in ".["]
    if any(field[:n] in fields for n in (*ends, len(field))):
        return True
    for inside in (field + ".", field + "["):
        at = bisect.bisect_left(ordered, inside)
        if at < len(ordered) and ordered[at].startswith(inside):
            return True
    return False
