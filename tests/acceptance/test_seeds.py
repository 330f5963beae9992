"""The source texts the packs encode, vendored in tests/data/seeds so that the tests that check every
quote against its line run anywhere (CI clones the repository alone)."""

from __future__ import annotations

import pytest

from changrenzhi import load_pack, shipped_packs
from support import TESTS

VENDORED = TESTS / "data" / "seeds"
UPSTREAM = TESTS.parents[1] / "shared" / "seeds"  # beside the repository on a developer's machine


def test_every_source_a_shipped_pack_cites_is_vendored() -> None:
    cited = {s.file for name in shipped_packs() for s in load_pack(name).model.document.sources}
    assert cited and cited <= {p.name for p in VENDORED.glob("*.txt")}


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="no shared/seeds beside the repository to compare with")
def test_the_vendored_texts_are_the_upstream_ones() -> None:
    upstream = sorted(p.name for p in UPSTREAM.glob("*.txt"))
    assert upstream == sorted(p.name for p in VENDORED.glob("*.txt"))
    for name in upstream:
        assert (VENDORED / name).read_bytes() == (UPSTREAM / name).read_bytes(), name
