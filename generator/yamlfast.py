"""A line-based reader for the plain block YAML that curriculum files are.

Nearly every curriculum file is block mappings and sequences of one-line
scalars and `|` descriptions. Reading those line by line in Python costs a
quarter of what libyaml's event stream costs once each event is a Python
object, and `kurikulum check` reads thousands of files.

`fast_build` gives exactly what `yamlio._Builder` gives (data, value and key
positions, block scalars) or `None` when the text uses anything it does not
handle: flow collections, anchors, tags, multi-line plain or quoted scalars,
escapes, indentation indicators, a second document, duplicate keys, bad
indentation. The caller then reads the file with libyaml, which also reports
any error; this module never reports problems itself. A differential test
(`tests/test_yamlfast.py`) holds the two readers to the same result.
"""

from __future__ import annotations

import re
from typing import Any

NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# A key this reader accepts: plain, starting with a letter, digit or '_', and
# directly followed by ':' and a space or the end of the line.
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*:(?= |$)")
_KEY_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_known_keys: dict[str, bool] = {}  # key -> accepted; keys repeat across files
# Characters YAML does not allow in a file (control characters, U+FFFE/FFFF)
# and the ones it reads as line breaks (NEL, LS, PS): libyaml's to judge.
_UNUSUAL = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters that start something other than a plain scalar, or that this
# reader leaves to libyaml.
_SPECIAL_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_BLOCK_HEADER = re.compile(r"([|>])([+-]?)( *(#.*)?)$")

Loc = tuple[str | int, ...]


class _Fallback(Exception):
    """The text needs libyaml."""


def fast_build(
    text: str,
) -> tuple[Any, dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]], set[Loc]] | None:
    """(data, value positions, key positions, block-scalar locations), or None.

    `text` has '\\n' line ends, no BOM, tab or NUL (see `yamlio.parse_yaml`).
    Positions are 0-based (line, column), as libyaml's marks.
    """
    try:
        return _read(text)
    except _Fallback:
        return None


def _read(text: str) -> tuple[Any, dict, dict, set]:
    """One flat loop over the rows with a stack of open containers.

    This is the hot path of `check`: no recursion and no call per value.
    A frame is [indentation, container, location, is a mapping].
    """
    if _UNUSUAL.search(text):
        raise _Fallback
    rows = text.split("\n")
    n = len(rows)
    values: dict[Loc, tuple[int, int]] = {}
    keys: dict[Loc, tuple[int, int]] = {}
    blocks: set[Loc] = set()
    key_match = _KEY.match
    known_keys = _known_keys
    stack: list[list[Any]] = []
    # A value written on the rows below its key or '-':
    # (container, key or None, location, row, column after ':' or '-', frame).
    pending: tuple | None = None
    root: Any = None
    # The first significant row may be the document's '---'.
    opening = 0
    while opening < n and (not rows[opening].strip(" ") or rows[opening][0] == "#"):
        opening += 1
    r = 0
    while r < n:
        row = rows[r]
        content = row.lstrip(" ")
        if not content:
            r += 1
            continue
        c0 = content[0]
        if c0 == "#":
            r += 1
            continue
        ind = len(row) - len(content)
        if c0 in "-.%" and content.startswith(("---", "...", "%")):
            if r == opening and ind == 0 and content.rstrip(" ") == "---":
                r += 1
                continue
            raise _Fallback  # a second document, an end marker or a directive
        is_item = c0 == "-" and (len(content) == 1 or content[1] == " ")

        if pending is not None:
            out, key, loc, prow, pcol, owner = pending
            pending = None
            if ind > owner[0] or (owner[3] and ind == owner[0] and is_item):
                if is_item:
                    value: Any = []
                elif key_match(content):
                    value = {}
                else:
                    raise _Fallback  # a scalar on the next row, or bad indentation
                values[loc] = (r, ind)
                if key is None:
                    out.append(value)
                else:
                    out[key] = value
                stack.append([ind, value, loc, not is_item])
            else:
                _store_empty(values, out, key, loc, prow, pcol)
        elif root is None:
            root = [] if is_item else {}
            values[()] = (r, ind)
            stack.append([ind, root, (), not is_item])

        while stack and ind < stack[-1][0]:
            stack.pop()
        if not stack:
            raise _Fallback  # rows after the document's top level ended
        frame = stack[-1]
        if ind > frame[0]:
            raise _Fallback
        if not frame[3] and not is_item:
            # The end of an indentless sequence (a key at its mapping's indentation).
            stack.pop()
            if not stack or stack[-1][0] != ind or not stack[-1][3]:
                raise _Fallback
            frame = stack[-1]

        col = ind
        while True:
            container = frame[1]
            if frame[3]:
                # `key:` then a space or the end of the row (the first ':' ends a
                # key this reader accepts).
                key, colon, rest = content.partition(":")
                ok = known_keys.get(key)
                if ok is None:
                    ok = _KEY_NAME.fullmatch(key) is not None and key not in NULLS
                    if len(known_keys) < 10_000:
                        known_keys[key] = ok
                if not ok or not colon or (rest and rest[0] != " ") or key in container:
                    raise _Fallback
                loc = (*frame[2], key)
                keys[loc] = (r, col)
                col += len(key) + 1
            else:
                if not (content[0] == "-" and (len(content) == 1 or content[1] == " ")):
                    raise _Fallback
                key = None
                loc = (*frame[2], len(container))
                rest = content[1:]
                col += 1
            stripped = rest.lstrip(" ")
            if not stripped or stripped[0] == "#":
                if stripped and len(stripped) == len(rest):
                    raise _Fallback  # '#' right after ':' or '-' is not a comment
                pending = (container, key, loc, r, col, frame)
                r += 1
                break
            col += len(rest) - len(stripped)
            vrow = r
            if key is None:
                # '- key: value' or '- - item': a container inside the sequence item,
                # read as if its first row started at this column.
                is_map = key_match(stripped) is not None
                if is_map or stripped == "-" or stripped.startswith("- "):
                    value = {} if is_map else []
                    values[loc] = (r, col)
                    container.append(value)
                    frame = [col, value, loc, is_map]
                    stack.append(frame)
                    content = stripped
                    continue
            first = stripped[0]
            if first not in _SPECIAL_START:
                if "#" in stripped:
                    cut = stripped.find(" #")
                    if cut >= 0:
                        stripped = stripped[:cut]
                if stripped[-1] == " ":
                    stripped = stripped.rstrip(" ")
                if ":" in stripped and (": " in stripped or stripped[-1] == ":"):
                    raise _Fallback
                value = None if stripped in NULLS else stripped
                r += 1
            elif first == "'" or first == '"':
                value = _quoted(stripped)
                r += 1
            elif first == "|" or first == ">":
                value, r = _block_scalar(rows, r, stripped, frame[0])
                blocks.add(loc)
            else:
                raise _Fallback
            values[loc] = (vrow, col)
            if key is None:
                container.append(value)
            else:
                container[key] = value
            break
    if pending is not None:
        _store_empty(values, *pending[:5])
    if root is None:
        raise _Fallback
    return root, values, keys, blocks


