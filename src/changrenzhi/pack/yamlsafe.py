"""Safe, bounded YAML loading that remembers where every value came from.

Packs are untrusted input (a draft regulation arrives in a pull request), so:
only the safe constructor is used for scalars, and no tag may be written at all
(``!!binary``, ``!!python/...``, ``!!timestamp``, ``!!str``, ``!``: a value is what
its plain spelling says); documents, depth and the number of nodes *after alias
expansion* are bounded, in values and in characters (a "billion laughs" file
fails fast instead of exhausting memory, and no output grows far past its file);
duplicate keys and keys longer than 200 characters are errors; text holds no
control character (but tab and line feed), no lone surrogate and no
bidirectional or invisible formatting character, so that nothing a pack says can
garble a terminal, a JSON or an XML report; and every value's path is mapped to
its line so that validation errors can name ``file:line``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from ..errors import PackError, Problem
from ..periods import impossible_date

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANSION",
    "MAX_KEY",
    "MAX_NODES",
    "ODD",
    "LineMap",
    "Path",
    "char_name",
    "format_path",
    "load_yaml",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 48
#: values after alias expansion (the largest shipped pack has about 1,300); the composer stops at
#: as many nodes written, so that reading a file full of tiny values is bounded work too
MAX_NODES = 100_000
#: how much larger than its file a document may grow through aliases (its values' characters)
MAX_EXPANSION = 4
#: the longest key of a mapping (a field's name, a code of ``labels:``), in characters
MAX_KEY = 200

Path = tuple[str | int, ...]
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
#: characters no text of a pack may hold: C0 and C1 controls but tab and line feed, lone
#: surrogates, bidirectional formatting (Trojan Source), line and paragraph separators, the
#: byte order mark inside text, and the noncharacters U+FFFE and U+FFFF
ODD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)


class LineMap:
    """Maps a value's path (``("rules", 3, "params", "min")``) to its 1-based line."""

    def __init__(self) -> None:
        self._lines: dict[Path, int] = {}

    def set(self, path: Path, line: int) -> None:
        self._lines.setdefault(path, line)

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while True:
            found = self._lines.get(probe)
            if found is not None:
                return found
            if not probe:
                return None
            probe = probe[:-1]


