"""The benchmark catalog is a valid curriculum of the size asked for.

`bench/check_speed.py` and `bench/build_speed.py` measure on what
`bench/gen_catalog.py` writes; a catalog with errors would time the error
path instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.catalog import check_curriculum

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from gen_catalog import generate  # noqa: E402


def test_a_generated_catalog_checks_clean_with_the_asked_sizes(tmp_path):
    generate(200, tmp_path, 7)
    result = check_curriculum(config_path=tmp_path / "site_config.yml")
    assert [p.format() for p in result.problems] == []
    loaded = result.loaded
    assert len(loaded.modules) == 200
    assert sum(len(m.offerings) for m in loaded.modules.values()) == 600
    assert len(loaded.internships) == 20
    assert len(loaded.partners) == 2
