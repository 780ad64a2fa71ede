"""The browser's stemmer (generator/assets/search/stem.js) gives PySastrawi's roots.

The build adds each page's roots with PySastrawi; the search box reduces query
words with stem.js. Both must agree, or a query word would miss the root its
page was indexed under. Checked on every word of the shipped curriculum and on
affixed forms built from dictionary roots, with Node.js when it is installed,
else in Chromium; skipped when neither is (failed when CI=true).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest

pytest.register_assert_rewrite("sitehelpers")
pytest_plugins = ["sitehelpers"]

from sitehelpers import CHROMIUM, CHROMIUM_ARGS, REPO, require  # noqa: E402

STEM_JS = REPO / "generator" / "assets" / "search" / "stem.js"

KNOWN = {  # examples from the papers behind the algorithm and from the issue
    "pengembangan": "kembang",
    "pengelolaan": "kelola",
    "kepemimpinan": "pimpin",
    "pelayanan": "layan",
    "layanan": "layan",
    "pembelajaran": "ajar",
    "pelatihan": "latih",
    "mempengaruhi": "pengaruh",
    "perundang-undangan": "undang",
    "menyusun": "susun",
    "penyusunan": "susun",
    "berbalas-balasan": "balas",
    "mengkritik": "kritik",
    "mensyaratkan": "syarat",
    "belajar": "ajar",
    "pelajar": "ajar",
}

AFFIXES = [
    ("me", ""), ("mem", ""), ("men", ""), ("meng", ""), ("meny", ""), ("me", "kan"),
    ("mem", "i"), ("pe", "an"), ("pem", "an"), ("pen", "an"), ("peng", "an"), ("peny", "an"),
    ("pel", "an"), ("ke", "an"), ("ber", ""), ("be", ""), ("ber", "an"), ("di", "kan"),
    ("di", "i"), ("ter", ""), ("te", ""), ("per", "an"), ("memper", "kan"), ("diper", "kan"),
    ("se", ""), ("ku", ""), ("kau", ""), ("", "nya"), ("", "lah"), ("", "kan"), ("", "an"),
    ("", "isasi"),
]  # fmt: skip


def _dictionary() -> list[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # One entry of the shipped list holds quotes; words never do.
    return [w for w in StemmerFactory().get_words() if re.fullmatch(r"[a-z-]+", w or "")]


def _words(dictionary: list[str]) -> list[str]:
    words: set[str] = set(KNOWN)
    for path in (REPO / "curriculum").rglob("*.yml"):
        words |= set(re.findall(r"[a-z]+(?:-[a-z]+)*", path.read_text(encoding="utf-8").lower()))
    rnd = random.Random(5)
    for root in rnd.sample(dictionary, 1200):
        for prefix, suffix in rnd.sample(AFFIXES, 4):
            words.add(prefix + root + suffix)
        words.add(f"{root}-{root}")
    return sorted(words)


_RUN = """
const factory = require(process.argv[process.argv.length - 2])[process.argv[process.argv.length - 1]];
const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const stem = factory(new Set(data.dictionary));
process.stdout.write(JSON.stringify(data.words.map(w => stem(w))));
"""


def js_roots(dictionary: list[str], words: list[str], factory: str = "stemmer") -> list[str]:
    """The roots stem.js gives `words` with `dictionary`: its `stemmer` or `rooter`."""
    payload = json.dumps({"dictionary": dictionary, "words": words})
    node = shutil.which("node") or shutil.which("nodejs")
    if node:
        out = subprocess.run(
            [node, "-e", _RUN, str(STEM_JS), factory],
            input=payload,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(out.stdout)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(
        sync_playwright is not None and CHROMIUM.exists(),
        "neither Node.js nor Chromium with Playwright to run stem.js",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.add_script_tag(content=STEM_JS.read_text(encoding="utf-8"))
            return page.evaluate(
                "d => { const s = kkStem[d.factory](new Set(d.dictionary)); return d.words.map(w => s(w)); }",
                {**json.loads(payload), "factory": factory},
            )
        finally:
            browser.close()


@pytest.fixture(scope="module")
def sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def test_same_roots_as_pysastrawi_with_the_full_dictionary(sastrawi):
    dictionary = _dictionary()
    words = _words(dictionary)
    expected = [sastrawi.stem(w) for w in words]
    got = js_roots(dictionary, words)
    wrong = [(w, e, g) for w, e, g in zip(words, expected, got, strict=True) if e != g]
    assert not wrong, f"{len(wrong)} of {len(words)} differ, e.g. {wrong[:10]}"
    for word, root in KNOWN.items():
        assert got[words.index(word)] == root, word


def test_same_roots_with_the_cut_dictionary(sastrawi):
    """With only the roots present in an index, words whose root is there still reach it."""
    dictionary = set(_dictionary())
    words = _words(sorted(dictionary))
    rnd = random.Random(7)
    python_roots = {w: sastrawi.stem(w) for w in words}
    cut = sorted({r for r in python_roots.values() if r in dictionary and rnd.random() < 0.5})
    got = dict(zip(words, js_roots(cut, words), strict=True))
    in_cut = set(cut)
    wrong = [(w, r, got[w]) for w, r in python_roots.items() if r in in_cut and got[w] != r]
    assert not wrong, f"{len(wrong)} differ, e.g. {wrong[:10]}"
