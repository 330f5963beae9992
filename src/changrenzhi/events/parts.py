"""Reading a large log file in parts, at once: the first part in this process, each other part in a
child forked for it, which sends back what it read (``read_events(path, jobs=N)``).

Only the hopeful reading of a file is split (see ``reader.read_path``). A child gives up on what
the hopeful reading gives up on (any problem, an id read twice), and so does the whole reading when
any part does, or when an id is in two parts: the file is then read again, carefully, in this process
alone, which finds and locates every problem. So a reading in parts returns exactly the log, or the
problems, that one process would: the same events, in the same order, with the same lines.

The ids of the events not kept as objects are checked once the whole file is read, by their hashes
(``typed.IdHashes``): the child that read the last part stays to share that check with this
process, which sends it the hashes the others read (see :class:`_Child`).

A file is split only where that is safe and worth it (:func:`cuts`): on Linux, from a process that
runs no other thread (forking one that does may copy a lock another thread holds), into parts of
at least :data:`PART_BYTES`, as many as ``jobs`` and the CPUs this process may run on allow.
"""

from __future__ import annotations

import array
import contextlib
import itertools
import operator
import os
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any, BinaryIO, NamedTuple

from .. import forking
from .checker import Reader
from .fields import SPECS
from .lines import MAX_LINE_BYTES
from .log import Packed
from .typed import Again, IdHashes
from .types import event_fields

__all__ = ["FIRST_EARLY", "PART_BYTES", "Checked", "Early", "Feed", "Wrap", "cuts", "gzipped", "read_parts"]

#: the least size of a part (a smaller one takes longer to fork for and to send back than to read);
#: a file of 32 MiB is read in two parts
PART_BYTES = 14 << 20
#: the first part's size, the others' being 1: this process reads it, and each child also counts the
#: lines before its part and writes back what it read, while this process then takes it in (and
#: shares the check of the ids' hashes with the last child): with two parts, this one reads 52% of
#: the file (measured best between 48 and 56%)
FIRST = 1.1
#: what a reading passes the handle of the part it reads itself through (the command line's count
#: of progress), with the share of the file that part is
Wrap = Callable[[Any, float], Any]
#: feeds the lines of a binary stream to a reader, the first of them line ``before + 1`` (the
#: reader's loop over lines, with the cyclic collector paused: ``reader._feed_stream``)
Feed = Callable[[Reader, Any, int], None]


def cuts(path: str | os.PathLike[str], jobs: int, first: float | None = None) -> list[int] | None:
    """Where the parts of the file at ``path`` start and the last ends (``[0, ..., size]``), each at
    the start of a line; None when it is read whole: one job, a small file, another system than
    Linux, other threads running, one CPU, or no line end near where a cut would fall (there a
    line is too long, which its reading reports)."""
    if jobs < 2 or not forking.can_fork():
        return None
    first = FIRST if first is None else first
    size = os.path.getsize(path)
    n = min(jobs, int(size / PART_BYTES - first + 1), forking.cpus())  # no part under PART_BYTES
    if n < 2:
        return None
    starts = [0]
    with open(path, "rb") as handle:
        for k in range(1, n):
            at = round(size * (first + k - 1) / (first + n - 1))
            handle.seek(at)
            end = handle.read(MAX_LINE_BYTES + 2).find(b"\n")
            if end < 0 or at + end + 1 <= starts[-1]:
                return None
            starts.append(at + end + 1)
    if starts[-1] >= size:
        return None
    return [*starts, size]


class _Part(NamedTuple):
    """What a child read of its part: the state of its :class:`Reader`, which found no problem. Its
    events kept as objects go as columns, each field's values in a list (pickling the objects
    themselves takes three times as long), by type (``types``), and as the order of their types (an
    index into ``types`` each): the events in line order are then each type's events made again,
    taken in that order."""

    types: list[str]
    order: bytes
    objects: list[list[list[Any]]]
    columns: dict[str, Packed[Any]]
    dropped: Counter[date]
    seen: set[str]
    hashes: list[Any]
    refs: tuple[dict[str, tuple[int, str]], ...]
    known: tuple[set[str], ...]


def gzipped(path: str | os.PathLike[str]) -> bool:
    """Whether the log at ``path`` is read through gzip (its name ends in ``.gz``): such a file is
    read whole, by one process (see ``reader.open_log``)."""
    return os.fspath(path).lower().endswith(".gz")


