/* Portal Kurikulum: search that understands Indonesian.
 *
 * One pipeline, used by the search box and exposed as
 *   window.portalSearch(query, filters, options)
 *     -> Promise<{suggestion, partial, total, results: [{url, title, excerpt, type, partner, jp}]}>
 *
 *   1. Query words are reduced to their dictionary roots (stem.js, with the
 *      roots present in the index: cari/akar.txt), so "pelayanan", "layanan"
 *      and "melayani" all search "layan"; function words (dan, di, untuk ...)
 *      are not required.
 *   2. One Pagefind search (all words required), with Pagefind filters (type,
 *      method, mode, partner, competency type, competency, level, month of
 *      the next offering), also with an empty query.
 *   3. When it finds nothing, or nothing that really holds a word (Pagefind's
 *      stemmer cuts "integirtas" to "i", which matches anything), each word
 *      that no indexed page contains is replaced by the closest indexed word
 *      (Damerau-Levenshtein <= 2, <= 1 for words of 4 letters or fewer; ties
 *      to the more frequent; cari/kata.txt, loaded only then) and the
 *      corrected query runs: "Maksud Anda: kepemimpinan?". The last word may
 *      be unfinished: a prefix of an indexed word is not corrected.
 *   4. When several words still find nothing together, pages with most of
 *      them are shown (`partial`).
 *   5. The first results put pages with the words in their title first, then
 *      pages with the words as typed, then the rest in Pagefind's order.
 *
 * Excerpts come from the page text only: the roots the build adds at the end
 * of each page's indexed text (meta `akar` = their count) are cut off, and a
 * page matched only through them shows its first words after the title (the
 * summary, which is not a metadata field: Pagefind would index it twice).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../../", script ? script.src : location.href);
  var DEBOUNCE_MS = 60;
  var MIN_CHARS = 3; // the box searches from the third character on
  // A query of one short word (3 letters) is most often a word still being
  // typed, and its prefix matches the most pages ("per" finds 11,000 of 11,350
  // pages of a large catalog, a search of over a second that the next keys
  // would wait for): it is searched only after a longer pause.
  var SHORT_WORD = 4;
  var SHORT_DEBOUNCE_MS = 300;
  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 28;
  var FILTERS = [
    ["jenis", "Jenis"],
    ["metode", "Metode"],
    ["moda", "Moda"],
    ["mitra", "Mitra"],
    ["jenis_kompetensi", "Jenis kompetensi"],
    ["kompetensi", "Kompetensi"],
    ["jenjang", "Jenjang"],
    ["bulan", "Bulan angkatan"],
  ];
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];
  // Function words: a page need not contain them to match.
  var STOPWORDS = new Set(("dan atau di ke dari yang untuk dengan pada dalam bagi oleh " +
    "ini itu serta tentang terhadap sebagai secara para").split(" "));

  // ------------------------------------------------------------ loading

  var loaded = {};
  function once(key, make) {
    if (!loaded[key]) {
      loaded[key] = make();
      loaded[key].catch(function () { delete loaded[key]; });
    }
    return loaded[key];
  }

  function pagefind() {
    return once("pagefind", function () {
      return import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
        // noWorker: Pagefind's Web Worker would load its own copy of the
        // runtime (pagefind-worker.js, 12 KB more for the first query); the box
        // runs one search at a time anyway, so it runs in the page.
        return pf.options({ baseUrl: ROOT.pathname, excerptLength: EXCERPT_WORDS, noWorker: true })
          .then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    });
  }

  function text(path) {
    return fetch(new URL(path, ROOT).href, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.text();
    }).then(function (body) {
      return body.split("\n").filter(Boolean);
    });
  }

  function stemmer() {
    return once("stemmer", function () {
      var code = window.kkStem ? Promise.resolve() : new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("stem.js", script.src).href;
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
      return Promise.all([code, text("cari/akar.txt")]).then(function (done) {
        var roots = new Set(done[1]);
        var stem = window.kkStem.stemmer(roots);
        return { roots: roots, stem: stem };
      });
    });
  }

  function vocabulary() {
    return once("vocabulary", function () {
      return text("cari/kata.txt").then(function (words) {
        return { list: words, known: new Set(words), sorted: words.slice().sort() };
      });
    });
  }

  /** Start loading what the first query needs (on focus, before typing ends). */
  function warm() {
    pagefind().catch(function () {});
    stemmer().catch(function () {});
  }

  // ------------------------------------------------------------ query pipeline

  function words(query) {
    return (String(query || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) || []);
  }

  function cleanFilters(filters) {
    var out = {};
    Object.keys(filters || {}).forEach(function (key) {
      var value = filters[key];
      if (value === "" || value == null || (Array.isArray(value) && !value.length)) return;
      out[key] = value;
    });
    return out;
  }

  function contentWords(list) {
    var content = list.filter(function (w) { return !STOPWORDS.has(w); });
    return content.length ? content : list;
  }

  function rootQuery(list, stem) {
    return contentWords(list).map(function (w) { return /^[a-z-]+$/.test(w) ? stem(w) : w; }).join(" ");
  }

  /** Ranked pages for `list` (all words required), found through their roots. */
  function find(pf, list, stem, filters) {
    return pf.search(rootQuery(list, stem), { filters: filters }).then(function (r) {
      return r.results;
    });
  }

  function plainWords(text) {
    return " " + String(text || "").toLowerCase().replace(/[^0-9a-z\u00c0-\u024f-]+/g, " ") + " ";
  }

  /**
   * Within the first results, pages with the words (or their roots) in the
   * title come first, then those with the words as typed, those with the
   * words next to each other ("media sosial", not "mediasi ... sosial")
   * before the others: "kependudukan" ranks pages about
   * kependudukan above pages that only share the root "duduk". Pagefind's
   * order is kept otherwise. (One Pagefind search per query: on 10,000 pages
   * a search for a word on most of them takes hundreds of milliseconds.)
   */
  function rerank(datas, list, stem) {
    var typed = contentWords(list);
    var phrase = " " + typed.join(" ") + " ";
    var scored = datas.map(function (d, i) {
      var text = plainWords(d.raw_content);
      var title = plainWords(d.meta && d.meta.title);
      var all = typed.every(function (w) { return text.indexOf(" " + w) >= 0; });
      var near = typed.length > 1 && text.indexOf(phrase) >= 0;
      var titled = typed.every(function (w) {
        var root = stem ? stem(w) : w;
        return title.indexOf(" " + w + " ") >= 0 || (root !== w && title.indexOf(root) >= 0);
      });
      return { d: d, key: (titled ? 4 : 0) + (near ? 2 : 0) + (all ? 1 : 0), i: i };
    });
    scored.sort(function (a, b) { return b.key - a.key || a.i - b.i; });
    return scored.map(function (x) { return x.d; });
  }

  function distance(a, b, max) {
    // Damerau-Levenshtein (optimal string alignment), stopping above `max`.
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /** The closest indexed word, or null. `list` is ordered most frequent first. */
  function closest(word, list) {
    var max = word.length <= 4 ? 1 : 2;
    var found = null;
    var foundDistance = max + 1;
    for (var i = 0; i < list.length; i++) {
      var d = distance(word, list[i], foundDistance - 1);
      if (d < foundDistance) {
        found = list[i];
        foundDistance = d;
        if (d <= 1) break;
      }
    }
    return found;
  }

  function correctable(w) {
    return w.length > 2 && /^[a-z]+(?:-[a-z]+)*$/.test(w) && !STOPWORDS.has(w);
  }

  /**
   * Words no indexed page contains (neither the word nor its root is in the
   * index) are replaced by the closest indexed word; words with no close
   * word are dropped (null). The vocabulary loads only for such words.
   */
  function checkWords(list, tools, only) {
    var doubtful = list.filter(function (w) {
      return correctable(w) && (only ? only.indexOf(w) >= 0 : !tools.roots.has(tools.stem(w)));
    });
    if (!doubtful.length) return Promise.resolve(null);
    var last = list[list.length - 1];
    return vocabulary().then(function (vocab) {
      var unknown = doubtful.filter(function (w) {
        // The last word may still be being typed: a prefix of an indexed word is fine.
        return !vocab.known.has(w) && !(w === last && startsSome(vocab.sorted, w));
      });
      if (!unknown.length) return null;
      return list.map(function (w) {
        return unknown.indexOf(w) >= 0 ? closest(w, vocab.list) : w;
      });
    });
  }

  function startsSome(sorted, prefix) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo].indexOf(prefix) === 0;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /** An excerpt of the page text around its matches, without the added roots. */
  function excerpt(data, marks) {
    var raw = data.raw_content || "";
    var all = raw.split(/[\r\n\s]+/g);
    var rootCount = parseInt((data.meta && data.meta.akar) || "0", 10) || 0;
    var end = Math.max(0, all.length - rootCount);
    // The content starts with the title, which is shown already.
    var begin = Math.min(end, ((data.meta && data.meta.title) || "").split(/\s+/).filter(Boolean).length);
    var weighted = (data.weighted_locations || []).filter(function (l) {
      return l.location >= begin && l.location < end;
    });
    if (!weighted.length) {
      // Matched only through the added roots: the page's first words after the
      // title, its summary (the lead paragraph).
      var lead = all.slice(begin, Math.min(end, begin + EXCERPT_WORDS));
      return escapeHtml(lead.join(" ")) + (begin + EXCERPT_WORDS < end ? " …" : "");
    }
    // The window of EXCERPT_WORDS words with the highest matched weight.
    var score = [];
    weighted.forEach(function (l) { score[l.location] = (score[l.location] || 0) + l.balanced_score; });
    var bestStart = 0;
    var bestSum = -1;
    var first = weighted[0].location;
    var last = weighted[weighted.length - 1].location;
    for (var s = Math.max(begin, first - EXCERPT_WORDS + 1); s <= last; s++) {
      var sum = 0;
      for (var k = s; k < s + EXCERPT_WORDS && k < end; k++) sum += score[k] || 0;
      if (sum > bestSum) { bestSum = sum; bestStart = s; }
    }
    var start = Math.max(begin, Math.min(bestStart - 4, end - EXCERPT_WORDS));
    var stop = Math.min(end, start + EXCERPT_WORDS);
    var marked = new Set(weighted.map(function (l) { return l.location; }));
    var out = [];
    for (var w = start; w < stop; w++) {
      var word = escapeHtml(all[w]);
      var plain = all[w].toLowerCase();
      var hit = marked.has(w) || (marks || []).some(function (m) { return plain.indexOf(m) >= 0; });
      out.push(hit ? "<mark>" + word + "</mark>" : word);
    }
    return (start > begin ? "… " : "") + out.join(" ") + (stop < end ? " …" : "");
  }

  function shape(data, marks) {
    var meta = data.meta || {};
    return {
      url: data.url,
      title: meta.title || data.url,
      excerpt: excerpt(data, marks),
      type: meta.jenis || "",
      partner: meta.mitra || "",
      jp: meta.jp ? parseInt(meta.jp, 10) : null,
    };
  }


  /** Pages matching most of the words, when none matches them all. */
  function partial(pf, list, stem, filters) {
    var content = list.filter(function (w) { return !STOPWORDS.has(w); });
    if (content.length < 2) return Promise.resolve([]);
    return Promise.all(content.map(function (w) {
      return pf.search(rootQuery([w], stem), { filters: filters });
    })).then(function (searches) {
      var byId = new Map();
      searches.forEach(function (s) {
        s.results.forEach(function (r) {
          var seen = byId.get(r.id);
          if (seen) { seen.hits += 1; seen.score += r.score; } else {
            byId.set(r.id, { result: r, hits: 1, score: r.score });
          }
        });
      });
      return Array.from(byId.values()).sort(function (a, b) {
        return b.hits - a.hits || b.score - a.score;
      }).map(function (x) { return x.result; });
    });
  }

  /**
   * The whole query pipeline. `filters` maps a filter key to a value (or a
   * list of values, all required). `options.limit` results are returned
   * (default 10), from `options.offset`; `total` counts them all.
   */
  var STALE = { stale: true };

  /**
   * Query words (of 4 letters or more) that no shown result really contains:
   * Pagefind's stemmer cuts an unknown word such as "integirtas" down to a
   * few letters that then match anything. A result contains a word when one
   * of its matched words holds the word or its root.
   */
  function unmatched(datas, list, tools) {
    var matched = [];
    datas.forEach(function (d) {
      var all = String(d.raw_content || "").split(/[\r\n\s]+/g);
      (d.locations || []).forEach(function (l) {
        if (all[l]) matched.push(all[l].toLowerCase().replace(/[^0-9a-z-]+/g, ""));
      });
    });
    return contentWords(list).filter(function (w) {
      if (w.length < 4 || !correctable(w)) return false;
      var root = tools.stem(w);
      return !matched.some(function (m) { return m.indexOf(root) >= 0 || m.indexOf(w) >= 0; });
    });
  }

  function portalSearch(query, filters, options) {
    options = options || {};
    var limit = options.limit || PAGE_SIZE;
    var offset = options.offset || 0;
    var f = cleanFilters(filters);
    var list = words(query);
    // A last word of one or two letters is still being typed: searching its
    // prefix would load half the index.
    if (list.length > 1 && list[list.length - 1].length < 3 && !/\s$/.test(query)) list.pop();
    var hasFilters = Object.keys(f).length > 0;
    if (!list.length && !hasFilters) {
      return Promise.resolve({ suggestion: null, partial: false, results: [], total: 0 });
    }
    // The same words and filters again ("pelatihan" and "pelatihan d", whose
    // last letter is not searched yet): the answer found before.
    var key = JSON.stringify([list, f, offset, limit]);
    if (answers.has(key)) return Promise.resolve(answers.get(key));
    return searchWords(query, list, f, offset, limit, options).then(function (answer) {
      answers.set(key, answer);
      if (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value);
      return answer;
    });
  }

  var answers = new Map();
  var ANSWERS_KEPT = 20;

  function searchWords(query, list, f, offset, limit, options) {
    var stale = options.stale || function () { return false; };
    function still(value) {
      if (stale()) throw STALE;
      return value;
    }
    function load(found) {
      still();
      return Promise.all(found.slice(offset, offset + limit).map(function (r) { return r.data(); }))
        .then(still);
    }
    function finish(found, datas, suggestion, isPartial, used) {
      var ordered =
        used && used.length && offset === 0 ? rerank(datas, used, tools && tools.stem) : datas;
      // Also mark the words holding a query word or its root (kepemimpinan for pimpin).
      var marks = [];
      (used || []).forEach(function (w) {
        if (w.length < 4 || STOPWORDS.has(w)) return;
        marks.push(w);
        var root = tools && tools.stem(w);
        if (root && root.length >= 4 && root !== w) marks.push(root);
      });
      return { suggestion: suggestion, partial: !!isPartial,
        results: ordered.map(function (d) { return shape(d, marks); }), total: found.length };
    }
    var tools = null;
    return Promise.all([pagefind(), list.length ? stemmer() : null]).then(function (ready) {
      var pf = ready[0];
      tools = ready[1];
      function some(words, suggestion) {
        return partial(pf, words, tools.stem, f).then(function (found) {
          return load(found).then(function (datas) {
            return finish(found, datas, suggestion, found.length > 0, words);
          });
        });
      }
      if (!list.length) {
        return pf.search(null, { filters: f }).then(function (r) {
          return load(r.results).then(function (datas) { return finish(r.results, datas, null); });
        });
      }
      return find(pf, list, tools.stem, f).then(function (found) {
        return load(found).then(function (datas) {
          var missing = found.length ? unmatched(datas, list, tools) : null;
          if (found.length && !missing.length) return finish(found, datas, null, false, list);
          // Words no indexed page contains: search the closest indexed words instead.
          return checkWords(list, tools, missing).then(still).then(function (checked) {
            if (!checked) {
              return found.length ? finish(found, datas, null, false, list) : some(list, null);
            }
            var usable = checked.filter(Boolean);
            var corrected = checked.some(function (w, i) { return w && w !== list[i]; });
            var suggestion = corrected ? usable.join(" ") : null;
            var dropped = checked.length - usable.length;
            if (!usable.length) return finish([], [], suggestion);
            return find(pf, usable, tools.stem, f).then(function (fixed) {
              if (fixed.length) {
                return load(fixed).then(function (datas2) {
                  return finish(fixed, datas2, suggestion, dropped > 0, usable);
                });
              }
              if (found.length) return finish(found, datas, null, false, list);
              return some(usable, suggestion);
            });
          });
        });
      });
    });
  }

  window.portalSearch = function (query, filters, options) {
    return portalSearch(query, filters, options).then(function (r) {
      return { suggestion: r.suggestion, partial: r.partial, results: r.results, total: r.total };
    });
  };

  // ------------------------------------------------------------ the search box

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "html") node.innerHTML = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function monthLabel(value) {
    var m = /^(\d{4})-(\d{2})$/.exec(value);
    return m ? MONTHS[parseInt(m[2], 10) - 1] + " " + m[1] : value;
  }

  function setup() {
    var box = document.querySelector("[data-kk-search]");
    if (!box) return;
    var header = document.querySelector(".md-header__inner");
    if (header) {
      var anchor = header.querySelector(".md-header__source");
      header.insertBefore(box, anchor);
    }
    box.hidden = false;
    var opener = box.querySelector(".kk-search__open");
    var dialog = box.querySelector(".kk-search__dialog");
    var input = box.querySelector(".kk-search__input");
    var form = box.querySelector(".kk-search__form");
    var status = box.querySelector(".kk-search__status");
    var list = box.querySelector(".kk-search__results");
    var more = box.querySelector(".kk-search__more");
    var toggle = box.querySelector(".kk-search__filter-toggle");
    var panel = box.querySelector(".kk-search__filters");
    var closeButton = box.querySelector(".kk-search__close");
    var selects = {};
    var timer = null;
    var sequence = 0;
    var shown = 0;
    var lastFound = null;
    var returnFocus = null;

    function currentFilters() {
      var f = {};
      Object.keys(selects).forEach(function (k) { if (selects[k].value) f[k] = selects[k].value; });
      return f;
    }

    function open(prefill) {
      if (!dialog.hidden) return;
      returnFocus = document.activeElement;
      dialog.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      document.documentElement.classList.add("kk-search-open");
      if (prefill) input.value = prefill;
      input.focus();
      warm();
    }

    function close() {
      if (dialog.hidden) return;
      dialog.hidden = true;
      opener.setAttribute("aria-expanded", "false");
      document.documentElement.classList.remove("kk-search-open");
      if (returnFocus && returnFocus.focus) returnFocus.focus();
    }

    function render(answer, query, append) {
      if (!append) list.textContent = "";
      answer.results.forEach(function (r) {
        var meta = [r.partner, r.jp ? r.jp + " JP" : ""].filter(Boolean).join(" · ");
        list.appendChild(el("li", { class: "kk-result" }, [
          el("a", { class: "kk-result__link", href: r.url }, [
            r.type ? el("span", { class: "kk-result__type", text: r.type }) : null,
            el("span", { class: "kk-result__title", text: r.title }),
          ]),
          meta ? el("p", { class: "kk-result__meta", text: meta }) : null,
          r.excerpt ? el("p", { class: "kk-result__excerpt", html: r.excerpt }) : null,
        ]));
      });
      shown = (append ? shown : 0) + answer.results.length;
      more.hidden = shown >= answer.total;
      status.textContent = "";
      if (answer.suggestion) {
        var fix = el("button", { type: "button", class: "kk-search__suggestion", text: answer.suggestion });
        fix.addEventListener("click", function () {
          input.value = answer.suggestion;
          schedule(0);
          input.focus();
        });
        status.appendChild(document.createTextNode("Maksud Anda: "));
        status.appendChild(fix);
        status.appendChild(document.createTextNode("? "));
      }
      var count = answer.total
        ? (answer.partial ? "Tidak ada yang memuat semua kata; " + answer.total +
          " hasil memuat sebagian." : answer.total + " hasil" + (query ? "" : " sesuai saringan") + ".")
        : (query ? "Tidak ada hasil untuk \u201c" + query + "\u201d. Coba kata lain atau kurangi saringan."
          : "Tidak ada yang sesuai dengan saringan ini.");
      status.appendChild(document.createTextNode(count));
      box.setAttribute("data-kk-state", "done");
      box.setAttribute("data-kk-query", query);
    }

    var running = false;
    var again = false;

    function run() {
      // One search at a time: keys typed meanwhile are searched when it ends.
      if (running) {
        again = true;
        return;
      }
      var query = input.value.trim();
      var filters = currentFilters();
      var mine = ++sequence;
      if (query.length < MIN_CHARS && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        box.setAttribute("data-kk-state", "idle");
        box.setAttribute("data-kk-query", "");
        return;
      }
      box.setAttribute("data-kk-state", "busy");
      var stale = function () { return mine !== sequence || again; };
      running = true;
      portalSearch(query, filters, { stale: stale }).then(function (answer) {
        if (stale()) return;
        lastFound = answer;
        render(answer, query, false);
      }).catch(function (err) {
        if (stale() || err === STALE) return;
        list.textContent = "";
        status.textContent = location.protocol === "file:"
          ? "Pencarian memerlukan situs yang dibuka melalui server web."
          : "Pencarian belum dapat dimuat. Periksa sambungan lalu coba lagi.";
        box.setAttribute("data-kk-state", "error");
        if (window.console) console.error(err);
      }).then(function () {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
    }

    function schedule(delay) {
      clearTimeout(timer);
      if (delay == null) {
        var typed = words(input.value);
        var short = typed.length === 1 && typed[0].length < SHORT_WORD && !/\s$/.test(input.value);
        delay = short && !Object.keys(currentFilters()).length ? SHORT_DEBOUNCE_MS : DEBOUNCE_MS;
      }
      timer = setTimeout(run, delay);
    }

    function loadFilters() {
      return pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
        panel.textContent = "";
        FILTERS.forEach(function (def) {
          var key = def[0];
          var values = Object.keys(all[key] || {}).sort(function (a, b) {
            return a.localeCompare(b, "id");
          });
          if (!values.length) return;
          var id = "kk-filter-" + key;
          var select = el("select", { id: id, name: key }, [el("option", { value: "", text: "Semua" })]);
          values.forEach(function (v) {
            select.appendChild(el("option", { value: v,
              text: (key === "bulan" ? monthLabel(v) : v) + " (" + all[key][v] + ")" }));
          });
          select.addEventListener("change", function () { updateToggle(); schedule(0); });
          selects[key] = select;
          panel.appendChild(el("div", { class: "kk-search__filter" }, [
            el("label", { for: id, text: def[1] }), select,
          ]));
        });
        var reset = el("button", { type: "button", class: "kk-search__reset", text: "Hapus saringan" });
        reset.addEventListener("click", function () {
          Object.keys(selects).forEach(function (k) { selects[k].value = ""; });
          updateToggle();
          schedule(0);
        });
        panel.appendChild(reset);
      });
    }

    function updateToggle() {
      var n = Object.keys(currentFilters()).length;
      toggle.textContent = n ? "Saring (" + n + ")" : "Saring";
    }

    opener.addEventListener("click", function () { open(); });
    opener.addEventListener("keydown", function (e) {
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        open(e.key);
        schedule();
      }
    });
    closeButton.addEventListener("click", close);
    dialog.addEventListener("click", function (e) { if (e.target === dialog) close(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); schedule(0); });
    input.addEventListener("input", function () { schedule(); });
    input.addEventListener("focus", warm);
    more.addEventListener("click", function () {
      if (!lastFound) return;
      var query = input.value.trim();
      portalSearch(query, currentFilters(), { offset: shown }).then(function (answer) {
        render(answer, query, true);
      });
    });
    toggle.addEventListener("click", function () {
      var openNow = panel.hidden;
      panel.hidden = !openNow;
      toggle.setAttribute("aria-expanded", String(openNow));
      if (openNow && !Object.keys(selects).length) {
        panel.setAttribute("aria-busy", "true");
        loadFilters().then(function () {
          panel.removeAttribute("aria-busy");
          box.setAttribute("data-kk-filters", "ready");
        });
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !dialog.hidden) {
        e.preventDefault();
        close();
        return;
      }
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === "/" && !typing && dialog.hidden) {
        e.preventDefault();
        open();
      }
    });
    box.setAttribute("data-kk-state", "idle");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
