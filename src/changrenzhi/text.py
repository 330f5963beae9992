"""Text in two languages, and text on a terminal: how many columns it takes, and lines to fit.

:data:`Text` is a phrase in Chinese and English, ``(zh, en)``; :func:`pick` chooses one.
A terminal gives wide (East Asian) characters two columns and a combining mark none; every
table the package draws in text measures with :func:`text_width`.
"""

from __future__ import annotations

import unicodedata

__all__ = ["Text", "char_width", "clip", "pad", "pick", "text_width", "wrap"]

Text = tuple[str, str]  # (Chinese, English)


def pick(text: Text, lang: str) -> str:
    """The English of ``text`` when ``lang`` is ``en``, else the Chinese."""
    return text[1] if lang == "en" else text[0]


def char_width(ch: str) -> int:
    """Columns one character takes: 0 for a combining mark, 2 for a wide or full-width one, else 1."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(s: str) -> int:
    """Columns ``s`` takes in a terminal: wide (CJK) characters count two, combining marks none."""
    return sum(char_width(ch) for ch in s)


def pad(s: str, width: int) -> str:
    """``s`` followed by spaces up to ``width`` columns."""
    return s + " " * max(0, width - text_width(s))


def _tokens(s: str, breaks: str = "") -> list[str]:
    """Words to wrap at: runs of narrow non-space characters (ending after any of ``breaks``),
    single wide characters, single spaces."""
    out: list[str] = []
    word = ""
    for ch in s:
        if ch == " " or char_width(ch) == 2:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch in breaks:
            out.append(word + ch)
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(s: str, width: int, breaks: str = "") -> list[str]:
    """Wrap ``s`` to lines of at most ``width`` columns (at spaces, between wide characters, or
    after any character of ``breaks``)."""
    width = max(width, 2)
    lines: list[str] = []
    for para in s.split("\n"):
        line, used = "", 0
        for tok in _tokens(para, breaks):
            w = text_width(tok)
            if tok == " " and not line:
                continue
            if used + w <= width:
                line, used = line + tok, used + w
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0
            if tok == " ":
                continue
            rest = tok
            while w > width:  # a word longer than a line: cut it
                cut, cw = "", 0
                for ch in rest:
                    if cw + char_width(ch) > width:
                        break
                    cut, cw = cut + ch, cw + char_width(ch)
                lines.append(cut)
                rest = rest[len(cut) :]
                w = text_width(rest)
            line, used = rest, w
        lines.append(line.rstrip())
    return lines


def clip(lines: list[str], n: int, width: int) -> list[str]:
    """At most ``n`` lines; the last one ends with … when some were cut."""
    if len(lines) <= n:
        return lines
    last = lines[n - 1]
    while last and text_width(last) + 1 > width:
        last = last[:-1]
    return [*lines[: n - 1], last + "…"]
