"""Progress of long builds: one line per phase with counts and elapsed time.

On a terminal the current phase is redrawn in place; in logs (CI, pipes)
each phase prints one finished line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def number_id(value: int) -> str:
    """Thousands separated by a dot, as Indonesian writes them (12.043)."""
    return f"{value:,}".replace(",", ".")


def seconds_id(value: float) -> str:
    """Seconds to a tenth, with the decimal comma Indonesian writes (4,6)."""
    return f"{value:.1f}".replace(".", ",")


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = time.perf_counter()
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.phases: list[tuple[str, float]] = []

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def _line(self, text: str, *, final: bool) -> None:
        if not self.enabled:
            return
        line = f"[{seconds_id(self.elapsed()):>6} s] {text}"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if final else ""))
        elif final:
            self.stream.write(line + "\n")
        self.stream.flush()

    @contextmanager
    def phase(self, text: str) -> Iterator[None]:
        """Time one phase; `text` says what it does, with its count."""
        begin = time.perf_counter()
        self._line(text + " …", final=False)
        yield
        seconds = time.perf_counter() - begin
        self.phases.append((text, seconds))
        self._line(f"{text}: selesai dalam {seconds_id(seconds)} detik", final=True)

    def note(self, text: str) -> None:
        """A line of its own within the current phase (a count, a remark)."""
        self._line(text, final=True)

    def begin(self, text: str) -> None:
        """Start a phase that ends at the next `begin` or `end` (for callbacks)."""
        self.end()
        self._open = (text, time.perf_counter())
        self._line(text + " …", final=False)

    def end(self) -> None:
        opened = getattr(self, "_open", None)
        if opened is None:
            return
        text, begin = opened
        self._open = None
        seconds = time.perf_counter() - begin
        self.phases.append((text, seconds))
        self._line(f"{text}: selesai dalam {seconds_id(seconds)} detik", final=True)


NULL = Progress(enabled=False)