def format_path(path: Path) -> str:
    """``("rules", 3, "params", "min")`` -> ``rules[3].params.min``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _Bounded:
    """The safe loader's composer, bounded in depth (it recurses once per level, so a deeply
    nested flow collection would otherwise end in a ``RecursionError``) and in nodes."""

    file: str
    depth: int
    #: the nodes written with a tag (by ``id``: the tree keeps them alive), and the tag
    tagged: dict[int, str]
    #: the nodes composed so far (an alias composes none)
    composed: int

    def _bound(self, file: str) -> None:
        self.file = file
        self.depth = 0
        self.tagged = {}
        self.composed = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            event = self.peek_event()  # type: ignore[attr-defined]
            if self.depth > MAX_DEPTH + 1:
                line = event.start_mark.line + 1
                raise PackError([Problem(self.file, line, None, f"nesting deeper than {MAX_DEPTH} levels")])
            if not isinstance(event, yaml.AliasEvent):
                self.composed += 1
                if self.composed > MAX_NODES:
                    line = event.start_mark.line + 1
                    message = f"document too large: more than {MAX_NODES} values"
                    raise PackError([Problem(self.file, line, None, message)])
            tag = getattr(event, "tag", None)  # an alias has none: its anchor's node was seen
            node: yaml.Node | None = super().compose_node(parent, index)  # type: ignore[misc]
            if tag is not None and node is not None:
                self.tagged[id(node)] = tag
            return node
        finally:
            self.depth -= 1


class _Loader(_Bounded, yaml.SafeLoader):
    """The pure-Python safe loader, bounded. Every message about a file comes from it."""

    def __init__(self, text: str, file: str) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._bound(file)

    def save_possible_simple_key(self) -> None:
        """The scanner's note that the next token may start a ``key:``, kept only where it can matter.

        PyYAML keeps one note per open flow level and re-checks them all at every token while it
        reads up to 1024 characters ahead on the line, which makes ``[[[[...`` quadratic. The
        composer refuses a node nested deeper than ``MAX_DEPTH + 1``, so it never reads a token
        inside flow level ``MAX_DEPTH + 2`` or deeper, and a note there cannot change what it
        reads; the bound of ``2 * MAX_DEPTH`` stays well clear of that."""
        if self.flow_level <= 2 * MAX_DEPTH:
            super().save_possible_simple_key()


_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)  # libyaml's, if PyYAML has it

if _CParser is not None:

    class _CLoader(
        _Bounded,
        yaml.composer.Composer,
        _CParser,  # type: ignore[misc]
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml's scanner and parser under the same bounded composer, constructor and
        resolver as :class:`_Loader` (several times faster on a pack). :func:`load_yaml` keeps
        what it reads only when it, and the values built from it, raise nothing: any other file
        is read again by :class:`_Loader`, so that problems are found and worded in one way."""

        def __init__(self, text: str, file: str) -> None:
            _CParser.__init__(self, text)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)
            self._bound(file)


class _Builder:
    def __init__(self, loader: _Bounded, file: str, text_size: int) -> None:
        self.loader = loader
        self.file = file
        self.lines = LineMap()
        self.nodes = 0
        #: the characters of the values built (each node one more): no more than
        #: MAX_EXPANSION times the file, so that what a command prints of a pack stays linear in it
        self.size = 0
        self.max_size = MAX_EXPANSION * text_size + 4096

    def fail(self, node: yaml.Node, path: Path, message: str) -> PackError:
        return PackError([Problem(self.file, node.start_mark.line + 1, format_path(path) or None, message)])

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(
                node, path, f"document too large: more than {MAX_NODES} values after alias expansion"
            )
        self.size += 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)
        if self.size > self.max_size:
            raise self.fail(
                node,
                path,
                f"document too large: aliases make it more than {MAX_EXPANSION} times its size "
                "after alias expansion",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, path, f"nesting deeper than {MAX_DEPTH} levels")
        self.lines.set(path, node.start_mark.line + 1)
        tag = self.loader.tagged.get(id(node))
        if tag is not None:
            # no tag at all: !!python/object, !!binary, !!timestamp, !!str, ! ... (nor a %TAG handle)
            raise self.fail(node, path, f"unsupported tag {tag!r}")
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:  # pragma: no cover
            raise self.fail(node, path, f"unsupported tag {node.tag!r}")  # (only a written tag makes one)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or id(key_node) in self.loader.tagged:
                    raise self.fail(key_node, path, "mapping keys must be plain scalars")
                key = self.scalar(key_node, path)
                if not isinstance(key, str):
                    key = str(key)
                if len(key) > MAX_KEY:
                    raise self.fail(key_node, path, f"a key of {len(key)} characters: at most {MAX_KEY}")
                if key in out:
                    raise self.fail(key_node, (*path, key), "duplicate key")
                self.lines.set((*path, key), key_node.start_mark.line + 1)
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        raise self.fail(node, path, "unsupported YAML node")  # pragma: no cover - the composer emits no other

    def scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        """The value of a scalar (a key's: ``path`` is its mapping's, the key is not trusted yet)."""
        odd = ODD.search(node.value)
        if odd is not None:
            raise self.fail(node, path, f"the text holds {char_name(odd.group())}: {_ODD_WHY}")
        try:
            constructor: yaml.constructor.SafeConstructor = self.loader  # type: ignore[assignment]
            return constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.fail(node, path, f"cannot read value: {problem}") from None
        except (ValueError, OverflowError) as exc:  # e.g. an impossible date such as 2012-02-30
            wrong = impossible_date(node.value) if isinstance(node.value, str) else None
            raise self.fail(node, path, wrong or f"cannot read value {_clip(node.value)!r}: {exc}") from None


_ODD_WHY = "a control, bidirectional or invisible formatting character, or a lone surrogate, is not allowed"


def char_name(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a character named without showing it."""
    name = unicodedata.name(char, "")
    if not name:
        cat = unicodedata.category(char)
        name = {"Cc": "a control character", "Cs": "a lone surrogate"}.get(cat, "a noncharacter")
    return f"U+{ord(char):04X} ({name})"


def _clip(text: str, at: int = 40) -> str:
    """A value quoted in a message: its first ``at`` characters."""
    return text if len(text) <= at else text[:at] + "…"


def load_yaml(text: str, file: str) -> tuple[Any, LineMap]:
    """Parse one YAML document safely; return the plain data and its line map.

    Raises :class:`PackError` naming the file and line for any syntax error,
    unsafe tag, duplicate key, or a document past the size bounds.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise PackError([Problem(file, None, None, f"file larger than {MAX_BYTES} bytes")])
    if _CParser is not None:
        try:
            fast = _CLoader(text, file)
        except Exception:  # read again by the loader that words the problem
            pass
        else:
            try:
                node = fast.get_single_node()
                if node is not None:
                    builder = _Builder(fast, file, len(text))
                    return builder.build(node, (), 0), builder.lines
            except Exception:  # read again by the loader that words the problem
                pass
            finally:
                fast.dispose()
    return _load_slowly(text, file)


def _load_slowly(text: str, file: str) -> tuple[Any, LineMap]:
    """:func:`load_yaml` by PyYAML's pure-Python scanner and parser, which word every problem."""
    try:
        loader = _Loader(text, file)
    except yaml.reader.ReaderError as exc:
        at = text.count("\n", 0, exc.position or 0) + 1
        what = f"YAML syntax: {exc.reason} (character #x{exc.character:04x})"
        raise PackError([Problem(file, at, None, what)]) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            raise PackError([Problem(file, line, None, f"YAML syntax: {exc.problem or exc}")]) from None
        except yaml.YAMLError as exc:
            raise PackError([Problem(file, None, None, f"YAML syntax: {exc}")]) from None
        if node is None:
            raise PackError([Problem(file, 1, None, "the file is empty")])
        builder = _Builder(loader, file, len(text))
        data = builder.build(node, (), 0)
        return data, builder.lines
    finally:
        loader.dispose()
