"""Ready files for editors' repositories, exercised: the pre-commit hook, both CI files, CODEOWNERS.

The hook runs by its `entry`, as pre-commit would (pass_filenames: false); with
KURIKULUM_TRY_REPO=1 and pre-commit installed, `pre-commit try-repo` runs it for
real (it installs the package into a fresh virtualenv: minutes, and PyPI).
The workflow files are parsed, their triggers and publishing steps checked,
and every `kurikulum` command in them is run in a git copy of the sample, with
the variables the CI service would set.
"""

from __future__ import annotations

import gzip
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

pytest.register_assert_rewrite("sitehelpers")
from sitehelpers import SAMPLE_EPOCH  # noqa: E402

HOOKS = REPO / ".pre-commit-hooks.yaml"
GITHUB = REPO / "examples/github/kurikulum.yml"
GITLAB = REPO / "examples/gitlab/.gitlab-ci.yml"
CODEOWNERS = REPO / "examples/CODEOWNERS"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}
NEW_MODULE = {
    "title": "Keterbukaan Informasi Publik",
    "summary": "Mengelola permohonan informasi publik.",
    "method": "bimtek",
    "mode": "luring",
    "jp": "16",
    "competency_type": "teknis",
}


def kurikulum_bin() -> str:
    found = shutil.which("kurikulum")
    assert found, "the `kurikulum` console script is not installed (pip install -e .)"
    return found


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def sh(line: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A CI script line, run by bash as the runner would, with `kurikulum` on the PATH."""
    path = os.pathsep.join([str(Path(kurikulum_bin()).parent), os.environ.get("PATH", "")])
    full = {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": SAMPLE_EPOCH, **(env or {})}  # fmt: skip
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=full, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def portal_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git copy of the sample on `main`, and a branch adding a module: (folder, base commit)."""
    repo = tmp_path_factory.mktemp("portal")
    shutil.copytree(REPO / "curriculum", repo / "curriculum")
    shutil.copy(REPO / "site_config.yml", repo / "site_config.yml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "kurikulum awal")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "modul-baru")
    done = sh("kurikulum new module usu/keterbukaan-informasi", repo)
    assert done.returncode == 0, done.stderr
    path = repo / "curriculum/usu/modules/keterbukaan-informasi.yml"
    text = path.read_text(encoding="utf-8")
    for name, value in NEW_MODULE.items():
        text = re.sub(rf"^{name}:$", f"{name}: {value}", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "modul baru")
    return repo, base


def kurikulum_lines(script: Any) -> list[str]:
    lines = script if isinstance(script, list) else str(script).splitlines()
    return [line.strip() for line in lines if line.strip().startswith("kurikulum ")]


# ---------------------------------------------------------------- pre-commit


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_pre_commit_hook_definition():
    spec = hook()
    assert spec["id"] == "kurikulum-check"
    assert spec["entry"] == "kurikulum check"
    assert spec["language"] == "python"
    assert spec["pass_filenames"] is False
    files = re.compile(spec["files"])
    assert files.search("curriculum/usu/modules/analisis-data.yml")
    assert files.search("site_config.yml")
    assert not files.search("README.md") and not files.search("docs/panduan-editor.md")


def test_pre_commit_hook_entry_passes_and_fails_as_it_should(tmp_path):
    """pre-commit runs `entry` (plus `args`) at the repository root, without file names."""
    shutil.copytree(REPO / "curriculum", tmp_path / "curriculum")
    shutil.copy(REPO / "site_config.yml", tmp_path / "site_config.yml")
    command = shlex.split(hook()["entry"])
    command[0] = kurikulum_bin()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    ok = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "tidak ada masalah" in ok.stdout
    broken = tmp_path / "curriculum/usu/modules/statistik-sektoral.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("method:", "metod:", 1))
    bad = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "statistik-sektoral.yml:" in bad.stdout and "Mungkin maksud Anda 'method'?" in bad.stdout
    # A partner repository without site_config.yml names its folder in `args`.
    (tmp_path / "site_config.yml").unlink()
    partner = subprocess.run([*command, "curriculum"], cwd=tmp_path, capture_output=True,
                             text=True, env=env)  # fmt: skip
    assert partner.returncode == 1 and "metod" in partner.stdout


@pytest.mark.skipif(
    os.environ.get("KURIKULUM_TRY_REPO") != "1" or shutil.which("pre-commit") is None,
    reason="set KURIKULUM_TRY_REPO=1 with pre-commit installed (installs the package: slow)",
)
def test_pre_commit_try_repo(tmp_path):
    hook_repo = tmp_path / "hook"
    hook_repo.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, hook_repo / name)
    shutil.copytree(REPO / "generator", hook_repo / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    git(hook_repo, "init", "-q")
    git(hook_repo, "add", "-A")
    git(hook_repo, "commit", "-q", "-m", "hook")
    user = tmp_path / "user"
    shutil.copytree(REPO / "curriculum", user / "curriculum")
    shutil.copy(REPO / "site_config.yml", user / "site_config.yml")
    git(user, "init", "-q")
    git(user, "add", "-A")
    command = ["pre-commit", "try-repo", str(hook_repo), "kurikulum-check", "--all-files"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    ok = subprocess.run(command, cwd=user, capture_output=True, text=True, env=env, timeout=1200)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path = user / "curriculum/usu/modules/statistik-sektoral.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("jp:", "jp: 0 #", 1))
    bad = subprocess.run(command, cwd=user, capture_output=True, text=True, env=env, timeout=1200)
    assert bad.returncode == 1 and "statistik-sektoral.yml" in bad.stdout


# ---------------------------------------------------------------- GitHub Actions


def github() -> dict[str, Any]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def test_github_workflow_triggers_and_publishing():
    wf = github()
    assert "pull_request" in wf["on"]
    assert wf["on"]["push"]["branches"] == ["main"]
    # A daily build just after midnight WIB keeps /jadwal/ and the feed on the date.
    assert wf["on"]["schedule"] == [{"cron": "15 17 * * *"}]
    check, build, deploy = (wf["jobs"][k] for k in ("check", "build", "deploy"))
    assert "pull_request" in check["if"] and "!=" in build["if"]
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there
    uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_github_pull_request_check_runs(portal_repo):
    repo, base = portal_repo
    steps = [s for s in github()["jobs"]["check"]["steps"] if kurikulum_lines(s.get("run", ""))]
    assert steps
    for step in steps:
        env = {k: v.replace("${{ github.event.pull_request.base.sha }}", base)
               for k, v in step.get("env", {}).items()}  # fmt: skip
        assert env.get("BASE_SHA") == base
        for line in kurikulum_lines(step["run"]):
            assert "--changed-since" in line and "--format github" in line
            done = sh(line, repo, env)
            assert done.returncode == 0, done.stdout + done.stderr
            assert "Berubah sejak" in done.stdout and "1 berkas kurikulum" in done.stdout


def test_github_pull_request_check_annotates_a_mistake(portal_repo, tmp_path):
    repo, base = portal_repo
    work = tmp_path / "pr"
    shutil.copytree(repo, work)
    path = work / "curriculum/usu/modules/keterbukaan-informasi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("jp: 16", "jp: enam belas"))
    step = next(s for s in github()["jobs"]["check"]["steps"] if "BASE_SHA" in s.get("env", {}))
    done = sh(kurikulum_lines(step["run"])[0], work, {"BASE_SHA": base})
    assert done.returncode == 1
    assert "::error file=curriculum/usu/modules/keterbukaan-informasi.yml,line=" in done.stdout


def test_github_build_step_builds_the_site(portal_repo, tmp_path):
    repo, _ = portal_repo
    work = tmp_path / "main"
    shutil.copytree(repo, work)
    build = github()["jobs"]["build"]
    lines = [line for s in build["steps"] for line in kurikulum_lines(s.get("run", ""))]
    assert lines == ["kurikulum build --no-cache --output site"]
    done = sh(lines[0], work)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (work / "site/index.html").is_file()
    assert (work / "site/modul/usu/keterbukaan-informasi/index.html").is_file()
    assert (work / "site/data/schema/module.schema.json").is_file()


# ---------------------------------------------------------------- GitLab CI


def gitlab() -> dict[str, Any]:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def test_gitlab_jobs_rules_and_pages():
    ci = gitlab()
    assert str(ci["variables"]["GIT_DEPTH"]) == "0"
    check, pages = ci["check"], ci["pages"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert pages["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert pages["artifacts"]["paths"] == ["public"]
    assert ci["stages"] == ["check", "deploy"]


def test_gitlab_merge_request_check_runs(portal_repo):
    repo, base = portal_repo
    lines = kurikulum_lines(gitlab()["check"]["script"])
    assert lines == ['kurikulum check --changed-since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"']
    done = sh(lines[0], repo, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 berkas kurikulum" in done.stdout


def test_gitlab_pages_job_builds_public(portal_repo, tmp_path):
    repo, _ = portal_repo
    work = tmp_path / "main"
    shutil.copytree(repo, work)
    script = gitlab()["pages"]["script"]
    lines = kurikulum_lines(script)
    assert lines == ["kurikulum build --no-cache --output public"]
    done = sh(lines[0], work)
    assert done.returncode == 0, done.stdout + done.stderr
    # The .gz copies GitLab Pages sends to browsers that accept them.
    (compress,) = [line for line in script if line.startswith("find public")]
    done = sh(compress, work)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("index.html", "data/katalog.json", "jadwal.ics", "cari/indeks.json"):
        packed = work / "public" / (name + ".gz")
        assert gzip.decompress(packed.read_bytes()) == (work / "public" / name).read_bytes()
    assert (work / "public/index.html").is_file()
    assert (work / "public/panduan/index.html").is_file()


# ---------------------------------------------------------------- CODEOWNERS


def test_codeowners_gives_each_partner_folder_to_its_editors():
    rules = [
        line.split()
        for line in CODEOWNERS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules[0][0] == "*", "the catch-all must come first: the last matching line wins"
    partners = sorted(p.name for p in (REPO / "curriculum").iterdir() if p.is_dir())
    owned = {r[0]: r[1:] for r in rules}
    for partner in partners:
        assert owned.get(f"/curriculum/{partner}/") == [f"@pemkomedan/editor-{partner}"], partner
    listed = [
        r[0].split("/")[2] for r in rules if r[0].startswith("/curriculum/") and r[0].endswith("/")
    ]
    assert sorted(listed) == partners  # no rule for a folder that does not exist