class _Upto:
    """The bytes of a file from where it stands up to ``stop``; ``poll`` called before each read."""

    def __init__(self, raw: BinaryIO, stop: int, poll: Callable[[], None] | None = None) -> None:
        self._raw = raw
        self._left = stop - raw.tell()
        self._poll = poll
        self.name = getattr(raw, "name", None)

    def read(self, size: int = -1) -> bytes:
        if self._poll is not None:
            self._poll()
        if size < 0 or size > self._left:
            size = self._left
        got = self._raw.read(size)
        self._left -= len(got)
        return got


def _lines_before(handle: BinaryIO, stop: int) -> int:
    count, left = 0, stop
    while left:
        chunk = handle.read(min(left, 1 << 22))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def _read_part(
    reader: Reader,
    feed: Feed,
    path: str | os.PathLike[str],
    start: int,
    stop: int,
    poll: Callable[[], None] | None = None,
) -> _Part | None:
    """In a child: the part from ``start`` to ``stop`` read, and its reader's state; None when the
    hopeful reading gives up on it. ``poll``: called before each read of the file (see
    :class:`Early`), may raise :class:`_Replan`."""
    with open(path, "rb") as handle:
        before = _lines_before(handle, start)
        handle.seek(start)
        try:
            feed(reader, _Upto(handle, stop, poll), before)
        except (_Replan, _Gone):
            raise
        except Exception:  # Again, or an EventLogError: the careful reading says what is wrong
            return None
    if reader.problems:
        return None
    kept = [t for t, evs in reader.by_type.items() if evs]
    index = {SPECS[t].cls: k for k, t in enumerate(kept)}
    fields = [[list(map(operator.attrgetter(f), evs)) for f in event_fields(type(evs[0]))] for evs in
              map(reader.by_type.__getitem__, kept)]  # fmt: skip
    return _Part(
        kept,
        bytes(map(index.__getitem__, map(type, reader.events))),
        fields,
        reader.columns_read(),
        reader.dropped,
        reader.seen,
        reader.hashed.parts(),
        reader.refs,
        reader.known,
    )


def _fork(
    reader: Reader,
    feed: Feed,
    path: str | os.PathLike[str],
    start: int,
    stop: int,
    last: bool,
    plan: int = -1,
) -> _Child:
    """A child reading the part from ``start`` to ``stop``, which writes its state, pickled, to a
    file in memory (nothing, when it gave up). The ``last`` child then stays to check the hashes of
    the ids of the whole log (:class:`_Child`). Given ``plan`` (the reading end of a pipe), the
    child reads before this process knows what to keep, until it is told through that pipe (see
    :class:`Early`): ``reader`` then only names the log."""
    # the child's reader, made here: it shares nothing with ``reader``
    if plan < 0:
        other = Reader(reader.name, reader.max_errors, keep=reader.keep, packed=reader.packed)
    else:
        other = Reader(reader.name, reader.max_errors, keep=None, packed=_PROVISIONAL)
    other.careful = False
    if not last:

        def child(out: BinaryIO) -> None:  # pragma: no cover - in the child
            import pickle

            part = _read_part(other, feed, path, start, stop)
            if part is not None:  # pickled into the file as it goes: never whole in memory as bytes
                pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)

        return _Child(*forking.fork_writing(child))
    ours = forking.memory_file()  # the hashes this process sends the child to check with its own
    go_r, go_w = os.pipe()  # this process to the child: "the hashes are written" (or closed)
    said_r, said_w = os.pipe()  # the child to this process: its part written, then its verdict
    shares = forking.Queue(list(range(_SHARES)))  # the hashes' buckets, checked by both

    def checker(out: BinaryIO) -> None:  # pragma: no cover - in the child
        import pickle

        os.close(go_w)
        os.close(said_r)
        read, part = (other, _read_part(other, feed, path, start, stop)) if plan < 0 else _read_early(
            other, feed, path, start, stop, plan
        )  # fmt: skip
        if part is None:
            return
        pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        os.write(said_w, _WRITTEN)
        if os.read(go_r, 1) != _GO:
            return
        with open(ours, "rb", closefd=False) as sent:
            sent.seek(0)
            hashes, seen = pickle.load(sent)
        # the ids' hashes of every part: this one's, and the others' (this process's and its other
        # children's) with the hashes of the ids they kept as objects
        read.hashed.join(hashes)
        apart = set(map(hash, read.seen))
        apart.update(seen)
        os.write(said_w, _UNIQUE if _unique(read.hashed, shares, apart) else _DOUBT)

    try:
        pid, took = forking.fork_writing(checker)
    except OSError:
        for fd in (ours, go_r, go_w, said_r, said_w):
            os.close(fd)
        shares.close()
        raise
    for fd in (go_r, said_w):
        os.close(fd)
    return _Child(pid, took, ours, go_w, said_r, shares)


