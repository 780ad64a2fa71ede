"""`kurikulum serve`: MkDocs' live-reload server over our configuration."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from generator.build import TEMPLATES, mkdocs_settings
from generator.catalog import Catalog


def serve(config_path: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    catalog = Catalog.from_folder(config_path=config_path, include_drafts=True)
    work = Path(tempfile.mkdtemp(prefix="kurikulum-serve-"))
    docs = work / "docs"
    docs.mkdir()
    try:
        settings = mkdocs_settings(
            catalog,
            site_dir=work / "site",
            docs_dir=docs,
            config_path=config_path,
            drafts=True,
        )
        settings["dev_addr"] = f"{host}:{port}"
        # The plugin reads the curriculum again on every rebuild.
        settings["watch"] = [
            str(catalog.root.resolve()),
            str(config_path.resolve()),
            str(TEMPLATES),
            str(Path(__file__).parent / "assets"),
        ]
        mk_file = work / "mkdocs.yml"
        mk_file.write_text(json.dumps(settings), encoding="utf-8")
        mkdocs_serve(config_file=str(mk_file), livereload=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
