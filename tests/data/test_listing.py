"""The listing the main screen keeps while a library is indexed (no Textual needed)."""

from __future__ import annotations

from pathlib import Path

from dramatui.library import Index, IndexedShow, Listing, Peek, Problem, ShowFacts


def shown(show_id: str, title: str) -> IndexedShow:
    return IndexedShow(Path(f"{show_id}.toml"), ShowFacts(id=show_id, title=title))


def texts(shows: list[IndexedShow]) -> list[str]:
    return [s.title.casefold() for s in shows]


def test_a_peek_is_listed_while_indexing() -> None:
    listing = Listing()
    peek = Peek([shown("b", "Banana"), shown("a", "apple")], total=5)
    listing.start(peek, texts(peek.shows))
    assert listing.indexing and listing.order == ["b", "a"] and len(listing) == 2
    assert "a" in listing and listing.get("a") == peek.shows[1]
    assert listing.provisional == set()


def test_progress_merges_in_title_order_and_the_first_id_wins() -> None:
    listing = Listing()
    listing.start(None, [])
    first = [shown("m", "Mango"), shown("z", "Zebra")]
    assert listing.add(first, texts(first), done=2)
    later = [shown("a", "apple"), shown("m", "Mango again")]
    assert listing.add(later, texts(later), done=4)
    assert listing.order == ["a", "m", "z"]
    assert listing.facts["m"].title == "Mango"
    assert not listing.add([shown("z", "Zebra")], ["zebra"], done=5)  # nothing new


def test_the_first_results_replace_provisional_rows() -> None:
    listing = Listing()
    quick = Peek([shown("bad", "Broken"), shown("ok", "Fine")], total=0, provisional=True)
    listing.start(quick, texts(quick.shows))
    assert listing.provisional == {"bad", "ok"}
    assert not listing.add([], [], done=0)  # nothing read yet: the rows stay
    assert listing.add([shown("ok", "Fine")], ["fine"], done=16)
    assert listing.order == ["ok"] and listing.provisional == set()


def test_the_finished_index_is_the_list_with_every_problem() -> None:
    listing = Listing()
    listing.start(None, [])
    listing.add([shown("x", "Gone")], ["gone"], done=1)
    problem = Problem(Path("bad.toml"), 1, 1, "TOML syntax error")
    index = Index(shows=[shown("b", "Bee"), shown("c", "Cat")], problems=[problem], files=3)
    listing.finish(index, ["bee", "cat"])
    assert not listing.indexing and listing.index is index
    assert listing.order == ["b", "c"] and listing.problems == [problem]
    assert list(listing.matching("at")) == ["c"]
    assert list(listing.matching("")) == ["b", "c"]
