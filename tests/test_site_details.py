"""Details of the built sample site that a reader meets on every visit: the page
that says an address does not exist, the page titles, the footer, the names the
theme gives its landmarks, a partner's phone number.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

pytest.register_assert_rewrite("sitehelpers")

from sitehelpers import REPO, parse  # noqa: E402

pytest_plugins = ["sitehelpers"]

# English a reader might meet in the theme's own markup.
ENGLISH = re.compile(r"\b(Not found|Header|Skip to content|Back to top)\b")


def _title(html: str) -> str:
    return re.search(r"<title>([^<]*)</title>", html).group(1)


def test_the_not_found_page_speaks_indonesian_and_leads_back(sample_site: Path) -> None:
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Halaman tidak ditemukan</h1>" in html
    assert "404 - Not found" not in html
    assert _title(html).startswith("Halaman tidak ditemukan - ")
    doc = parse(sample_site / "404.html")
    hrefs = {value for tag, attr, value in doc.links if tag == "a" and attr == "href"}
    # Shown at any depth, the page's links start from its <base>, the site's root
    # (tests/test_site_404.py serves it under another path): each names a page.
    assert '<base href="/">' in html
    for target in ("", "modul/", "jadwal/", "magang/"):
        assert target in hrefs, sorted(hrefs)
        assert (sample_site / target / "index.html").is_file()


def test_the_home_page_title_is_the_site_name_once(sample_site: Path) -> None:
    home = _title((sample_site / "index.html").read_text(encoding="utf-8"))
    module_list = _title((sample_site / "modul" / "index.html").read_text(encoding="utf-8"))
    site_name = module_list.rpartition(" - ")[2]
    assert home == site_name, home
    assert module_list != site_name  # other pages: their own title, then the site's


@pytest.mark.parametrize("url", ["", "modul/", "jadwal/", "rencana/"])
def test_landmarks_and_controls_are_named_in_indonesian(sample_site: Path, url: str) -> None:
    html = (sample_site / url / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Kepala halaman"' in html
    assert not ENGLISH.findall(re.sub(r"<script\b.*?</script>", "", html, flags=re.S))
    # A keyboard user can skip the header and navigation, to an element that exists.
    assert '<a href="#kk-isi" class="md-skip">Lewati ke isi</a>' in html
    assert html.count('id="kk-isi"') == 1
    # The phone menu's button is named by kurikulum.js (no inline script: the
    # Content-Security-Policy of the hosting guide allows none).
    script = re.search(r'<script src="([^"]*kurikulum/kurikulum\.[0-9a-f]+\.js)"', html)
    assert script is not None, "every page loads kurikulum.js"
    js = (sample_site / url / script[1]).resolve().read_text(encoding="utf-8")
    assert '"aria-label", "Menu navigasi"' in js


def test_the_footer_links_to_the_open_data(sample_site: Path) -> None:
    for url in ("", "modul/", "magang/"):
        doc = parse(sample_site / url / "index.html")
        depth = url.count("/")
        expected = "../" * depth + "data/"
        hrefs = [value for tag, attr, value in doc.links if tag == "a" and attr == "href"]
        assert expected in hrefs, (url, hrefs[-10:])
    assert (sample_site / "data" / "index.html").is_file()


def test_a_partner_phone_number_can_be_tapped(sample_site: Path) -> None:
    found = 0
    for path in sorted((sample_site / "mitra").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        phone = re.search(r"<dt>Telepon</dt><dd>(.*?)</dd>", html)
        if phone:
            assert re.fullmatch(r'<a href="tel:\+?[0-9()]+">[^<]+</a>', phone.group(1)), phone
            found += 1
    assert found, "the sample needs a partner with a phone number"


def test_schedule_method_options_are_told_apart(sample_site: Path) -> None:
    """A module taught as a discussion forum and a forum's own meetings are two
    options; their labels must not read alike ("Forum Diskusi" beside "Forum")."""
    html = (sample_site / "jadwal" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select name="method">(.*?)</select>', html, re.S).group(1)
    options = dict(re.findall(r'<option value="([^"]*)">([^<]*)</option>', select))
    assert options["forum"] == "Pertemuan forum"
    labels = [label.lower() for value, label in options.items() if value]
    for label in labels:
        others = [o for o in labels if o != label]
        assert not any(o.startswith(label) for o in others), (label, labels)


class _Meta(HTMLParser):
    """The <meta property=...> and <meta name=...> of a page's head, unescaped."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            self.found.setdefault(key, []).append(values.get("content") or "")


