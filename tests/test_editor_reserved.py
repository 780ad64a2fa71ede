"""A partner folder named `halaman`: the folder of every long list's further pages.

Its module `2` was written to modul/halaman/2/, the second page of the module
list, and one of the two pages silently replaced the other. `check`, `build`
and `new` now refuse the name, once, with how to fix it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE_FILES, module, one, write_files

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import run_cli  # noqa: E402

pytest_plugins = ["sitehelpers"]


def test_check_refuses_a_partner_folder_named_halaman_once(check) -> None:
    problems = check(
        {
            "halaman/partner.yml": BASE_FILES["usu/partner.yml"],
            "halaman/modules/2.yml": module(),
            # Another partner's reference to it is not a second problem.
            "unimed/modules/lanjutan.yml": module("prerequisites: [halaman/2]\n"),
        }
    )
    problem = one(problems, "cur/halaman")
    assert problem.is_error
    assert "'halaman' dipakai portal untuk halaman lanjutan daftar" in problem.message
    assert "ganti nama folder itu" in problem.message
    assert [p for p in problems if p.is_error] == [problem], [p.format() for p in problems]


def test_build_stops_before_writing_and_new_refuses_the_id(mini_project: Path) -> None:
    partner = (mini_project / "curriculum" / "usu" / "partner.yml").read_text(encoding="utf-8")
    write_files(
        mini_project / "curriculum",
        {"halaman/partner.yml": partner, "halaman/modules/2.yml": module()},
    )
    result = run_cli("build", cwd=mini_project)
    assert result.returncode == 1
    assert "curriculum/halaman:1:1: error:" in result.stderr, result.stderr
    assert not (mini_project / "site").exists()

    result = run_cli("new", "partner", "halaman", cwd=mini_project)
    assert result.returncode == 1
    assert "id mitra 'halaman' dipakai portal" in result.stderr, result.stderr
    result = run_cli("new", "module", "halaman/baru", cwd=mini_project)
    assert result.returncode == 1
    assert not (mini_project / "curriculum" / "halaman" / "modules" / "baru.yml").exists()


def test_the_plan_never_puts_two_pages_at_one_address(
    make_curriculum, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The net under the loader's rule: were the name let through, the plan stops
    instead of letting one page replace another."""
    from generator import load, pages
    from generator.catalog import Catalog

    monkeypatch.setattr(load, "PAGER_SEGMENT", "bukan-nama-mitra")  # the rule off
    monkeypatch.setattr(pages, "PER_PAGE", 1)  # modul/halaman/2/ exists with few modules
    root = make_curriculum(
        {
            "halaman/partner.yml": BASE_FILES["usu/partner.yml"],
            "halaman/modules/2.yml": module(),
        }
    )
    (root.parent / "site_config.yml").write_text(
        "title: Uji\ndescription: Uji.\ncurriculum: cur\n", encoding="utf-8"
    )
    catalog = Catalog.from_folder(config_path=root.parent / "site_config.yml", cache=False)
    with pytest.raises(RuntimeError, match="modul/halaman/2/"):
        pages.plan(catalog)
