"""Golden outputs of the command line: every shipped pack, example log and command, byte for byte.

The cases are listed in ``tests/data/golden/cases.json`` (name, arguments); each case's
stdout, stderr and exit status are stored in ``tests/data/golden/<name>.out``. The test
(:mod:`tests.acceptance.test_golden`) runs every case in-process and compares bytes.

    python tests/acceptance/golden.py cases    # write cases.json anew (as the list below says)
    python tests/acceptance/golden.py record   # write every case's output anew

Regenerate only when a change of output is intended, and say why in the commit.
Packs are named by their folder (``policies/guoyuan``), not by their shipped name, so that
the output does not depend on whether the package is installed in place or copied.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
CASES = GOLDEN / "cases.json"

# example log and the as-of date its pack's README uses
EXAMPLES: dict[str, tuple[str, str]] = {
    "baoying": ("guangyanghu-2009.jsonl", "2010-02-15"),
    "district": ("district-2011-2012.jsonl", "2012-12-31"),
    "guoyuan": ("guoyuan-2009-2010.jsonl", "2010-09-20"),
    "model-plan": ("qingxi-2010-2012.jsonl", "2012-08-15"),
    "xianfeng": ("xianfeng-2011.jsonl", "2011-12-31"),
    "zhangjiagang": ("gangxi-2007-2008.jsonl", "2008-12-15"),
}
EXTRA_DATES = ["2007-12-31", "2009-06-30", "2010-12-31", "2011-09-30", "2013-06-30"]
CHECK_FORMATS = ["text", "json", "sarif", "junit", "github"]
LINT_FORMATS = ["text", "json", "sarif", "junit", "github"]
COMPARE_FORMATS = ["text", "markdown", "csv", "json", "html"]


def pack_dir(name: str) -> str:
    return f"policies/{name}"


def log_of(name: str) -> str:
    return f"policies/{name}/examples/{EXAMPLES[name][0]}"


def build_cases() -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    packs = sorted(EXAMPLES)
    for pack in packs:
        p, log, as_of = pack_dir(pack), log_of(pack), EXAMPLES[pack][1]
        for fmt in CHECK_FORMATS:
            for lang in ("zh", "en") if fmt in ("text", "json") else ("zh",):
                out.append(
                    (
                        f"check-{pack}-{as_of}-{fmt}-{lang}",
                        ["check", p, log, "--as-of", as_of, "--format", fmt, "--lang", lang],
                    )
                )
        for d in EXTRA_DATES:
            out.append((f"check-{pack}-{d}-json", ["check", p, log, "--as-of", d, "--format", "json"]))
            if d in EXTRA_DATES[-2:]:
                out.append((f"check-{pack}-{d}-text", ["check", p, log, "--as-of", d]))
        for other in packs:
            if other != pack:
                o_as_of = EXAMPLES[other][1]
                out.append(
                    (
                        f"check-{pack}-on-{other}-json",
                        ["check", p, log_of(other), "--as-of", o_as_of, "--format", "json"],
                    )
                )
        for fmt in ("text", "json"):
            for lang in ("zh", "en"):
                out.append((f"rules-{pack}-{fmt}-{lang}", ["rules", p, "--format", fmt, "--lang", lang]))
                out.append(
                    (f"coverage-{pack}-{fmt}-{lang}", ["coverage", p, "--format", fmt, "--lang", lang])
                )
        for fmt in LINT_FORMATS:
            out.append((f"lint-{pack}-{fmt}", ["lint", p, "--format", fmt]))
        out.append(
            (f"lint-{pack}-source-text", ["lint", p, "--source", "tests/data/seeds", "--format", "text"])
        )
        for fmt in ("text", "json", "junit"):
            out.append((f"test-{pack}-{fmt}", ["test", p, "--format", fmt]))
        out.append((f"coverage-{pack}-junit", ["coverage", p, "--format", "junit"]))
    # the page for people: one example (each finding's trace is in it)
    p, as_of = pack_dir("guoyuan"), EXAMPLES["guoyuan"][1]
    for lang in ("zh", "en"):
        out.append(
            (
                f"check-guoyuan-{as_of}-html-{lang}",
                ["check", p, log_of("guoyuan"), "--as-of", as_of, "--format", "html", "--lang", lang],
            )
        )
    all_packs = [pack_dir(p) for p in packs]
    for fmt in COMPARE_FORMATS:
        for lang in ("zh", "en"):
            out.append(
                (f"compare-all-{fmt}-{lang}", ["compare", *all_packs, "--format", fmt, "--lang", lang])
            )
    out.append(
        (
            "compare-zjg-guoyuan-text-w80",
            ["compare", pack_dir("zhangjiagang"), pack_dir("guoyuan"), "--width", "80"],
        )
    )
    for a, b in (
        ("zhangjiagang", "guoyuan"),
        ("guoyuan", "baoying"),
        ("xianfeng", "district"),
        ("model-plan", "zhangjiagang"),
    ):
        for fmt in ("text", "json"):
            out.append((f"diff-{a}-{b}-{fmt}", ["diff", pack_dir(a), pack_dir(b), "--format", fmt]))
    diff_dir = "tests/data/packs/diff"
    for fmt in ("text", "json"):
        for lang in ("zh", "en"):
            out.append(
                (
                    f"diff-zjg-revised-{fmt}-{lang}",
                    [
                        "diff",
                        f"{diff_dir}/zjg-base",
                        f"{diff_dir}/zjg-revised",
                        "--format",
                        fmt,
                        "--lang",
                        lang,
                    ],
                )
            )
    for case in sorted(p.name for p in (ROOT / "tests/data/lint").iterdir()):
        for fmt in ("text", "json"):
            out.append((f"lint-case-{case}-{fmt}", ["lint", f"tests/data/lint/{case}", "--format", fmt]))
    for case in sorted(p.name for p in (ROOT / "tests/data/packs/extends").iterdir()):
        args = ["rules", f"tests/data/packs/extends/{case}", "--format", "json"]
        if case == "grandchild":  # it extends its sibling ../zjg-draft: their common folder is its tree
            args += ["--pack-root", "tests/data/packs/extends"]
        out.append((f"rules-extends-{case}-json", args))
    out.append(("schema", ["schema"]))
    out.append(("schema-events", ["schema", "events"]))
    # explain: the first, a middle and the last finding of each pack's own example
    for pack in packs:
        p, log, as_of = pack_dir(pack), log_of(pack), EXAMPLES[pack][1]
        _, stdout, _ = run(["check", p, log, "--as-of", as_of, "--format", "json"])
        findings = json.loads(stdout)["findings"]
        picks = sorted({0, len(findings) // 2, len(findings) - 1}) if findings else []
        for i in picks:
            fid = findings[i]["id"]
            for fmt in ("text", "json"):
                out.append(
                    (
                        f"explain-{pack}-{i}-{fmt}",
                        ["explain", p, log, "--as-of", as_of, "--finding", fid, "--format", fmt],
                    )
                )
    # errors: a bad log, a bad pack, a bad date, an unknown finding
    for case in sorted(p.name for p in (ROOT / "tests/data/logs/invalid").glob("*.jsonl")):
        out.append(
            (
                f"error-log-{case}",
                ["check", pack_dir("guoyuan"), f"tests/data/logs/invalid/{case}", "--as-of", "2010-12-31"],
            )
        )
    for case in sorted(p.name for p in (ROOT / "tests/data/packs/invalid").iterdir()):
        out.append((f"error-pack-{case}", ["rules", f"tests/data/packs/invalid/{case}"]))
    out.append(("error-date", ["check", pack_dir("guoyuan"), log_of("guoyuan"), "--as-of", "2010-02-30"]))
    out.append(
        (
            "error-finding",
            [
                "explain",
                pack_dir("guoyuan"),
                log_of("guoyuan"),
                "--as-of",
                "2010-09-20",
                "--finding",
                "ffffffff",
            ],
        )
    )
    return out


class _Sink(io.BytesIO):
    """A byte buffer that keeps its bytes when its text wrapper is closed or collected."""

    def close(self) -> None:
        pass


def run(args: list[str]) -> tuple[int, bytes, bytes]:
    """Run the command line in this process, from the repository root; (status, stdout, stderr)."""
    from changrenzhi.cli import main

    cwd = Path.cwd()
    old = sys.stdout, sys.stderr
    out, err = _Sink(), _Sink()
    os.chdir(ROOT)
    try:
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n", write_through=True)
        try:
            status = main(args)
        except SystemExit as exc:  # argparse
            status = int(exc.code or 0)
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue(), err.getvalue()
    finally:
        sys.stdout, sys.stderr = old
        os.chdir(cwd)


def normalised(data: bytes) -> bytes:
    """The output with this checkout's path as ``<root>``; a shipped pack read from an installed
    copy (``site-packages/changrenzhi/_policies``, as CI installs it) reads as the checkout's."""
    import changrenzhi

    installed = Path(changrenzhi.__file__).resolve().parent / "_policies"
    return data.replace(str(installed).encode(), str(ROOT / "policies").encode()).replace(
        str(ROOT).encode(), b"<root>"
    )


def render(args: list[str]) -> bytes:
    status, stdout, stderr = run(args)
    return (
        b"$ changrenzhi "
        + " ".join(args).encode()
        + f"\nexit {status}\n--- stderr\n".encode()
        + normalised(stderr)
        + b"--- stdout\n"
        + normalised(stdout)
    )


def load_cases() -> list[tuple[str, list[str]]]:
    return [(c["name"], c["args"]) for c in json.loads(CASES.read_text(encoding="utf-8"))]


def main(argv: list[str]) -> int:
    if argv == ["cases"]:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        cases = build_cases()
        names = [n for n, _ in cases]
        if len(set(names)) != len(names):
            raise SystemExit("duplicate case names")
        CASES.write_text(
            json.dumps([{"name": n, "args": a} for n, a in cases], ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        print(f"{len(cases)} cases in {CASES}")
        return 0
    if argv == ["record"]:
        cases = load_cases()
        for name, args in cases:
            (GOLDEN / f"{name}.out").write_bytes(render(args))
        print(f"{len(cases)} outputs recorded in {GOLDEN}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
