"""The JUnit XML document the ``junit`` format writes: suites of test cases, each passed, failed,
skipped or in error (:mod:`.formats` decides which)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Case", "junit_xml"]


@dataclass(frozen=True, slots=True)
class Case:
    """One JUnit test case: passed, failed (``failure``), skipped (``skipped``: why it did not
    run) or in error (``error``); ``details`` go in the failure, error or ``system-out``."""

    classname: str
    name: str
    failure: str | None = None
    details: str = ""
    skipped: str | None = None
    error: str | None = None


#: what XML 1.0 cannot hold, not even escaped: most control characters, lone surrogates, U+FFFE, U+FFFF
#: (compiled when first used: the class of every other character costs a command's start-up 5 ms)
_NOT_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def _xml_text(text: str) -> str:
    """``text`` with each character XML cannot hold written as ``\\uXXXX`` (a free-text field of a log
    may hold one: ids may not)."""
    return re.sub(_NOT_XML, lambda m: f"\\u{ord(m.group()):04x}", text)


def junit_xml(suites: Iterable[tuple[str, list[Case], dict[str, str]]]) -> str:
    """Suites of (name, cases, properties)."""
    from xml.sax.saxutils import escape as _escape
    from xml.sax.saxutils import quoteattr as _quoteattr

    def escape(text: str) -> str:
        return _escape(_xml_text(text))

    def quoteattr(text: str) -> str:
        return _quoteattr(_xml_text(text))

    body: list[str] = []
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite, cases, props in suites:
        mine = {
            "tests": len(cases),
            "failures": sum(c.failure is not None for c in cases),
            "errors": sum(c.error is not None for c in cases),
            "skipped": sum(c.skipped is not None for c in cases),
        }
        for k, n in mine.items():
            counts[k] += n
        body.append(f"  <testsuite name={quoteattr(suite)}{_counts(mine)}>")
        if props:
            body.append("    <properties>")
            body += [f"      <property name={quoteattr(k)} value={quoteattr(v)}/>" for k, v in props.items()]
            body.append("    </properties>")
        for c in cases:
            head = f"    <testcase classname={quoteattr(c.classname)} name={quoteattr(c.name)}"
            if c.failure is None and c.error is None and c.skipped is None and not c.details:
                body.append(head + "/>")
                continue
            body.append(head + ">")
            if c.failure is not None:
                body.append(f"      <failure message={quoteattr(c.failure)}>{escape(c.details)}</failure>")
            elif c.error is not None:
                body.append(f"      <error message={quoteattr(c.error)}>{escape(c.details)}</error>")
            else:
                if c.skipped is not None:
                    body.append(f"      <skipped message={quoteattr(c.skipped)}/>")
                if c.details:
                    body.append(f"      <system-out>{escape(c.details)}</system-out>")
            body.append("    </testcase>")
        body.append("  </testsuite>")
    top = ['<?xml version="1.0" encoding="UTF-8"?>', f'<testsuites name="changrenzhi"{_counts(counts)}>']
    return "\n".join([*top, *body, "</testsuites>"]) + "\n"


def _counts(counts: dict[str, int]) -> str:
    """``tests="3" failures="1" errors="0"``, and ``skipped`` when some are."""
    shown_counts = [f' {k}="{n}"' for k, n in counts.items() if k != "skipped" or n]
    return "".join(shown_counts)
