"""Where an AWS answer waits for a browser that reads slower than AWS sends.

The proxy reads every answer from AWS at AWS's pace and gives the connection back at once; a
browser that reads slowly (or not at all) then holds only its spool, never one of the few
connections to AWS that every other call needs. Up to `memory_bytes` stay in memory (every
JSON answer of the sidebar); beyond, the body goes to an unnamed temporary file (mode 0600, in
the server's temporary directory, gone when closed), so memory stays bounded whatever the size.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import BinaryIO

MEMORY_BYTES = 1024 * 1024


class Spool:
    def __init__(self, memory_bytes: int = MEMORY_BYTES) -> None:
        self.memory_bytes = memory_bytes
        self.size = 0
        self._chunks: list[bytes] = []
        self._file: BinaryIO | None = None

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self._file is not None:
            self._file.write(chunk)
            return
        self._chunks.append(chunk)
        if self.size > self.memory_bytes:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 — closed by close()
            for held in self._chunks:
                self._file.write(held)
            self._chunks = []

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def pieces(self, size: int) -> Iterator[bytes]:
        """The body, in order, at most `size` bytes at a time (all at once while in memory)."""
        if self._file is None:
            if self._chunks:
                yield b"".join(self._chunks)
            return
        self._file.seek(0)
        while piece := self._file.read(size):
            yield piece

    def close(self) -> None:
        self._chunks = []
        if self._file is not None:
            self._file.close()
            self._file = None
