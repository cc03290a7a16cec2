"""A raw asyncio TCP server for faults pytest-httpserver cannot produce (silence, 1 byte/s)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

RawHandler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@contextlib.asynccontextmanager
async def raw_server(handler: RawHandler) -> AsyncIterator[int]:
    """An asyncio TCP server on 127.0.0.1 running `handler` per connection; yields its port."""
    tasks: set[asyncio.Task[None]] = set()

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        tasks.add(task)
        try:
            await handler(reader, writer)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    listener = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port: int = listener.sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        listener.close()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await listener.wait_closed()


async def read_request_head(reader: asyncio.StreamReader) -> bytes:
    """Read one request's header block (up to the blank line)."""
    return await reader.readuntil(b"\r\n\r\n")