def _store_empty(values: dict, out: Any, key: str | None, loc: Loc, row: int, col: int) -> None:
    """A key or '-' with nothing after it: None, located just after the ':' or '-'."""
    values[loc] = (row, col)
    if key is None:
        out.append(None)
    else:
        out[key] = None


def _block_scalar(rows: list[str], r: int, header: str, indent: int) -> tuple[str, int]:
    """A `|` or `>` scalar whose header is on row `r`: (its text, the row after it).

    `indent` is the indentation of the container the value belongs to.
    """
    match = _BLOCK_HEADER.match(header)
    if match is None:
        raise _Fallback  # an indentation indicator, or text after the header
    comment = match.group(3)
    if comment and match.group(4) and not comment.startswith(" "):
        raise _Fallback
    folded = match.group(1) == ">"
    chomp = match.group(2)
    n = len(rows)
    start = r + 1
    if start >= n or not rows[start].strip(" "):
        raise _Fallback  # leading blank rows: leave their rules to libyaml
    line = rows[start]
    block_indent = len(line) - len(line.lstrip(" "))
    if block_indent <= indent:
        raise _Fallback  # an empty block scalar
    lines: list[str] = []
    end = start
    while end < n:
        line = rows[end]
        if line[:block_indent].strip(" "):
            break  # a row indented less than the block: the block ended
        body = line[block_indent:]
        if not line.strip(" ") and len(line) > block_indent:
            raise _Fallback  # spaces beyond the indentation on a blank row
        lines.append(body)
        end += 1
    # Trailing blank rows belong to the block; chomping decides what stays.
    content_end = len(lines)
    while content_end and not lines[content_end - 1]:
        content_end -= 1
    trailing = len(lines) - content_end
    body_lines = lines[:content_end]
    if end >= n:
        if rows[-1]:
            raise _Fallback  # no line break after the last line
        trailing -= 1  # the empty "row" after the file's last line break
    if folded:
        if any(line[:1] == " " for line in body_lines):
            raise _Fallback  # more-indented lines are not folded
        text = _fold(body_lines)
    else:
        text = "\n".join(body_lines)
    if chomp == "":
        text += "\n"
    elif chomp == "+":
        text += "\n" * (trailing + 1)
    return text, end


def _fold(lines: list[str]) -> str:
    parts: list[str] = []
    blank = 0
    for line in lines:
        if not line:
            blank += 1
            continue
        if parts:
            parts.append("\n" * blank if blank else " ")
        parts.append(line)
        blank = 0
    return "".join(parts)


def _quoted(text: str) -> str:
    """A one-line quoted scalar followed by nothing or a comment."""
    quote = text[0]
    if quote == '"':
        if "\\" in text:
            raise _Fallback
        close = text.find('"', 1)
        if close < 0:
            raise _Fallback
        value = text[1:close]
    else:
        at = 1
        while True:
            close = text.find("'", at)
            if close < 0:
                raise _Fallback
            if text[close + 1 : close + 2] == "'":
                at = close + 2
                continue
            break
        value = text[1:close].replace("''", "'")
    tail = text[close + 1 :]
    stripped = tail.lstrip(" ")
    if stripped and (stripped[0] != "#" or len(stripped) == len(tail)):
        raise _Fallback
    return value
