"""Record, then compare, ``check --format json`` outputs: a guard for performance work.

    python benchmarks/golden.py record benchmarks/out/golden-before
    ... optimise ...
    python benchmarks/golden.py record benchmarks/out/golden-after
    python benchmarks/golden.py compare benchmarks/out/golden-before benchmarks/out/golden-after

The cases: every shipped pack on every shipped example log (as of each example's
README date, so packs also meet logs written for other packs), on its own example
as of a few more dates, and on ``benchmarks/out/county-200k.jsonl`` as of
2016-06-30 and 2014-03-31 (in Chinese and, for the first date, English). Each
case stores stdout, stderr and the exit status; ``compare`` is a byte comparison.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POLICIES = ROOT / "policies"
BIG = HERE / "out" / "county-200k.jsonl"

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


def cases() -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for pack in EXAMPLES:
        for owner, (log, as_of) in EXAMPLES.items():
            path = POLICIES / owner / "examples" / log
            out.append((f"{pack}__{owner}__{as_of}", [pack, str(path), "--as-of", as_of]))
        log = POLICIES / pack / "examples" / EXAMPLES[pack][0]
        for as_of in EXTRA_DATES:
            out.append((f"{pack}__own__{as_of}", [pack, str(log), "--as-of", as_of]))
        if BIG.is_file():
            for as_of, lang in (("2016-06-30", "zh"), ("2016-06-30", "en"), ("2014-03-31", "zh")):
                args = [pack, str(BIG), "--as-of", as_of, "--lang", lang]
                out.append((f"{pack}__200k__{as_of}__{lang}", args))
    return out


def run_case(folder: Path, name: str, args: list[str]) -> None:
    cmd = [sys.executable, "-m", "changrenzhi", "check", *args, "--format", "json"]
    proc = subprocess.run(cmd, capture_output=True, cwd=ROOT, check=False)
    (folder / f"{name}.json").write_bytes(proc.stdout)
    (folder / f"{name}.err").write_bytes(proc.stderr + f"\nexit {proc.returncode}\n".encode())


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "record":
        folder = Path(argv[1])
        folder.mkdir(parents=True, exist_ok=True)
        todo = cases()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda c: run_case(folder, *c), todo))
        print(f"{len(todo)} cases recorded in {folder}")
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        a, b = Path(argv[1]), Path(argv[2])
        names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
        bad = [n for n in names if not (a / n).is_file() or not (b / n).is_file()]
        bad += [n for n in names if n not in bad and (a / n).read_bytes() != (b / n).read_bytes()]
        for n in bad:
            print(f"DIFFERS: {n}")
        print(f"{len(names)} files compared, {len(bad)} differ")
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