class _Replan(Exception):
    """What to keep came, and what was read before cannot be kept so: the part is read again."""


class _Gone(Exception):
    """This process closed the pipe of the plan without sending one: the child stops."""


#: what a child that reads before this process knows what to keep keeps meanwhile: every type,
#: ``contact.visit`` as columns (as every shipped pack that reads visits has them), so that what it
#: reads is what any plan keeping visits as columns, or not keeping them, keeps (and more: let go of
#: in the join, see :func:`_read_early`)
_PROVISIONAL = frozenset({"contact.visit"})


def _read_early(
    reader: Reader, feed: Feed, path: str | os.PathLike[str], start: int, stop: int, plan: int
) -> tuple[Reader, _Part | None]:  # pragma: no cover - in the child
    """In the child of an :class:`Early` reading: the part read, keeping every type (visits as
    columns) until the plan comes through ``plan``, then what it says; read again from its start
    under the plan when what was kept cannot be made to fit it. Types kept and not in the plan are
    let go of: as columns here, as objects in this process's :meth:`.Reader.finish`."""
    import pickle

    got: list[tuple[frozenset[str], frozenset[str]]] = []

    def poll(wait: bool = False) -> None:
        if got:
            return
        os.set_blocking(plan, wait)
        try:
            data = os.read(plan, 1 << 16)  # a few hundred bytes, written at once (a pipe keeps them whole)
        except BlockingIOError:  # not yet
            return
        if not data:  # this process closed the pipe: it does not want the part
            raise _Gone
        keep, packed = pickle.loads(data)
        got.append((keep, packed))
        if packed != _PROVISIONAL & keep:
            raise _Replan
        reader.keep, reader.packed = keep, packed

    try:
        part = _read_part(reader, feed, path, start, stop, poll)
        if not got:
            poll(wait=True)
    except _Replan:
        keep, packed = got[0]
        reader = Reader(reader.name, reader.max_errors, keep=keep, packed=packed)
        reader.careful = False
        part = _read_part(reader, feed, path, start, stop)
    except _Gone:
        return reader, None
    if part is not None:
        keep = got[0][0]
        for t in [t for t in part.columns if t not in keep]:
            part.dropped.update(part.columns.pop(t).dates)
    return reader, part


#: what the last child says: its part is written; the hashes are unique; they may not be
_WRITTEN, _UNIQUE, _DOUBT = b"w", b"u", b"d"
#: what this process says to the last child: the hashes to check with its own are written
_GO = b"g"
#: the shares of the hashes' buckets (IdHashes: by their low byte) the last child and this process
#: take to check, whichever is free (the child once it has the others' hashes, this process once
#: it has made the log)
_SHARES = 16


def _share(k: int) -> range:
    """The buckets of share ``k``."""
    size = 256 // _SHARES
    return range(k * size, (k + 1) * size)


def _unique(hashed: IdHashes, shares: forking.Queue, apart: set[int]) -> bool:
    """Whether the hashes of the shares this process takes from ``shares`` (until none is left, or
    one is not) are unique and none of them in ``apart``."""
    unique = True
    while unique and (k := shares.take()) is not None:
        unique = hashed.unique_in(_share(k), apart)
    return unique


