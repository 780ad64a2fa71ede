"""The line-based reader gives exactly what the libyaml reader gives, or declines.

`generator.yamlfast` reads the plain block YAML of most curriculum files
without libyaml. Whatever text it accepts must produce the same data, the
same value and key positions (and in the same order) and the same block
scalars as `yamlio._Builder` over libyaml's events; whatever libyaml refuses,
it must decline, so that the libyaml path reports the problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.yamlfast import fast_build
from generator.yamlio import Document, _Builder, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p
    for folder in (ROOT / "curriculum", ROOT / "tests" / "fixtures")
    for p in folder.rglob("*.y*ml")
)


def libyaml_result(text: str):
    doc = Document(Path("f.yml"), "f.yml")
    try:
        data = _Builder(doc).build(text)
    except Exception:  # a syntax error or a refused construct
        return None
    return data, list(doc._values.items()), list(doc._keys.items()), doc._blocks


def assert_same(text: str) -> bool:
    """Compare both readers on `text`; True when the fast reader accepted it."""
    fast = fast_build(text)
    if fast is None:
        return False
    expected = libyaml_result(text)
    assert expected is not None, f"libyaml refuses what the fast reader accepted:\n{text}"
    data, values, keys, blocks = fast
    assert (data, list(values.items()), list(keys.items()), blocks) == expected, text
    return True


def normalized(path: Path) -> str:
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_and_fixture_files_read_the_same(path):
    text = normalized(path)
    if "\t" in text or "\x00" in text or not text.strip():
        pytest.skip("refused before either reader runs")
    assert_same(text)


def test_the_sample_curriculum_takes_the_fast_path():
    # The point of the fast reader: the files editors write (block mappings,
    # lists, one-line values, `|` descriptions) never need libyaml.
    files = sorted((ROOT / "curriculum").rglob("*.yml"))
    declined = [str(p.relative_to(ROOT)) for p in files if fast_build(normalized(p)) is None]
    assert len(files) > 40
    assert declined == []


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb:\nc: x  # note\n",
        "d:\n  - p\n  -   q\n  - k: v\n    j:\n  -\n  - - z\ne:\n- f\n",
        "g: |\n  line1\n\n  line2\nh: >-\n  f1\n  f2\n\n  f3\n",
        "i: 'it''s'\nj: \"dq\"\nk: |+\n  keep\n\nl: x\n",
        "k: |+\n  keep\n\n",
        "k: |-\n  a\n   b\n\n",
        "---\na: 1\n",
        "# comment\n\na:   # empty\n  b: c\n",
        "a:\n  - x\n  # comment between items\n  - y\n",
        "x: a:b\ny: 50%, [not a list]\nz: a # b # c\n",
        "desc: |\n  # not a comment\n  - not a list\n",
        "- a\n- b: c\n  d: e\n",
    ],
)
def test_typical_shapes_take_the_fast_path_and_match(text):
    assert assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2]\n",  # flow collections
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: 1\na: 2\n",  # duplicate keys
        "a: long\n  continued\n",  # multi-line plain scalar
        "a: 'open\n  quote'\n",  # multi-line quoted scalar
        'a: "tab\\tescape"\n',  # escapes
        "a: |2\n   x\n",  # indentation indicator
        "a: 1\n---\nb: 2\n",  # a second document
        "a: b: c\n",  # a mapping value on one line
        "  a: 1\n b: 2\n",  # bad indentation
        "just text\n",  # not a mapping
        "a: 1\n",  # (this one is accepted: a control case)
    ],
)
def test_what_it_leaves_to_libyaml(text):
    accepted = fast_build(text) is not None
    assert accepted == (text == "a: 1\n")
    # And the public reader still gives libyaml's result and problems.
    doc, problems = parse_yaml(text.encode())
    assert (doc is None) == bool(problems)


# Lines from a small grammar of what editors write, and of their mistakes.
KEYS = ["a", "b", "title", "x-y", "k_2", "null", "~", "k k", "a.b", "1"]
VALUES = [
    "",
    "x",
    "x y",
    "1",
    "2026-02-10 08:00",
    "'q'",
    "'it''s'",
    "''",
    '"dq"',
    '""',
    '"a\\"b"',
    "|",
    "|-",
    "|+",
    ">",
    ">-",
    ">+",
    "|2",
    "| # c",
    "|#c",
    "# c",
    "x # c",
    "x#y",
    "x  ",
    "a: b",
    "a:",
    "a:b",
    "-",
    "- z",
    "-z",
    "[a, b]",
    "{a: b}",
    "&x v",
    "*x",
    "!t v",
    "'open",
    '"open',
    "'a' b",
    "~",
    "null",
    "@x",
    "`x`",
    "?",
    ": x",
    "x:",
    "%",
    "é ü 中文 😀",
    # Characters libyaml refuses, or reads as line breaks.
    "x\u2028y",
    "x\x85y",
    "x\u2029",
    "x\x0by",
    "x\x7f",
    "x\ufffe",
    "\ufeffx",
    "x\u00a0y",
]
LINE = st.one_of(
    st.builds(
        lambda ind, pre, key, sep, val: " " * ind + pre + key + ":" + sep + val,
        st.sampled_from([0, 0, 1, 2, 2, 4, 6]),
        st.sampled_from(["", "", "- ", "-  ", "- - "]),
        st.sampled_from(KEYS),
        st.sampled_from([" ", " ", "  ", ""]),
        st.sampled_from(VALUES),
    ),
    st.builds(
        lambda ind, pre, val: " " * ind + pre + val,
        st.sampled_from([0, 1, 2, 3, 4, 6]),
        st.sampled_from(["", "- ", "-", "-   "]),
        st.sampled_from(VALUES),
    ),
    st.sampled_from(["", " ", "   ", "# comment", "  # comment", "---", "...", "--- x"]),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=12), st.booleans())
def test_random_block_yaml_reads_the_same(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    assert_same(text)


MUTATIONS = st.sampled_from([" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", '"', "|", ">", "\n"])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([p for p in YAML_FILES if "curriculum" in p.parts][:40] or YAML_FILES),
    st.lists(st.tuples(st.floats(0, 1), MUTATIONS, st.booleans()), min_size=1, max_size=3),
)
def test_mutated_files_read_the_same(path, edits):
    text = normalized(path)
    for where, piece, delete in edits:
        at = int(where * len(text))
        text = text[:at] + text[at + len(piece) :] if delete else text[:at] + piece + text[at:]
    if "\t" in text or not text.strip():
        return
    assert_same(text)


# Whole documents: nested block mappings and sequences written in the many
# ways editors indent them, with every kind of one-line and block scalar.
SCALARS = st.sampled_from(
    [
        "x",
        "Pelatihan Dasar",
        "2026-02-10",
        "10:30",
        "no",
        "0214700303",
        "a:b",
        "x # comment",
        "'quoted: yes'",
        "'it''s'",
        '"double"',
        "~",
        "",
        "https://usu.ac.id/a?b=c#d",
        "Rp 750.000, per peserta",
        "é 😀",
    ]
)
BLOCK_BODIES = st.lists(
    st.sampled_from(["text", "- item", "# heading", "", "  indented", "more text  "]),
    min_size=1,
    max_size=5,
)


@st.composite
def documents(draw, depth=0):
    """Rows of a block node at indentation 0 (the caller shifts them)."""
    kind = draw(st.sampled_from(["map", "map", "seq"] if depth < 3 else ["map"]))
    step = draw(st.sampled_from([2, 2, 4, 1, 3]))
    rows: list[str] = []
    names = draw(st.lists(st.sampled_from(KEYS[:5]), min_size=1, max_size=4, unique=True))
    for name in names if kind == "map" else range(len(names)):
        head = f"{name}:" if kind == "map" else "-"
        choice = draw(st.sampled_from(["scalar", "scalar", "block", "nested", "empty"]))
        if draw(st.booleans()):
            rows.append(draw(st.sampled_from(["", "# note", "  # indented note"])))
        if choice == "scalar":
            rows.append(f"{head} {draw(SCALARS)}".rstrip())
        elif choice == "empty":
            rows.append(head + draw(st.sampled_from(["", "  ", "  # nothing"])))
        elif choice == "block":
            indicator = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]))
            rows.append(f"{head} {indicator}")
            body = draw(BLOCK_BODIES)
            if not body[0].strip():
                body[0] = "text"
            rows += [(" " * step + line) if line else "" for line in body]
        else:
            inner = draw(documents(depth + 1))
            inline = kind == "seq" and draw(st.booleans())
            if inline:
                # '- key: value' with the rest of the mapping under the key.
                pad = " " * (len(head) + 1)
                rows.append(f"{head} {inner[0]}")
                rows += [pad + row if row else "" for row in inner[1:]]
            else:
                indentless = kind == "map" and inner[0].startswith("-") and draw(st.booleans())
                shift = "" if indentless else " " * step
                rows.append(head)
                rows += [shift + row if row else "" for row in inner]
    return rows


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans(), st.sampled_from(["", "---\n", "# header\n"]))
def test_random_documents_read_the_same(rows, final_newline, head):
    text = head + "\n".join(rows) + ("\n" if final_newline else "")
    assert_same(text)
