"""The only module that talks to MkDocs.

The plugin adds every planned page with `File.generated` (nothing is written
to a docs folder), gives Material escaped titles and descriptions, and swaps
each page's body for the HTML our own autoescaped templates render.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.catalog import Catalog
from generator.exports import plan_files
from generator.pages import Page, plan
from generator.problems import CurriculumError
from generator.render import render_page

log = logging.getLogger("mkdocs.plugins.kurikulum")

ASSETS = Path(__file__).parent / "assets"

_active: Catalog | None = None


@contextlib.contextmanager
def using(catalog: Catalog) -> Iterator[None]:
    """Hand an already checked catalog to the plugin for one build."""
    global _active
    _active = catalog
    try:
        yield
    finally:
        _active = None


class KurikulumConfig(Config):
    site_config = c.Type(str, default="site_config.yml")
    drafts = c.Type(bool, default=False)


class KurikulumPlugin(BasePlugin[KurikulumConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.pages: dict[str, Page] = {}

    def on_config(self, config: Any) -> Any:
        if _active is not None:
            self.catalog = _active
        else:  # `kurikulum serve` rebuilds: read the curriculum again each time
            path = Path(self.config.site_config)
            try:
                self.catalog = Catalog.from_folder(
                    config_path=path, include_drafts=self.config.drafts
                )
            except CurriculumError as exc:
                for problem in exc.problems:
                    log.error(problem.format())
                raise PluginError(f"{exc}: perbaiki dulu, lalu simpan lagi.") from None
        self.pages = {p.src_uri: p for p in plan(self.catalog)}
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        out = Files([f for f in files if not f.src_uri.endswith(".md")])
        for src_uri in self.pages:
            out.append(File.generated(config, src_uri, content=""))
        for path, content in sorted(plan_files(self.catalog).items()):
            out.append(File.generated(config, path, content=content))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file():
                uri = "assets/kurikulum/" + asset.relative_to(ASSETS).as_posix()
                out.append(File.generated(config, uri, abs_src_path=str(asset)))
        return out

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            # Material prints these raw: hand it escaped Markup only.
            page.meta["title"] = Markup(escape(planned.title))
            page.meta["description"] = Markup(escape(planned.description))
            page.meta["hide"] = ["toc"]
            if planned.jsonld:
                # htmlsafe_json_dumps escapes <, >, & and ': no </script> breakout.
                page.meta["kk_head"] = Markup(
                    '<script type="application/ld+json">'
                    + htmlsafe_json_dumps(planned.jsonld, sort_keys=True, ensure_ascii=False)
                    + "</script>"
                )
        return ""

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is None:
            return html
        context = {**planned.context, "page": planned, "page_url": planned.url}
        return render_page(planned.template, context)

    def on_post_build(self, *, config: Any) -> None:
        # MkDocs stamps the gzip header with the build date; write it without one.
        sitemap = Path(config.site_dir) / "sitemap.xml"
        if sitemap.exists():
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode="wb", filename="", mtime=0) as gz:
                gz.write(sitemap.read_bytes())
            (Path(config.site_dir) / "sitemap.xml.gz").write_bytes(buf.getvalue())