class _Child:
    """A child reading a part (its pid, and the file it writes its state to). The last child also
    checks the hashes of the ids of the whole log (as long as reading a tenth of it takes): it is
    sent this process's (and its other children's) once they are read, and checks them with its
    own while this process takes in its part, each taking a share of them at a time (``shares``)
    until none is left (``ours``, ``go`` and ``said``: the file and the pipes they say it through)."""

    def __init__(
        self,
        pid: int,
        took: int,
        ours: int = -1,
        go: int = -1,
        said: int = -1,
        shares: forking.Queue | None = None,
    ) -> None:
        self.pid, self.took, self.ours, self.go, self.said = pid, took, ours, go, said
        self.shares = shares
        #: the last child's: the hashes of the ids this process (and the other children) kept as
        #: objects, sent by :meth:`check`, and the ids the child kept so (from :meth:`part`)
        self.kept_hashes: array.array[int] = array.array("q")
        self.their_seen: set[str] = set()

    def check(self, reader: Reader) -> None:
        """Send the child the hashes of the ids ``reader`` read (those of this process, and of the
        other children, theirs joined), and of those it kept as objects, for it to check."""
        import pickle

        self.kept_hashes = array.array("q", map(hash, reader.seen))
        with open(self.ours, "wb", closefd=False) as out:
            pickle.dump((reader.hashed.parts(), self.kept_hashes), out, protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(BrokenPipeError):  # the child gave up on its part: part() says so
            os.write(self.go, _GO)
        os.close(self.go)
        self.go = -1

    def part(self) -> _Part | None:
        """What the child read (None: it gave up, or died); the last child is waited for later."""
        if self.said < 0:
            sent = forking.received(self.pid, self.took)
            self.pid = self.took = -1
        else:
            sent = forking.read_back(self.took) if os.read(self.said, 1) == _WRITTEN else None
        if type(sent) is not _Part:
            return None
        self.their_seen = sent.seen
        return sent

    def verdict(self, reader: Reader) -> bool | None:
        """Whether the hashes of the ids ``reader`` read are unique and apart from the ids it kept as
        objects: this process checks the shares the child has not taken (None: the child said
        nothing: it died). The child is then waited for."""
        assert self.shares is not None
        # the hashes of every id kept as objects: this process's (and the other children's), worked
        # out for the child, and the child's (reader.seen is both)
        apart = set(self.kept_hashes)
        apart.update(map(hash, self.their_seen))
        if not _unique(reader.hashed, self.shares, apart):  # the child's word is not needed
            self.close()
            return False
        said = os.read(self.said, 1)
        self.close(kill=not said)  # when it said it, it has done: waited for as it ends
        return True if said == _UNIQUE else False if said == _DOUBT else None

    def close(self, kill: bool = True) -> None:
        """The child let go of: killed when still running (given up on: an error, an interrupt),
        unless it is known to end by itself (``kill`` False), waited for, and every file to it
        closed."""
        for fd in (self.ours, self.go, self.said):
            if fd >= 0:
                os.close(fd)
        self.ours = self.go = self.said = -1
        if self.shares is not None:
            self.shares.close()
            self.shares = None
        if self.pid > 0:
            pid, took, self.pid, self.took = self.pid, self.took, -1, -1
            if kill:
                forking.stop(pid, took)
            else:
                os.close(took)
                os.waitpid(pid, 0)


class Checked:
    """The last child, which checks the ids' hashes of the whole log while this process makes the
    log of what was read (:meth:`.Reader.finish`): :meth:`verdict` waits for it, and :meth:`close`
    lets go of it, whatever happened."""

    def __init__(self, child: _Child) -> None:
        self._child = child

    def verdict(self, reader: Reader) -> bool | None:
        """True: the hashes of the ids ``reader`` read are unique and apart from the ids it kept as
        objects; False: they may not be (the log is read again, carefully); None: the child said
        nothing (this process checks them all itself)."""
        return self._child.verdict(reader)

    def close(self) -> None:
        self._child.close()


class Early:
    """A file's reading in two parts started before this process knows what to keep (``check`` starts
    it before it loads the pack, which says so): the child reads the last part from the start,
    keeping every type (visits as columns) until :func:`read_parts` sends it what to keep. As the
    child starts first, this process's part is the smaller (:data:`FIRST_EARLY`). Its owner closes
    it whatever happens (:meth:`close`): the child is then stopped if it was not used."""

    def __init__(self, path: str | os.PathLike[str], at: list[int], child: _Child, plan: int) -> None:
        self.path, self.at, self.child, self._plan = path, at, child, plan

    @classmethod
    def start(
        cls, path: str | os.PathLike[str], feed: Feed, jobs: int, name: str, max_errors: int
    ) -> Early | None:
        """The child forked for the last part of the file at ``path``; None when the file would not
        be read in two parts (see :func:`cuts`), or no child could be forked."""
        if gzipped(path) or not os.path.isfile(path):
            return None
        usual = cuts(path, jobs)
        if usual is None or len(usual) != 3:  # not two parts (more CPUs: more parts, as usual)
            return None
        at = cuts(path, 2, FIRST_EARLY)
        if at is None:
            return None
        plan, plan_w = os.pipe()
        try:
            child = _fork(Reader(name, max_errors), feed, path, at[1], at[2], True, plan)
        except OSError:
            os.close(plan_w)
            return None
        finally:
            os.close(plan)
        return cls(path, at, child, plan_w)

    def tell(self, keep: frozenset[str], packed: frozenset[str]) -> None:
        """Send the child what to keep."""
        import pickle

        with contextlib.suppress(BrokenPipeError):  # it gave up: part() says so
            os.write(self._plan, pickle.dumps((keep, packed), protocol=pickle.HIGHEST_PROTOCOL))
        os.close(self._plan)
        self._plan = -1

    def close(self) -> None:
        """The child stopped (when still running) and waited for, and the pipe to it closed."""
        if self._plan >= 0:
            os.close(self._plan)
            self._plan = -1
        self.child.close()


#: this process's part of a file read early (:class:`Early`), the child's being 1 (this process reads
#: 49%): the child starts some 0.15 s before this process has loaded the pack, but keeps more than
#: it will be told to until then (measured best between 0.6 and 1.1, zhangjiagang, guoyuan, xianfeng)
FIRST_EARLY = 0.95


def read_parts(
    reader: Reader,
    feed: Feed,
    path: str | os.PathLike[str],
    at: list[int],
    wrap: Wrap | None = None,
    early: Early | None = None,
) -> Checked:
    """Read the file at ``path`` into ``reader`` hopefully (its ``careful`` off) with ``feed``, in
    the parts that start at ``at`` (see :func:`cuts`): the first here, each other in a child (the
    last, ``early``'s when given: ``at`` is then its). Raises :class:`Again` when the reading must be
    done again, carefully. The last child is then checking the hashes of the ids read: what it says
    is asked of the :class:`Checked` returned, which the caller closes."""
    children: list[_Child] = []
    try:
        try:
            if early is not None:
                assert reader.keep is not None
                early.tell(reader.keep, reader.packed)
                children.append(early.child)
            else:
                for start, stop in itertools.pairwise(at[1:]):
                    children.append(_fork(reader, feed, path, start, stop, stop == at[-1]))
        except OSError:  # no more processes: what the children do not read is not read in parts
            raise Again from None
        with open(path, "rb") as handle:
            part = _Upto(handle, at[1])
            feed(reader, part if wrap is None else wrap(part, at[1] / at[-1]), 0)
        for child in children:  # in line order, each part added as it comes
            if child is children[-1]:
                child.check(reader)  # every part but the child's is read: it checks them with its own
            sent = child.part()
            if sent is None:  # nothing, or not all of it: the child gave up, or died
                raise Again
            _merge(reader, sent)
            del sent
    except BaseException:
        for child in children:  # given up on: an error, an interrupt
            child.close()
        raise
    return Checked(children[-1])


def _merge(reader: Reader, part: _Part) -> None:
    """A child's part added to ``reader``'s (every line of which comes before the child's)."""
    before = len(reader.seen)
    reader.seen |= part.seen
    if len(reader.seen) != before + len(part.seen):  # an id in two parts
        raise Again
    taken = []
    for t, fields in zip(part.types, part.objects, strict=True):
        evs = list(map(SPECS[t].cls, *fields))  # each field in its place (event_fields' order)
        reader.by_type[t] += evs
        taken.append(iter(evs))
    reader.events += map(next, map(taken.__getitem__, part.order))
    # (the strings of a child's columns are shared among them, not with this reader's: making them
    # this reader's objects, the roster's among them, took 0.03 s and the rules none the less)
    for t, columns in part.columns.items():
        reader.columns(t).extend(columns)
    reader.dropped.update(part.dropped)
    reader.hashed.join(part.hashes)
    for mine_refs, theirs in zip(reader.refs, part.refs, strict=True):
        for ident in theirs.keys() - mine_refs.keys():  # else a line of an earlier part names it first
            mine_refs[ident] = theirs[ident]
    for mine_known, theirs_known in zip(reader.known, part.known, strict=True):
        mine_known.update(theirs_known)
