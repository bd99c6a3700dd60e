"""Pausing the garbage collector around a burst of short-lived, acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector is as it was after it.

    For work that makes hundreds of thousands of small objects and no cycles (reading a
    10,000-show cache, importing a 10,000-episode guide): a collection every few hundred
    allocations walks them all again and again. Kept for what it measurably buys:
    bench/README.md, the "[gc untouched]" rows (every collector pause undone).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
