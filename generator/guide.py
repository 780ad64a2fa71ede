"""The editor guide (docs/panduan-editor.md): its field tables, made from the model.

The guide is written by hand, except for one table per record kind between
`<!-- kolom:KIND -->` and `<!-- /kolom:KIND -->`, generated from the model's
field descriptions (the same walk `kurikulum new` uses), so the guide never
describes a field that does not exist. The site shows the guide at /panduan/.

    python -m generator.guide            rewrite the tables in docs/panduan-editor.md
    python -m generator.guide --check    exit 1 when they differ from the model
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from generator.model import Competency, SiteConfig
from generator.scaffold import KINDS, FieldDoc, fields
from generator.schema import name_site_zone

GUIDE_NAME = "docs/panduan-editor.md"
REPO = Path(__file__).resolve().parent.parent

# Kinds with a table in the guide, beside the record kinds of `kurikulum new`.
TABLES: dict[str, type[BaseModel]] = {
    **{kind: model for kind, (model, _, _) in KINDS.items()},
    "competency": Competency,
    "site_config": SiteConfig,
}
_BLOCK_RE = re.compile(r"(<!-- kolom:([a-z_]+) -->\n)(.*?)(<!-- /kolom:\2 -->)", re.S)


def field_table(kind: str) -> str:
    """The Markdown table of every field of `kind`, nested fields as `parent.field`."""
    rows = [
        "| Kolom | Wajib | Isian | Keterangan | Contoh |",
        "| --- | --- | --- | --- | --- |",
    ]
    for doc in fields(TABLES[kind]):
        rows.append(
            f"| `{doc.path}` | {'ya' if doc.required else ''} | {_cell(doc.shape.label)} "
            f"| {_cell(doc.description)} | {_cell(_example(doc))} |"
        )
    return "\n".join(rows) + "\n"


def _example(doc: FieldDoc) -> str:
    if doc.shape.kind == "model" or (doc.shape.item and doc.shape.item.kind == "model"):
        return "lihat baris di bawahnya"
    value: Any = doc.example
    values = value if isinstance(value, list) else [value]
    return ", ".join(f"`{_plain(v)}`" for v in values)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def refresh(text: str) -> str:
    """`text` with every generated table replaced by the model's current one."""

    def replace(match: re.Match[str]) -> str:
        start, kind, _, end = match.groups()
        if kind not in TABLES:
            raise KeyError(f"{GUIDE_NAME}: no table for kind {kind!r}; known: {', '.join(TABLES)}")
        return f"{start}{field_table(kind)}{end}"

    return _BLOCK_RE.sub(replace, text)


def guide_path(base_dir: Path | None = None) -> Path | None:
    """The guide beside the site settings, or in the source tree of this package."""
    for folder in (base_dir, REPO):
        if folder is not None and (folder / GUIDE_NAME).is_file():
            return folder / GUIDE_NAME
    return None


def guide_text(base_dir: Path | None = None, timezone: str | None = None) -> str:
    """The guide's Markdown with current tables; without the file, the tables alone.

    `timezone` (site_config.yml): the tables name the site's zone (WITA, ...) instead
    of "the portal's zone", as the site's own schemas do (`schema.name_site_zone`)."""
    path = guide_path(base_dir)
    if path is not None:
        return name_site_zone(refresh(path.read_text(encoding="utf-8")), timezone)
    parts = ["# Panduan Editor\n"]
    for kind in TABLES:
        parts.append(f"\n## Kolom {kind}\n\n<!-- kolom:{kind} -->\n<!-- /kolom:{kind} -->\n")
    return name_site_zone(refresh("".join(parts)), timezone)


_GUIDE_TAGS = {
    "h2", "h3", "h4", "p", "a", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
}  # fmt: skip


def guide_html(text: str) -> Markup:
    """The guide as page HTML: the first `#` heading dropped (the page has its own h1)."""
    import markdown as md
    import nh3

    body = re.sub(r"\A\s*# [^\n]*\n", "", text)
    html = md.markdown(
        body,
        extensions=["tables", "sane_lists", "fenced_code", "toc"],
        extension_configs={"toc": {"permalink": False}},
        output_format="html",
    )
    clean = nh3.clean(
        html,
        tags=_GUIDE_TAGS,
        attributes={"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = REPO / GUIDE_NAME
    text = path.read_text(encoding="utf-8")
    fresh = refresh(text)
    if "--check" in args:
        if fresh != text:
            print(
                f"{GUIDE_NAME}: tabel kolom tidak sesuai model; jalankan python -m generator.guide"
            )
            return 1
        return 0
    if fresh != text:
        path.write_text(fresh, encoding="utf-8", newline="\n")
        print(f"{GUIDE_NAME}: tabel kolom diperbarui.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
