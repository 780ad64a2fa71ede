"""Compiled templates kept in the cache folder: a new build process loads them
instead of compiling every template again, and they never outlive their source."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import snapshot  # noqa: E402

from generator.build import build  # noqa: E402
from generator.render import use_bytecode_cache  # noqa: E402

pytest_plugins = ["sitehelpers"]


@pytest.fixture
def env(mini_build_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # In this process, so that the compilations can be counted.
    monkeypatch.setenv("KURIKULUM_NO_FORK", "1")
    return mini_build_env


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        names.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _forget_loaded_templates() -> None:
    """What a new process starts with: no template in memory."""
    from generator.render import environment

    environment().cache.clear()


def test_a_second_build_compiles_no_template_and_publishes_the_same_site(
    mini_project, env, tmp_path, compiled
):
    _forget_loaded_templates()
    build(mini_project / "site_config.yml", tmp_path / "one")
    assert len(compiled) > 20  # the theme's templates and ours
    assert list(env.glob("jinja-theme-*/*")) and list(env.glob("jinja-pages-*/*"))
    compiled.clear()
    _forget_loaded_templates()
    build(mini_project / "site_config.yml", tmp_path / "two")
    assert compiled == []
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


def test_damaged_compiled_templates_are_compiled_again(mini_project, env, tmp_path, compiled):
    _forget_loaded_templates()
    build(mini_project / "site_config.yml", tmp_path / "one")
    stored = [p for p in env.glob("jinja-*/*") if p.is_file()]
    assert len(stored) > 20
    for n, path in enumerate(stored):
        data = path.read_bytes()
        # Truncated, emptied, or garbage after a valid header.
        path.write_bytes([data[: len(data) // 2], b"", data[:40] + b"\x00garbage"][n % 3])
    compiled.clear()
    _forget_loaded_templates()
    build(mini_project / "site_config.yml", tmp_path / "two")
    assert len(compiled) >= len(stored)
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


def test_no_cache_builds_store_no_compiled_template(mini_project, env, tmp_path):
    build(mini_project / "site_config.yml", tmp_path / "site", cache=False)
    assert not list(env.glob("jinja-*"))


def test_an_edited_template_is_compiled_again(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("Jadwal {{ x }}", encoding="utf-8")

    def new_process_render() -> str:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True)
        use_bytecode_cache(environment, tmp_path / "cache", "pages")
        return environment.get_template("page.html").render(x="<b>")

    assert new_process_render() == "Jadwal &lt;b&gt;"
    assert new_process_render() == "Jadwal &lt;b&gt;"  # from the stored code
    (folder / "page.html").write_text("Kalender {{ x }}", encoding="utf-8")
    assert new_process_render() == "Kalender &lt;b&gt;"


def test_environments_configured_differently_do_not_share_code(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{{ x }}", encoding="utf-8")

    def render(autoescape: bool) -> str:
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder), autoescape=autoescape
        )
        use_bytecode_cache(environment, tmp_path / "cache", "pages")
        return environment.get_template("page.html").render(x="<b>")

    assert render(True) == "&lt;b&gt;"
    assert render(False) == "<b>"
    assert render(True) == "&lt;b&gt;"
