"""Blocking work handed to a thread from async code, with `asyncio` imported on first use.

The library's modules are also imported by one-shot commands (`dailypapers list --offline`)
that never start an event loop; importing `asyncio` costs them about 30 ms of a ~100 ms run.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    import asyncio

P = ParamSpec("P")
T = TypeVar("T")


async def to_thread(func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """`asyncio.to_thread`."""
    import asyncio

    return await asyncio.to_thread(func, *args, **kwargs)


def wrap_future(future: Future[T]) -> asyncio.Future[T]:
    """`asyncio.wrap_future`."""
    import asyncio

    return asyncio.wrap_future(future)
