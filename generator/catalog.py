"""The validated, cross-linked curriculum and the `check` entry point."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import run_checks
from generator.config import CONFIG_NAME, load_config
from generator.load import Loaded, load_curriculum
from generator.model import DEFAULT_TZ, SiteConfig
from generator.problems import Problem


@dataclass
class CheckResult:
    config: SiteConfig | None
    loaded: Loaded | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_curriculum(
    curriculum_dir: Path | None = None, *, config_path: Path = Path(CONFIG_NAME)
) -> CheckResult:
    """Load and check everything; never raises for an editor's mistake."""
    problems: list[Problem] = []
    config: SiteConfig | None = None
    if config_path.exists() or curriculum_dir is None:
        config, problems = load_config(config_path)
    tz = config.tz if config else DEFAULT_TZ
    if curriculum_dir is None:
        if config is None:
            return CheckResult(config, None, problems, 1)
        curriculum_dir = config_path.parent / config.curriculum
    loaded = load_curriculum(curriculum_dir, tz=tz)
    problems += loaded.problems
    problems += run_checks(loaded)
    files = loaded.files + (1 if config_path.exists() else 0)
    return CheckResult(config, loaded, _sorted(problems), files)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.field, p.message))
