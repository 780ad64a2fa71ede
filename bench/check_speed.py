"""Time `kurikulum check` on a synthetic catalog of N modules.

    python bench/check_speed.py 10000 [--dir DIR] [--seed S] [--repeat R] [--regenerate]
        [--skip-cache]

Writes the catalog with `gen_catalog.py` (or reuses DIR when its manifest says
it holds the same N and seed), runs `python -m generator check DIR/curriculum`
in a child process with DIR as the working folder, and prints the wall time,
the child's peak resident memory, the files checked and the exit code, next to
the targets of the issue: at most 10 s and 1 GiB at N = 10,000. Those runs
read every file (`--no-cache`), as a fresh CI checkout does; then, unless
`--skip-cache`, one run fills an empty record cache and one more uses it.

Peak memory comes from `os.wait4`, the kernel's rusage of that one child
(and of any process it waited for), so no extra dependency is needed. The
script exits with the checker's exit code when it is not 0: a generated
catalog must check clean. Missing a target only prints FAIL; benchmarks
report figures, they are not tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from gen_catalog import FORMAT_VERSION, default_out, generate, read_manifest

REPO = Path(__file__).resolve().parent.parent
TARGET_N = 10_000
TARGET_SECONDS = 10.0
TARGET_BYTES = 1024**3
SUMMARY_RE = re.compile(r"Diperiksa ([\d.]+) berkas")  # 10.000: a dot between thousands
SHOWN_PROBLEMS = 30


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    exit_code: int
    stdout: str
    stderr: str


def ensure_catalog(n: int, out: Path, seed: int, regenerate: bool) -> str:
    """Write the catalog unless `out` already holds the same one; says which happened."""
    manifest = read_manifest(out)
    same = (
        manifest is not None
        and manifest.get("format") == FORMAT_VERSION
        and manifest.get("n") == n
        and manifest.get("seed") == seed
        and (out / "curriculum").is_dir()
        and (out / "site_config.yml").is_file()
    )
    if same and not regenerate:
        return "reused"
    started = time.perf_counter()
    generate(n, out, seed)
    return f"generated in {time.perf_counter() - started:.1f} s"


def run_check(folder: Path, cache_dir: Path | None = None) -> Run:
    """Run the checker as a child process and measure that child alone.

    Without `cache_dir` the checker reads every file (`--no-cache`): the cold
    run of a fresh CI checkout, which is what the target is about.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = [sys.executable, "-m", "generator", "check", str(folder / "curriculum")]
    if cache_dir is None:
        command.append("--no-cache")
    else:
        env["KURIKULUM_CACHE_DIR"] = str(cache_dir)
    # Output goes to files, not pipes: a checker reporting thousands of problems
    # must not block on a full pipe while we wait for it.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=err)
        # wait4 instead of child.wait(): it also returns the rusage of this child.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return Run(seconds, usage.ru_maxrss * scale, child.returncode, stdout, stderr)


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 1024**2:,.1f} MiB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(
    n: int, folder: Path, how: str, runs: list[Run], catalog_files: int, cached: list[Run]
) -> None:
    last = runs[-1]
    times = [r.seconds for r in runs]
    peak = max(r.peak_bytes for r in runs)
    exit_code = next((r.exit_code for r in runs if r.exit_code != 0), 0)
    lines = (last.stdout + last.stderr).splitlines()
    summary = next((line for line in reversed(lines) if SUMMARY_RE.search(line)), None)
    match = SUMMARY_RE.search(summary) if summary else None
    checked = f"{int(match.group(1).replace('.', '')):,}" if match else "?"
    problems = [line for line in lines if line != summary and line.strip()]

    if len(runs) == 1:
        wall = f"{times[0]:.2f} s"
    else:
        wall = (
            f"{min(times):.2f} s (median {statistics.median(times):.2f}, "
            f"max {max(times):.2f}, {len(runs)} runs)"
        )
    rows = [
        ("wall time", wall, f"<= {TARGET_SECONDS:g} s", verdict(max(times) <= TARGET_SECONDS)),
        ("peak RSS", mib(peak), "<= 1 GiB", verdict(peak <= TARGET_BYTES)),
        ("files checked", checked, "", ""),
        *(
            [
                ("first run, filling the cache", f"{cached[0].seconds:.2f} s", "", ""),
                ("later run, warm cache", f"{cached[1].seconds:.2f} s", "", ""),
                ("peak RSS, warm cache", mib(cached[1].peak_bytes), "", ""),
            ]
            if cached
            else []
        ),
        ("exit code", str(exit_code), "0", verdict(exit_code == 0)),
    ]
    print(f"kurikulum check, N = {n:,} modules")
    print(f"  catalog   {folder}")
    print(f"            {how}; {catalog_files:,} .yml files in curriculum/ + site_config.yml")
    print(f"  command   python -m generator check {folder / 'curriculum'} --no-cache")
    if summary:
        print(f"  checker   {summary.strip()}")
    print()
    header = ("metric", "value", f"target (N = {TARGET_N:,})", "result")
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(4)]
    for row in (header, tuple("-" * w for w in widths), *rows):
        cells = (str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
        print(("  " + "  ".join(cells)).rstrip())
    if n != TARGET_N:
        print(
            f"\n  The targets are defined at N = {TARGET_N:,}; at N = {n:,} they are a reference."
        )
    if problems:
        print(f"\nChecker output ({len(problems):,} lines, first {SHOWN_PROBLEMS}):")
        for line in problems[:SHOWN_PROBLEMS]:
            print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of modules")
    parser.add_argument("--dir", type=Path, help="catalog folder (default bench/out/catalog-N)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the checker (default 1)")
    parser.add_argument(
        "--regenerate", action="store_true", help="write the catalog even if it exists"
    )
    parser.add_argument(
        "--skip-cache",
        action="store_true",
        help="do not also time a run that fills the record cache and one that uses it",
    )
    args = parser.parse_args(argv)
    folder = (args.dir or default_out(args.n)).resolve()
    try:
        how = ensure_catalog(args.n, folder, args.seed, args.regenerate)
    except (ValueError, FileExistsError) as exc:
        print(f"check_speed: {exc}", file=sys.stderr)
        return 2
    catalog_files = sum(1 for _ in (folder / "curriculum").rglob("*.yml"))
    runs = [run_check(folder) for _ in range(max(1, args.repeat))]
    cached: list[Run] = []
    if not args.skip_cache:
        # `check` uses a cache folder that `build` or `serve` made: make an empty one.
        with tempfile.TemporaryDirectory(prefix="check-speed-cache-") as cache_dir:
            cached = [run_check(folder, Path(cache_dir)) for _ in range(2)]
    report(args.n, folder, how, runs, catalog_files, cached)
    failed = next((r.exit_code for r in runs if r.exit_code != 0), 0)
    return failed if failed > 0 else (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