def _link_preview(site: Path, url: str) -> dict[str, str]:
    parser = _Meta()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    og = {k: v for k, v in parser.found.items() if k.startswith(("og:", "twitter:"))}
    assert all(len(v) == 1 for v in og.values()), og
    return {k: v[0] for k, v in og.items()}


def test_a_shared_link_shows_the_pages_own_title_and_summary(sample_site: Path) -> None:
    """WhatsApp and Telegram previews read Open Graph: each page names itself."""
    home = _link_preview(sample_site, "")
    site_name = home["og:site_name"]
    assert home["og:title"] == site_name
    assert home["og:url"] == "https://kurikulum.pemkomedan.go.id/"
    assert home["og:locale"] == "id_ID"
    module = sorted((sample_site / "modul").glob("*/*/index.html"))[0].parent
    url = module.relative_to(sample_site).as_posix() + "/"
    preview = _link_preview(sample_site, url)
    record = yaml.safe_load(
        (REPO / "curriculum" / module.parent.name / "modules" / f"{module.name}.yml").read_text(
            encoding="utf-8"
        )
    )
    assert preview["og:title"] == record["title"]
    assert preview["og:description"] == record["summary"]
    assert preview["og:url"] == "https://kurikulum.pemkomedan.go.id/" + url
    assert preview["og:site_name"] == site_name
    # A page outside the records (the editor guide) has its own title too.
    assert _link_preview(sample_site, "panduan/")["og:title"] == "Panduan Editor"


def test_a_link_preview_shows_markup_like_text_as_text(mini_site: Path) -> None:
    html = (mini_site / "modul/usu/pelayanan-prima/index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<script>alert(1)" not in head
    preview = _link_preview(mini_site, "modul/usu/pelayanan-prima/")
    assert preview["og:title"] == "Pelayanan Prima </title><script>alert(1)</script>"
    assert preview["og:description"].startswith(
        'Dasar pelayanan publik yang cepat & ramah, "tanpa"'
    )
    assert "og:url" not in preview  # the mini project has no `url`: no address to give


def _jsonld(site: Path, url: str) -> dict:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, url
    return json.loads(blocks[0])


def test_a_module_page_describes_its_course_and_coming_offerings(mini_site: Path) -> None:
    # Built on 2026-03-01: angkatan-1 (February) has ended, the other two are to come.
    data = _jsonld(mini_site, "modul/usu/pelayanan-prima/")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    # The title as written (with its markup-like text), escaped only by JSON.
    assert data["name"] == "Pelayanan Prima </title><script>alert(1)</script>"
    assert data["courseCode"] == "usu/pelayanan-prima" and data["inLanguage"] == "id"
    assert data["timeRequired"] == "PT1080M"  # 24 JP of 45 minutes
    assert data["educationalLevel"] == "Dasar"
    assert data["provider"]["@type"] == "Organization"
    assert "url" not in data  # no `url` in the mini project's site_config.yml
    instances = data["hasCourseInstance"]
    assert [i["name"] for i in instances] == ["Angkatan II 2026", "Angkatan III 2026"]
    assert instances[0]["startDate"] == "2026-04-06T08:00:00+07:00"
    assert instances[0]["endDate"] == "2026-04-08T16:00:00+07:00"
    assert instances[1]["startDate"] == "2026-09-07" and instances[1]["endDate"] == "2026-09-09"
    assert {i["courseMode"] for i in instances} == {"onsite"}
    assert instances[0]["location"]["name"] == "Gedung Pusat Pelatihan USU"
    assert instances[0]["location"]["address"]["addressLocality"] == "Medan"


def test_cancelled_and_postponed_offerings_say_so(mini_site: Path) -> None:
    data = _jsonld(mini_site, "modul/unimed/pelayanan-lanjut/")
    statuses = {i["name"]: i["eventStatus"] for i in data["hasCourseInstance"]}
    assert statuses == {
        "a1": "https://schema.org/EventCancelled",
        "a2": "https://schema.org/EventPostponed",
        "a3": "https://schema.org/EventScheduled",
    }
    online = data["hasCourseInstance"][2]
    assert online["courseMode"] == "blended"
    assert online["location"] == {
        "@type": "VirtualLocation",
        "url": "https://elearning.unimed.example/",
    }
