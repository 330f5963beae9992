"""A difference of two packs as text or JSON, and its witness logs written out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..messages import plain
from ..probes import MAX_PROBE_EVENTS
from .model import MSG, PackDiff, verdict


# ---- rendering ------------------------------------------------------------------
def _value(v: Any) -> str:
    return "—" if v is None else plain(v)


def _verdict_text(findings: Sequence[Finding], lang: str) -> str:
    status = verdict(findings)
    if status is None:
        return MSG("none", lang)
    f = next(f for f in findings if f.status == status)
    return MSG("found", lang, status=MSG(f"status.{status}", lang), message=f.message(lang))


def render_text(d: PackDiff, lang: str = "zh") -> str:
    lines = [MSG("header", lang, old=d.old.id, new=d.new.id)]
    for s in d.settings:
        lines.append(MSG("setting", lang, path=s.path, old=_value(s.old), new=_value(s.new)))
    for r in d.rules:
        lines.append(
            MSG("rule", lang, label=MSG(f"label.{r.label}", lang), rule=r.id, kind=r.kind,
                change=MSG(f"change.{r.change}", lang))
        )  # fmt: skip
        for f in r.fields:
            if f.path == "id":
                lines.append(MSG("renamed", lang, old_id=f.old, new_id=f.new))
            else:
                lines.append(MSG("field", lang, path=f.path, old=_value(f.old), new=_value(f.new)))
        if r.moved is not None:
            key = "reordered" if r.change == "unchanged" else "moved_too"
            lines.append(MSG(key, lang, old_pos=r.moved[0], new_pos=r.moved[1]))
        if r.change == "changed" and r.label == "no_effect":
            lines.append(MSG("no_split", lang))
        if r.label == "unknown":
            if r.cut:
                lines.append(MSG("too_large", lang, events=MAX_PROBE_EVENTS))
            else:
                lines.append(MSG("no_builder", lang, kind=r.kind))
        for w in r.witnesses:
            p = w.probe
            lines.append(
                MSG("witness", lang, direction=MSG(f"label.{w.direction}", lang), probe=p.label,
                    events=len(p.events), as_of=p.as_of.isoformat(), subject=p.subject)
            )  # fmt: skip
            for side, pack, found in (("old", d.old, w.old), ("new", d.new, w.new)):
                lines.append(
                    MSG("verdict", lang, side=MSG(f"side.{side}", lang, pack=pack.id),
                        verdict=_verdict_text(found, lang))
                )  # fmt: skip
    if not d.rules and not d.settings:
        lines.append(MSG("nothing", lang))
    c = d.counts()
    effective = c["stricter"] + c["looser"] + c["different"] + c["unknown"]
    if lang == "en":
        said = f"{effective} rule differs" if effective == 1 else f"{effective} rules differ"
    else:
        said = str(effective)
    lines.append(MSG("summary", lang, effective=said, **c))
    return "\n".join(lines) + "\n"


def render_diff(d: PackDiff, fmt: str = "text", lang: str = "zh") -> str:
    if fmt == "json":
        return json.dumps(d.to_json(lang), ensure_ascii=False, indent=2) + "\n"
    return render_text(d, lang)


def write_witnesses(d: PackDiff, folder: Path, lang: str = "zh") -> list[Path]:
    """Each witness as ``NN-<rule id>-<direction>.jsonl`` under ``folder``, with a comment header."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    n = 0
    for r in d.rules:
        for w in r.witnesses:
            n += 1
            path = folder / f"{n:02d}-{r.id}-{w.direction}.jsonl"
            p = w.probe
            header = MSG(
                "file.header", lang, rule=r.id, kind=r.kind, direction=MSG(f"label.{w.direction}", lang),
                probe=p.label, old=d.old.id, new=d.new.id, old_verdict=_verdict_text(w.old, lang),
                new_verdict=_verdict_text(w.new, lang), as_of=p.as_of.isoformat(),
            )  # fmt: skip
            path.write_text(header + "\n" + "\n".join(p.lines()) + "\n", encoding="utf-8")
            written.append(path)
    return written
