/* Portal Kurikulum: search that understands Indonesian.
 *
 * One pipeline, used by the search box and exposed as
 *   window.portalSearch(query, filters, options)
 *     -> Promise<{suggestion, partial, missing, total,
 *                 results: [{url, title, excerpt, type, partner, jp, detail}]}>
 *
 *   1. Query words are reduced to their dictionary roots (stem.js, with the
 *      roots present in the index: cari/akar.txt), so "pelayanan", "layanan"
 *      and "melayani" all find pages with any word of the root "layan";
 *      function words (dan, di, untuk ...) and the words of a question
 *      ("saya ingin ...", "bagaimana cara ...") are not required. A
 *      hyphenated word also matches its parts ("pelayanan-publik"); a
 *      number matches whole ("20 jp"). Times are read as the schedules are
 *      indexed (`dated`: "Februari 2027", "bulan depan"); two words that are
 *      a phrase of GLOSS are one ("public speaking").
 *   2. One search of the portal's index (cari/, written by
 *      generator/searchindex.py): every word is required, as a word starting
 *      with it (a word still being typed matches) or through its root, or
 *      through its gloss (GLOSS: "online" also finds what is "daring");
 *      pages are ranked by BM25 over the words' weights (the record's
 *      method 10, title 7, body text 1).
 *      Filters (type, method, mode, partner, competency type, competency,
 *      level, month of the next offering) also work with an empty query.
 *   3. When it finds nothing, two neighbours that are one indexed word
 *      typed with a space in it are joined ("pela yanan"), and each word
 *      that no indexed page contains is replaced by the words the records
 *      use for it (GLOSS: "diklat" -> pelatihan, "medsos" -> media sosial),
 *      else by a number and a word ("20jp"), else (4 letters or more) by its
 *      Indonesian spelling when that is indexed ("transformation" ->
 *      transformasi: LOAN_SPELLINGS), else by the two indexed words it runs
 *      together ("pelayananpublik"), else (unless typed in capitals: "SKPD"
 *      is an abbreviation) by the closest indexed word (Damerau-Levenshtein
 *      1, or 2 for words of 8 letters or more after a prefix, "menjahit" is
 *      not "menjadi", and a word with the same first letter: "gratis" is not
 *      "garis"; ties to the more frequent; cari/kata.txt, loaded only then),
 *      else it is left
 *      out (`missing`, named by the box), and the corrected query runs:
 *      "Maksud Anda: kepemimpinan?". The last word may be unfinished: a
 *      prefix of an indexed word is not corrected. What is left of a query
 *      with a word left out must name a subject: "pelatihan excel" finds
 *      nothing rather than every training.
 *   4. When several words still find nothing together, pages with most of
 *      them are shown (`partial`), those with the rarer words that are not
 *      a kind of record (a method, a mode, a month) first ("seminar
 *      kepemimpinan": leadership before other seminars); after the few
 *      pages with every word of a long query too.
 *   5. The page the query names (a competency's page for its name: the
 *      index's names, "n") comes first. The first results then put records
 *      of the kind a query word names (their method: "pelatihan" puts
 *      trainings before an internship about training), then pages with the
 *      words in their title, then pages with the words as typed, then the
 *      rest in the index's order.
 *
 * Excerpts are the records' summaries with the matching words marked (the
 * roots the index holds are never shown).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../../", script ? script.src : location.href);
  var FOLDER = location.protocol === "file:"; // a copy opened from disk: see folderSearch
  var DEBOUNCE_MS = 60;
  var MIN_CHARS = 3; // the box searches from the third character on
  // A query of one short word (3 letters) is most often a word still being
  // typed, and its prefix matches the most pages ("per" finds 11,000 of 11,350
  // pages of a large catalog, a search of over a second that the next keys
  // would wait for): it is searched only after a longer pause.
  var SHORT_WORD = 4;
  var SHORT_DEBOUNCE_MS = 300;
  var PAGE_SIZE = 10;
  var KIND_FILTER = "metode"; // search.py KIND_FILTER: what kind of learning a record is
  // Filters whose values name a kind of record a query may wish for rather than
  // its subject (`wishWords`): method, mode, level, and what the page is (Modul,
  // Program, Magang ...: search.py INDEXED_FILTERS indexes it).
  var TYPE_FILTER = "jenis";
  var WISH_FILTERS = [KIND_FILTER, "moda", "jenjang", TYPE_FILTER];
  // A query of this many words or more (not counting function words) is a
  // sentence ("pelatihan pelayanan publik untuk staf kelurahan di medan"):
  // when fewer than FEW_RESULTS pages have all its words, the pages with
  // most of them follow.
  var LONG_QUERY = 4;
  var FEW_RESULTS = 5;
  var EXCERPT_WORDS = 28;
  var FILTERS = [
    ["jenis", "Jenis"],
    ["metode", "Metode"],
    ["moda", "Moda"],
    ["mitra", "Mitra"],
    ["jenis_kompetensi", "Jenis kompetensi"],
    ["kompetensi", "Kompetensi"],
    ["jenjang", "Jenjang"],
    ["bulan", "Bulan pelaksanaan"],
  ];
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];
  // Function words: a page need not contain them to match. Besides the
  // conjunctions and prepositions, the words of a question typed as a sentence
  // ("saya ingin ikut ...", "bagaimana cara menyusun ..."), their short
  // forms typed on phones (yg, utk, dgn), "jadwal" (every record has a
  // schedule; its section is not indexed, its months are) and "mendaftar"
  // (every record says how to register).
  var STOPWORDS = new Set(("dan atau di ke dari yang untuk dengan pada dalam bagi oleh " +
    "ini itu serta tentang terhadap sebagai secara para " +
    "saya aku kami kita ingin mau bagaimana gimana apa apakah adakah ada cara tolong mohon " +
    "ikut mengikuti cari mencari carikan yg utk dgn dr dlm tsb jadwal seorang saja mendaftar " +
    "daftar bidang jenis").split(" "));

  // ------------------------------------------------------------ loading

  var loaded = {};
  function once(key, make) {
    if (!loaded[key]) {
      loaded[key] = make();
      loaded[key].catch(function () { delete loaded[key]; });
    }
    return loaded[key];
  }

  // ------------------------------------------------------------ the index
  //
  // The format is generator/searchindex.py's: a manifest, dictionary shards
  // (ranges of the sorted terms), posting lists (inline in base64, or files),
  // the filters' posting lists, and one small file per page.

  var K1 = 1.2; // BM25 term saturation
  var MAX_EXPANSIONS = 40; // indexed words tried for one typed prefix

  function engine() {
    return once("engine", function () {
      return fetchData("cari/indeks.json", false, true).then(function (m) { return new Engine(m); });
    });
  }

  function fetchData(path, binary, revalidate) {
    return fetch(new URL(path, ROOT).href, revalidate ? { cache: "no-cache" } : {}).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return binary ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
    });
  }

  function base36(n) { return n.toString(36); }

  function fromBase64(s) {
    var raw = atob(s);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  /** Calls visit(page, weight) for each page of a posting list. */
  function eachPosting(bytes, visit) {
    var pos = 0;
    function varint() {
      var value = 0;
      var shift = 0;
      for (;;) {
        var b = bytes[pos++];
        value += (b & 0x7f) * Math.pow(2, shift);
        if (b < 0x80) return value;
        shift += 7;
      }
    }
    var groups = varint();
    for (var g = 0; g < groups; g++) {
      var weight = varint();
      var kind = bytes[pos++];
      if (kind === 0) {
        var page = -1;
        for (var c = varint(); c > 0; c--) {
          page += varint();
          visit(page, weight);
        }
      } else {
        var first = varint();
        var count = varint();
        for (var i = 0; i < count; i++) {
          var byte = bytes[pos + i];
          if (!byte) continue;
          for (var bit = 0; bit < 8; bit++) if (byte & (1 << bit)) visit((first + i) * 8 + bit, weight);
        }
        pos += count;
      }
    }
  }

  function Engine(manifest) {
    if (manifest.versi !== 1) throw new Error("cari/indeks.json: versi " + manifest.versi);
    this.n = manifest.halaman; // page numbers in use
    this.docs = manifest.dokumen; // pages indexed
    this.pagesAt = "cari/" + manifest.berkas;
    this.perFile = manifest.per_berkas;
    this.shards = manifest.kamus;
    this.filterFile = "cari/" + manifest.saring;
    this.files = new Map();
  }

  Engine.prototype.file = function (path, binary) {
    var hit = this.files.get(path);
    if (!hit) {
      var files = this.files;
      hit = fetchData(path, binary, false);
      hit.catch(function () { files.delete(path); });
      files.set(path, hit);
    }
    return hit;
  };

  /** Dictionary entries [term, df, postings] of `space` ("k" words, "a" roots). */
  Engine.prototype.terms = function (space, prefix, exact) {
    var list = this.shards;
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] <= prefix) lo = mid + 1;
      else hi = mid;
    }
    var wanted = [list[Math.max(0, lo - 1)][1]];
    if (!exact) {
      for (var j = Math.max(lo, 1); j < list.length && list[j][0].indexOf(prefix) === 0; j++) {
        wanted.push(list[j][1]);
      }
    }
    var self = this;
    return Promise.all(wanted.map(function (f) { return self.file("cari/" + f); })).then(function (shards) {
      var out = [];
      shards.forEach(function (shard) {
        var table = shard[space] || {};
        if (exact) {
          if (Object.prototype.hasOwnProperty.call(table, prefix)) out.push([prefix].concat(table[prefix]));
          return;
        }
        Object.keys(table).forEach(function (t) {
          if (t.indexOf(prefix) === 0) out.push([t].concat(table[t]));
        });
      });
      return out;
    });
  };

  Engine.prototype.postings = function (ref) {
    return /\.bin$/.test(ref) ? this.file("cari/p/" + ref, true) : Promise.resolve(fromBase64(ref));
  };

  /**
   * Scores of every page for one query word: the best of the word itself,
   * its dictionary root (pages with any word of that root) and, when the word
   * may still be being typed (`open`: the last word, no space after it), the
   * indexed words starting with it (longer words less). A finished word
   * ("media" in "media sosial") does not match longer words ("mediasi")
   * unless neither it nor its root is in the index. The scores' `typed`
   * marks the pages holding the word as typed (or a word starting with it),
   * not only another word of its root ("pimpinan" for "kepemimpinan").
   */
  Engine.prototype.wordScores = function (word, root, open) {
    var self = this;
    var n = this.n;
    var lookups = [this.terms("k", word, false)];
    if (root) lookups.push(this.terms("a", root, true));
    return Promise.all(lookups).then(function (found) {
      var exact = found[0].filter(function (e) { return e[0] === word; });
      var roots = found[1] || [];
      var candidates = (open || (!exact.length && !roots.length) ? found[0] : exact).map(function (e) {
        return { df: e[1], ref: e[2], factor: e[0] === word ? 1 : 0.7 * word.length / e[0].length };
      });
      candidates.sort(function (a, b) { return b.factor - a.factor || b.df - a.df; });
      candidates = candidates.slice(0, MAX_EXPANSIONS);
      roots.forEach(function (e) {
        // (A root typed as such, "latih", asks for any word of it.)
        candidates.push({ df: e[1], ref: e[2], factor: root === word ? 1 : 0.85, typed: root === word });
      });
      return Promise.all(candidates.map(function (c) { return self.postings(c.ref); })).then(function (lists) {
        var scores = new Float32Array(n);
        var typed = new Uint8Array(n);
        lists.forEach(function (bytes, i) {
          var c = candidates[i];
          var idf = Math.log(1 + (self.docs - c.df + 0.5) / (c.df + 0.5));
          var asTyped = c.typed !== false;
          eachPosting(bytes, function (page, weight) {
            var s = c.factor * idf * (weight * (K1 + 1)) / (weight + K1);
            if (s > scores[page]) scores[page] = s;
            if (asTyped) typed[page] = 1;
          });
        });
        scores.typed = typed;
        return scores;
      });
    });
  };

  Engine.prototype.filterData = function () {
    return this.file(this.filterFile);
  };

  /** {filter: {value: pages}} */
  Engine.prototype.filters = function () {
    return this.filterData().then(function (all) {
      var out = {};
      Object.keys(all).forEach(function (name) {
        out[name] = {};
        Object.keys(all[name]).forEach(function (v) { out[name][v] = all[name][v][0]; });
      });
      return out;
    });
  };

  /** A page mask (Uint8Array, 1 = allowed) for the filters, or null without filters. */
  Engine.prototype.mask = function (filters) {
    var keys = Object.keys(filters);
    if (!keys.length) return Promise.resolve(null);
    var n = this.n;
    return this.filterData().then(function (all) {
      var mask = new Uint8Array(n).fill(1);
      keys.forEach(function (key) {
        [].concat(filters[key]).forEach(function (value) {
          var entry = all[key] && all[key][value];
          var hit = new Uint8Array(n);
          if (entry) eachPosting(fromBase64(entry[1]), function (page) { hit[page] = 1; });
          for (var i = 0; i < n; i++) mask[i] &= hit[i];
        });
      });
      return mask;
    });
  };

  /** The pages whose exact name (search.py `name_key`) the words are: a Set. */
  Engine.prototype.named = function (list) {
    if (!list.length) return Promise.resolve(new Set());
    var self = this;
    return this.terms("n", nameKey(list), true).then(function (found) {
      var pages = new Set();
      if (!found.length) return pages;
      return self.postings(found[0][2]).then(function (bytes) {
        eachPosting(bytes, function (page) { pages.add(page); });
        return pages;
      });
    });
  };

  /**
   * Pages holding every word (or a word starting with it, or its root), best
   * first: [{id, score, named, typed}]; pages the words name (a competency's
   * name) come first. `typed`: the page holds every word as typed, not only
   * through its root (`wordScores`). An empty list of words gives every page
   * the filters allow, in page order. `open`: the last word may still be
   * being typed.
   */
  Engine.prototype.search = function (list, stem, filters, open) {
    var self = this;
    var n = this.n;
    return Promise.all([this.mask(filters || {}), this.named(list)].concat(list.map(function (w, i) {
      return self.queryWord(w, stem, !!open && i === list.length - 1);
    }))).then(function (parts) {
      var mask = parts[0];
      var named = parts[1];
      var scores = parts.slice(2);
      var out = [];
      for (var page = 0; page < n; page++) {
        if (mask && !mask[page]) continue;
        var total = 0;
        var every = true;
        var typed = true;
        for (var w = 0; w < scores.length; w++) {
          var s = scores[w][page];
          if (!s) { every = false; break; }
          total += s;
          if (!scores[w].typed[page]) typed = false;
        }
        if (every) out.push({ id: page, score: total, named: named.has(page), typed: typed });
      }
      out.sort(function (a, b) { return b.named - a.named || b.score - a.score || a.id - b.id; });
      return out;
    });
  };

  /**
   * Scores of every page for one query word (`wordScores`). A number is
   * matched whole ("20 jp" is not "2026"), unless no page has it. A
   * hyphenated word ("pelayanan-publik", "e-learning") also matches a page
   * holding all of its parts (of two letters or more), as it matches the same
   * words typed apart. A word with a gloss (`synonyms`: "online" -> daring)
   * also matches a page holding all the gloss's words (as written, not by
   * their roots), SYNONYM_FACTOR as much, when some page holds the word as
   * typed (else the query is corrected: searchWords).
   */
  Engine.prototype.queryWord = function (w, stem, open) {
    var self = this;
    // A term of several words (the gloss that replaced an abbreviation no page
    // has: "humas" -> "hubungan masyarakat"): `termScores`.
    if (w.indexOf(" ") > 0) return this.termScores(w);
    function scores(word, last) {
      var root = /^[a-z]+(-[a-z]+)*$/.test(word) ? stem(word) : null;
      // (A word of two letters, an abbreviation such as "TI", is not a prefix.)
      return self.wordScores(word, root, last && word.length >= MIN_CHARS && !/^[0-9]+$/.test(word));
    }
    var parts = w.indexOf("-") > 0 ? w.split("-").filter(function (p) { return p.length > 1; }) : [];
    var gloss = synonyms(w) || [];
    if (!parts.length && !gloss.length) return scores(w, open);
    var lookups = [scores(w, open)];
    parts.forEach(function (p, k) { lookups.push(scores(p, open && k === parts.length - 1)); });
    // The gloss's words as written, not by root: "renja" (rencana kerja) is not
    // every page with a word of "rencana" and one of "kerja" (kinerja). A gloss
    // of several words is one term, its words next to each other: "humas" is
    // not every page that says "hubungan" somewhere and "masyarakat" elsewhere.
    if (gloss.length > 1) lookups.push(self.termScores(gloss.join(" ")));
    else gloss.forEach(function (g) { lookups.push(self.wordScores(g, null, false)); });
    return Promise.all(lookups).then(function (all) {
      var out = all[0];
      var typed = out.typed;
      var found = false;
      for (var page = 0; page < out.length; page++) {
        var sum = allOf(all, 1, 1 + parts.length, page);
        if (sum > out[page]) out[page] = sum;
        if (sum && allTyped(all, 1, 1 + parts.length, page)) typed[page] = 1;
        if (out[page]) found = true;
      }
      if (!found || !gloss.length) return out;
      for (page = 0; page < out.length; page++) {
        var alt = SYNONYM_FACTOR * allOf(all, 1 + parts.length, all.length, page);
        if (alt > out[page]) out[page] = alt;
        if (alt) typed[page] = 1; // (the gloss's words are matched as written)
      }
      return out;
    });
  };

  /**
   * Scores of every page for a term of several words (a gloss: "hubungan
   * masyarakat"): the pages with its words next to each other, which the
   * index holds as one word (search.py GLOSS_PHRASES); when no page has them
   * so, the pages with all of its words anywhere ("sakip" -> "akuntabilitas
   * kinerja": "... berorientasi pada kinerja serta melaporkan
   * akuntabilitasnya"), as written. Every page found holds it as typed.
   */
  Engine.prototype.termScores = function (term) {
    var self = this;
    var n = this.n;
    return this.wordScores(term, null, false).then(function (scores) {
      for (var page = 0; page < n; page++) if (scores[page]) return scores;
      var words = term.split(" ");
      return Promise.all(words.map(function (g) { return self.wordScores(g, null, false); })).then(function (lists) {
        var out = new Float32Array(n);
        out.typed = new Uint8Array(n);
        for (var p = 0; p < n; p++) {
          out[p] = allOf(lists, 0, lists.length, p);
          if (out[p]) out.typed[p] = 1;
        }
        return out;
      });
    });
  };

  /** Whether every list of lists[from..to) holds the page as typed (`wordScores`). */
  function allTyped(lists, from, to, page) {
    for (var k = from; k < to; k++) if (!lists[k].typed[page]) return false;
    return true;
  }

  var SYNONYM_FACTOR = 0.8;

  /** The sum of a page's scores in lists[from..to), or 0 when one of them lacks it. */
  function allOf(lists, from, to, page) {
    var sum = 0;
    for (var k = from; k < to; k++) {
      if (!lists[k][page]) return 0;
      sum += lists[k][page];
    }
    return sum;
  }

  /**
   * The words that ask for a kind of record rather than a subject: the
   * values of the filters WISH_FILTERS (method, mode, level: "Pelatihan",
   * "Daring (online)", "Dasar") with their roots, and the month names. A Set.
   */
  Engine.prototype.wishWords = function (stem) {
    var self = this;
    if (!this.wishes) {
      this.wishes = this.filterData().then(function (all) {
        var out = new Set();
        WISH_FILTERS.forEach(function (key) {
          Object.keys(all[key] || {}).forEach(function (value) {
            words(value).forEach(function (w) { out.add(w); out.add(stem(w)); });
          });
        });
        MONTHS.forEach(function (m) { out.add(m.toLowerCase()); });
        return out;
      });
      this.wishes.catch(function () { self.wishes = null; });
    }
    return this.wishes;
  };

  /** A page's result data: {url, title, meta, summary}. */
  Engine.prototype.data = function (id) {
    var perFile = this.perFile;
    return this.file(this.pagesAt + base36(Math.floor(id / perFile)) + ".json").then(function (list) {
      return list[id % perFile];
    });
  };

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
        // Its name carries a digest of its bytes (kk-search.html gives it).
        var name = (script && script.getAttribute("data-stem")) || "stem.js";
        s.src = new URL(name, script ? script.src : location.href).href;
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
      return Promise.all([code, text("cari/akar.txt")]).then(function (done) {
        var roots = new Set(done[1]);
        var stem = window.kkStem.rooter(roots);
        return { roots: roots, stem: stem };
      });
    });
  }

  function vocabulary() {
    return once("vocabulary", function () {
      return text("cari/kata.txt").then(function (words) {
        var rank = new Map();
        words.forEach(function (w, i) { if (!rank.has(w)) rank.set(w, i); });
        return { list: words, known: rank, rank: rank, sorted: words.slice().sort() };
      });
    });
  }

  /** Start loading what the first query needs (on focus, before typing ends). */
  function warm() {
    if (FOLDER) {
      folderModules().catch(function () {});
      return;
    }
    engine().catch(function () {});
    stemmer().catch(function () {});
  }

  // ------------------------------------------------------------ query pipeline

  /** Lower case without accents, as the build folds the pages (search.py `fold`). */
  function lowered(text) {
    return String(text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(query) {
    return lowered(query).match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) || [];
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

  /** The key of a name made of these words (search.py `name_key`). */
  function nameKey(list) {
    return Array.from(new Set(contentWords(list))).sort().join(" ");
  }

  /** Ranked pages for `list` (all words required): [{id, score}]. */
  function find(eng, list, stem, filters, open) {
    var content = contentWords(list);
    var last = content[content.length - 1] === list[list.length - 1];
    return eng.search(content, stem, filters, open && last);
  }

  function plainWords(text) {
    return " " + String(text || "").toLowerCase().replace(/[^0-9a-z\u00c0-\u024f-]+/g, " ") + " ";
  }

  /**
   * Within the first results, the page the query names (a competency's
   * name, typed whole) comes first, then records of the kind the query
   * names (a word of it is the record's method or what the page is:
   * "pelatihan", "seminar", "magang", "program"), then pages with the words
   * (or their roots) in the title, then those with the words as typed in the
   * title and summary, those with the words next to each other ("media
   * sosial", not "mediasi ... sosial") before the others, then those with the
   * words as typed anywhere (`typed`: "diklat kepemimpinan" is not a training
   * that mentions the "pimpinan", the head of an office), then those with
   * more pairs of the query's words side by side: "kependudukan" ranks pages
   * about kependudukan above pages that only share the root "duduk". The
   * index's order is kept otherwise. (One search per query: on 10,000 pages
   * a search for a word on most of them takes hundreds of milliseconds.)
   */
  function rerank(datas, list, stem) {
    var typed = contentWords(list);
    var phrase = " " + typed.join(" ") + " ";
    var roots = typed.map(function (w) { return stem && w.indexOf(" ") < 0 ? stem(w) : w; });
    // The words of each word's gloss, which find pages for it too (`synonyms`);
    // a gloss of several words, as one term (`queryWord`).
    var alts = typed.map(function (w) {
      var gloss = synonyms(w) || [];
      if (gloss.length > 1) return [{ word: gloss.join(" "), root: gloss.join(" ") }];
      return gloss.map(function (g) { return { word: g, root: stem ? stem(g) : g }; });
    });
    function holds(words, w, root) {
      return words.indexOf(" " + w + " ") >= 0 || (root !== w && words.indexOf(root) >= 0);
    }
    function has(words, i) {
      return holds(words, typed[i], roots[i]) || (alts[i].length > 0 &&
        alts[i].every(function (a) { return holds(words, a.word, a.root); }));
    }
    var scored = datas.map(function (d, i) {
      var text = plainWords(d.title + " " + d.summary);
      var title = plainWords(d.title);
      var kind = plainWords([(d.meta || {}).metode, (d.meta || {})[TYPE_FILTER]].join(" "));
      var all = typed.every(function (w) { return text.indexOf(" " + w) >= 0; });
      var near = typed.length > 1 && text.indexOf(phrase) >= 0;
      var titled = typed.every(function (w, k) { return has(title, k); });
      // Of the kind the query names ("pelatihan", "seminar kepemimpinan"): every
      // word in the title or the record's method, one of them the method.
      var ofKind = typed.some(function (w, k) { return has(kind, k); }) &&
        typed.every(function (w, k) { return has(kind, k) || has(title, k); });
      var key = (d.named ? 32 : 0) + (ofKind ? 16 : 0) + (titled ? 8 : 0) + (near ? 4 : 0) + (all ? 2 : 0) +
        (d.typed ? 1 : 0);
      // Of a longer query, the pairs of its words found side by side ("...
      // pengelolaan arsip digital ..." in a sentence about who asks and where).
      var pairs = 0;
      for (var k = 0; k + 1 < typed.length; k++) {
        if (text.indexOf(" " + typed[k] + " " + typed[k + 1]) >= 0) pairs++;
      }
      return { d: d, key: key, pairs: pairs, i: i };
    });
    scored.sort(function (a, b) { return b.key - a.key || b.pairs - a.pairs || a.i - b.i; });
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
    if (word.length < MIN_CORRECTED) return null;
    // Two edits only for a long word, its prefix not counted: a prefix is shared
    // by thousands of words ("menjahit" is not "menjadi", "jahit" is not "jadi").
    var max = word.replace(PREFIX, "").length < FAR_CORRECTED ? 1 : 2;
    var found = null;
    var foundDistance = max + 1;
    for (var i = 0; i < list.length; i++) {
      if (NOT_OFFERED.has(list[i])) continue;
      var d = distance(word, list[i], foundDistance - 1);
      if (d > 1 && list[i][0] !== word[0]) continue; // too weak a likeness
      if (d < foundDistance) {
        found = list[i];
        foundDistance = d;
        if (d <= 1) break;
      }
    }
    return found;
  }

  // Words never offered as a correction: function words, on most pages and
  // never what was meant ("rapat" is not "dapat").
  var NOT_OFFERED = new Set(("dapat akan telah sudah harus bisa juga lebih hanya masih agar " +
    "setiap antara tersebut yaitu yakni namun karena jika maka").split(" "));

  // A derived word whose root the index does not know ("kebhinekaan", of
  // "bhinneka"): its base without these affixes is corrected instead.
  var AFFIXES = [/^ke(.{4,})an$/, /^(.{4,})nya$/, /^(.{4,})an$/, /^ber(.{4,})$/, /^di(.{4,})$/];

  /** The closest indexed word to `word`, or to its base without an affix (AFFIXES); or null. */
  function closestOrBase(word, list) {
    var found = closest(word, list);
    for (var i = 0; !found && i < AFFIXES.length; i++) {
      var m = AFFIXES[i].exec(word);
      if (m) found = closest(m[1], list);
    }
    return found;
  }


  // Words shorter than this are not corrected (abbreviations: "psi" is not a
  // typo of "isi"); words this long or longer (without a prefix: PREFIX) may be
  // 2 edits away.
  var MIN_CORRECTED = 4;
  var FAR_CORRECTED = 8;
  var PREFIX = /^(?:me(?:ng|ny|m|n)?|pe(?:ng|ny|m|n|r)?|ber|ter|ke|di)/;

  // English spellings of the words Indonesian borrowed: "transformation" is
  // "transformasi", "digitalization" "digitalisasi", "quality" "kualitas",
  // "conflict" (nearly) "konflik". An unknown word is looked up in this
  // spelling before it is corrected (`checkWords`).
  var LOAN_SPELLINGS = [[/zation$/, "sasi"], [/[ts]ion$/, "si"], [/ty$/, "tas"], [/ics?$/, "ik"],
    [/qu/g, "ku"], [/ph/g, "f"], [/c(?![eiy])/g, "k"], [/c/g, "s"], [/x/g, "ks"]];

  function loanSpelling(word) {
    return LOAN_SPELLINGS.reduce(function (w, rule) { return w.replace(rule[0], rule[1]); }, word);
  }

  function correctable(w) {
    return (w.length >= MIN_CORRECTED && /^[a-z]+(?:-[a-z]+)*$/.test(w) && !STOPWORDS.has(w)) ||
      glossOf(w) !== null || (MIXED.test(w) && !MONTH_YEAR.test(w));
  }

  // Letters and digits run together ("20jp", "jp20", "desember2026"): a number
  // and a word typed without the space between them.
  var MIXED = /^(?:[a-z]{2,}[0-9]+|[0-9]+[a-z]{2,})$/;

  function apart(w) {
    return w.replace(/([a-z])(?=[0-9])|([0-9])(?=[a-z])/g, "$1$2 ");
  }

  // Words the curricula may not use for what they name: abbreviations of the
  // civil service, informal words, other spellings and English words an ASN
  // may type, with the words the records use instead. A word no indexed page
  // contains is replaced by them ("Maksud Anda: ..."); a word some pages
  // contain also finds the pages with its gloss, ranked below it
  // (`Engine.queryWord`: "online" finds what is "daring" too), except the
  // words of GLOSS_ABSENT_ONLY, whose gloss is broader than they are ("kursus"
  // is a method of its own; PNS and PPPK are two kinds of ASN, and "pppk"
  // asks for what names PPPK, not for every page for ASN). A key with a hyphen is also a phrase: "public
  // speaking" typed apart is read as "public-speaking" (`phrases`). (Not an
  // abbreviation of two common meanings: ABK, IKM, KIP, SPM.)
  var GLOSS = {
    diklat: "pelatihan", latsar: "pelatihan dasar cpns", bimtek: "bimbingan teknis",
    webinar: "seminar", kursus: "pelatihan", sdm: "sumber daya manusia",
    skpd: "perangkat daerah", opd: "perangkat daerah", tik: "teknologi informasi",
    ti: "teknologi informasi", bmd: "barang milik daerah", pbj: "pengadaan barang jasa",
    k3: "keselamatan kesehatan kerja", sakip: "akuntabilitas kinerja",
    lakip: "akuntabilitas kinerja", lkjip: "akuntabilitas kinerja",
    egov: "spbe", "e-gov": "spbe", "e-government": "spbe",
    egovernment: "spbe", pkn: "kepemimpinan nasional", pka: "kepemimpinan administrator",
    pkp: "kepemimpinan pengawas", ppk: "pejabat pembuat komitmen",
    pns: "asn", pppk: "asn", medsos: "media sosial", sosmed: "media sosial",
    humas: "hubungan masyarakat", kominfo: "komunikasi informatika",
    diskominfo: "komunikasi informatika", pemko: "pemerintah kota",
    pemkot: "pemerintah kota", pemprov: "pemerintah provinsi", pemda: "pemerintah daerah",
    pemkab: "pemerintah kabupaten", adminduk: "administrasi kependudukan",
    dukcapil: "kependudukan pencatatan sipil", disdukcapil: "kependudukan pencatatan sipil",
    capil: "pencatatan sipil", ktp: "kependudukan", ttd: "tanda tangan",
    sosiokultural: "sosial kultural", hybrid: "campuran", hibrid: "campuran",
    blended: "campuran", analisa: "analisis", free: "gratis",
    wbk: "zona integritas", wbbm: "zona integritas", jf: "jabatan fungsional",
    pbg: "persetujuan bangunan gedung", imb: "persetujuan bangunan gedung",
    lkpp: "pengadaan barang jasa", dashboard: "dasbor", database: "basis data",
    software: "perangkat lunak", hardware: "perangkat keras", email: "surel",
    monitoring: "pemantauan", evaluation: "evaluasi", report: "laporan",
    "core-values": "berakhlak", "smart-city": "kota cerdas", tte: "tanda tangan elektronik",
    sop: "standar operasional prosedur", skm: "survei kepuasan masyarakat",
    mpp: "mal pelayanan publik",
    ptsp: "pelayanan terpadu satu pintu", umkm: "usaha mikro", renstra: "rencana strategis",
    renja: "rencana kerja", musrenbang: "musyawarah perencanaan pembangunan",
    anjab: "analisis jabatan", skp: "sasaran kinerja pegawai",
    hps: "harga perkiraan sendiri", tender: "pengadaan", lelang: "pengadaan",
    bkd: "kepegawaian", bkpsdm: "kepegawaian",
    pug: "pengarusutamaan gender", difabel: "disabilitas", apbd: "anggaran daerah",
    training: "pelatihan", course: "pelatihan", leadership: "kepemimpinan",
    leader: "pemimpin", public: "publik", service: "pelayanan", services: "pelayanan",
    management: "manajemen", finance: "keuangan", financial: "keuangan",
    budget: "anggaran", budgeting: "penganggaran", planning: "perencanaan",
    procurement: "pengadaan", archive: "arsip", archives: "arsip", archiving: "arsip",
    records: "arsip", innovation: "inovasi", communication: "komunikasi",
    policy: "kebijakan", security: "keamanan", cyber: "siber", network: "jaringan",
    internship: "magang", ethics: "etika", integrity: "integritas",
    corruption: "korupsi", statistics: "statistik", license: "perizinan",
    licensing: "perizinan", permit: "perizinan", population: "kependudukan",
    skills: "keterampilan", certificate: "sertifikat", government: "pemerintahan",
    online: "daring", offline: "luring", virtual: "daring", governance: "tata kelola", writing: "penulisan", analysis: "analisis",
    development: "pengembangan", performance: "kinerja", change: "perubahan",
    application: "aplikasi", website: "aplikasi web", complaint: "pengaduan",
    "public-speaking": "komunikasi publik", "service-excellence": "pelayanan prima",
    "e-office": "naskah dinas elektronik", "blended-learning": "campuran",
    "belajar-mandiri": "e-learning", "self-paced": "e-learning",
  };
  var GLOSS_ABSENT_ONLY = new Set(["kursus", "pns", "pppk"]);

  function glossOf(w) {
    return Object.prototype.hasOwnProperty.call(GLOSS, w) ? GLOSS[w] : null;
  }

  /** The gloss words that also find pages for `w` typed as it is (see GLOSS), or null. */
  function synonyms(w) {
    var gloss = glossOf(w);
    return gloss && !GLOSS_ABSENT_ONLY.has(w) ? gloss.split(" ") : null;
  }

  /** `word` as two indexed words ("pelayananpublik"), the more frequent pair; or null. */
  function split(word, vocab) {
    var best = null;
    var bestRank = Infinity;
    for (var i = 3; i <= word.length - 3; i++) {
      var a = vocab.rank.get(word.slice(0, i));
      var b = vocab.rank.get(word.slice(i));
      if (a === undefined || b === undefined || Math.max(a, b) >= bestRank) continue;
      bestRank = Math.max(a, b);
      best = word.slice(0, i) + " " + word.slice(i);
    }
    return best;
  }

  /**
   * Words no indexed page contains (neither the word nor its root is in the
   * index) are replaced: with the word next to it, when the two are one
   * indexed word typed with a space in it ("pela yanan": the second becomes
   * ""), by the words the records use for it (GLOSS), by a number and a word
   * run together ("20jp"), by its Indonesian spelling ("mediation" ->
   * mediasi), by two indexed words it runs together ("pelayananpublik"), or
   * by the closest indexed word (to it, else to that spelling); words with none of
   * these are dropped (null). A word typed in capitals ("SKPD") is an
   * abbreviation, not a misspelling: it is not replaced by a close word
   * ("SIPD"), unless caps lock was on (`capitalized`). The vocabulary loads
   * only for such words. Returns the list with each word replaced by one or
   * more words, "" or null; or null when no word is replaced.
   */
  function checkWords(list, tools, capitals) {
    function rooted(w) { return tools.roots.has(tools.stem(w)); }
    var doubtful = list.filter(function (w) { return correctable(w) && !rooted(w); });
    // Pieces of a word typed with a space in it ("pela yanan"), maybe short.
    var pieces = list.some(function (w) { return /^[a-z]+$/.test(w) && !STOPWORDS.has(w) && !rooted(w); });
    if (!doubtful.length && !pieces) return Promise.resolve(null);
    var last = list[list.length - 1];
    return vocabulary().then(function (vocab) {
      function known(w) { return vocab.known.has(w) || rooted(w); }
      // Two neighbours, one of them no indexed word, that are one together: the
      // first becomes the whole word, the second "" (taken in).
      var joined = list.slice();
      for (var i = 0; i + 1 < list.length; i++) {
        var a = list[i];
        var b = list[i + 1];
        if (/^[a-z]+$/.test(a + b) && !(known(a) && known(b)) && known(a + b)) {
          joined[i] = a + b;
          joined[i + 1] = "";
          i++;
        }
      }
      var unknown = doubtful.filter(function (w) {
        // The last word may still be being typed: a prefix of an indexed word is fine.
        return !vocab.known.has(w) && !(w === last && startsSome(vocab.sorted, w));
      });
      var changed = joined.some(function (w, k) { return w !== list[k]; });
      if (!unknown.length && !changed) return null;
      return list.map(function (w, k) {
        if (joined[k] !== w) return joined[k];
        if (unknown.indexOf(w) < 0) return w;
        if (glossOf(w) !== null) return glossOf(w);
        if (MIXED.test(w)) return apart(w);
        if (w.length < MIN_CORRECTED || capitals.has(w)) return null;
        // An English spelling of an indexed word ("mediation": not "mediator").
        var loan = loanSpelling(w);
        if (loan !== w && known(loan)) return loan;
        return split(w, vocab) || closestOrBase(w, vocab.list) ||
          (loan !== w ? closestOrBase(loan, vocab.list) : null);
      });
    });
  }

  /**
   * The words of `query` typed in capitals, of 2 to ABBREVIATION letters (an
   * abbreviation: a longer word in capitals is a word typed with caps lock),
   * in lower case.
   */
  function capitalized(query) {
    var found = String(query || "").match(/[A-Za-z0-9]+/g) || [];
    // A longer word in capitals too: typed with caps lock on ("ARSP DIGITAL"),
    // where capitals tell nothing.
    if (found.some(function (w) { return w.length > ABBREVIATION && /^[A-Z]+$/.test(w); })) {
      return new Set();
    }
    return new Set(found.filter(function (w) {
      return w.length >= 2 && w.length <= ABBREVIATION && /^[A-Z0-9]+$/.test(w) && /[A-Z]/.test(w);
    }).map(lowered));
  }
  var ABBREVIATION = 6;

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

  function fold(word) {
    return lowered(word).replace(/[^a-z0-9-]+/g, "");
  }

  /**
   * The excerpt: the record's summary (its lead paragraph; the index keeps
   * no page text, and never shows the roots it holds), with the words that
   * match the query marked: a word starting with a query word, or with the
   * same root. A long summary is cut to the EXCERPT_WORDS words around them.
   */
  function excerpt(data, used, stem) {
    var all = String(data.summary || "").split(/\s+/).filter(Boolean);
    var typed = contentWords(used || []).filter(function (w) { return !STOPWORDS.has(w); });
    // (A term of several words: its words.)
    typed = [].concat.apply([], typed.map(function (w) { return w.split(" "); }));
    var targets = typed.concat.apply(typed, typed.map(function (w) { return synonyms(w) || []; }))
      .map(function (w) {
        var root = stem && /^[a-z]+(-[a-z]+)*$/.test(w) ? stem(w) : w;
        return { word: w, root: root };
      });
    var hits = [];
    all.forEach(function (token, i) {
      var plain = fold(token);
      if (!plain) return;
      var hit = targets.some(function (t) {
        return plain.indexOf(t.word) === 0 ||
          (t.root.length >= 3 && (plain.indexOf(t.root) >= 0 && stem && stem(plain) === t.root));
      });
      if (hit) hits.push(i);
    });
    if (!hits.length) {
      return escapeHtml(all.slice(0, EXCERPT_WORDS).join(" ")) + (all.length > EXCERPT_WORDS ? " …" : "");
    }
    // The window of EXCERPT_WORDS words with the most matches.
    var bestStart = 0;
    var best = -1;
    for (var h = 0; h < hits.length; h++) {
      var s = Math.max(0, hits[h] - 4);
      var count = 0;
      for (var k = h; k < hits.length && hits[k] < s + EXCERPT_WORDS; k++) count++;
      if (count > best) { best = count; bestStart = s; }
    }
    var start = Math.max(0, Math.min(bestStart, all.length - EXCERPT_WORDS));
    var stop = Math.min(all.length, start + EXCERPT_WORDS);
    var marked = new Set(hits);
    var out = [];
    for (var w = start; w < stop; w++) {
      var word = escapeHtml(all[w]);
      out.push(marked.has(w) ? "<mark>" + word + "</mark>" : word);
    }
    return (start > 0 ? "… " : "") + out.join(" ") + (stop < all.length ? " …" : "");
  }

  function shape(data, used, stem) {
    var meta = data.meta || {};
    return {
      url: new URL(data.url, ROOT).pathname,
      title: data.title || data.url,
      excerpt: excerpt(data, used, stem),
      type: meta.jenis || "",
      partner: meta.mitra || "",
      jp: meta.jp ? parseInt(meta.jp, 10) : null,
      detail: meta.rincian || "",
    };
  }

  /**
   * Pages matching most of the units (a unit: a word typed, or the words of a
   * gloss that replaced one, which a page must hold together: "bmd" ->
   * "barang milik daerah"), when none (or, for a long query, few) matches
   * them all. Pages matching the units that name a subject come first, rather
   * than a kind of record (`wishWords`: a method, a mode, a level, a month) or
   * a number ("20 jp"): for "seminar kepemimpinan" with no seminar on
   * leadership, pages about leadership before seminars about something else
   * (the topic is what was asked; the method, a wish). The subject units
   * count by their rarity (idf): in a sentence ("saya staf kelurahan di
   * medan, ingin pelatihan arsip digital"), "arsip" says more than "medan",
   * which most pages have; a unit a page matches only through other words
   * of its root counts half (ROOT_ONLY_FACTOR: "keterbukaan informasi
   * publik" is not a page that says "terbuka"). Then pages with more of the
   * units, then the better scores.
   */
  function partial(eng, units, stem, filters, open) {
    // (The last word typed may be unfinished, unless it is a function word.)
    var tail = units.length ? units[units.length - 1] : [];
    open = open && tail.some(function (w) { return !STOPWORDS.has(w); });
    units = units.map(function (unit) {
      return unit.filter(function (w) { return !STOPWORDS.has(w); });
    }).filter(function (unit) { return unit.length; });
    if (units.length < 2) return Promise.resolve([]);
    return Promise.all([eng.wishWords(stem)].concat(units.map(function (unit, i) {
      return eng.search(unit, stem, filters, open && i === units.length - 1);
    }))).then(function (done) {
      var wishes = done[0];
      var byId = new Map();
      done.slice(1).forEach(function (results, i) {
        var wish = units[i].every(function (w) { return isWish(w, wishes, stem); });
        var df = results.length;
        var topic = wish ? 0 : Math.log(1 + (eng.docs - df + 0.5) / (df + 0.5));
        results.forEach(function (r) {
          // A page with only other words of the unit's root counts half:
          // "keterbukaan" (openness) is more than a page that is "terbuka" (open).
          var t = r.typed ? topic : topic * ROOT_ONLY_FACTOR;
          var seen = byId.get(r.id);
          if (seen) { seen.hits += 1; seen.topic += t; seen.score += r.score; } else {
            byId.set(r.id, { result: r, hits: 1, topic: t, score: r.score });
          }
        });
      });
      return Array.from(byId.values()).sort(function (a, b) {
        return b.topic - a.topic || b.hits - a.hits || b.score - a.score;
      // (Not `typed`: that was of one unit's words.)
      }).map(function (x) { return { id: x.result.id, score: x.result.score, named: x.result.named }; });
    });
  }

  var ROOT_ONLY_FACTOR = 0.5;

  /** Whether `w` asks for a kind of record (`wishWords`), a number or its JP, not a subject. */
  function isWish(w, wishes, stem) {
    if (w.indexOf(" ") > 0) return false; // a term of several words (a gloss) names a subject
    return /^[0-9]+$/.test(w) || w === "jp" || MONTH_YEAR.test(w) || STOPWORDS.has(w) ||
      wishes.has(w) || wishes.has(stem(w));
  }

  function unitsOf(list) {
    return list.map(function (w) { return [w]; });
  }

  /**
   * The whole query pipeline. `filters` maps a filter key to a value (or a
   * list of values, all required). `options.limit` results are returned
   * (default 10), from `options.offset`; `total` counts them all.
   */
  var STALE = { stale: true };

  // ------------------------------------------------------------ from a folder
  //
  // A page opened from disk (file://) may load a script but fetch nothing, so
  // the index cannot be read there. The JP planner's list of modules is a
  // script (rencana/modul.js): from a folder the box finds modules in it, each
  // query word as the start of a word of the title, the partner or the method.

  function folderModules() {
    return once("folder", function () {
      return new Promise(function (resolve, reject) {
        var done = function () {
          if (Array.isArray(window.kkRencanaModul)) resolve(window.kkRencanaModul);
          else reject(new Error("rencana/modul.js"));
        };
        if (window.kkRencanaModul) { done(); return; }
        var script = document.createElement("script");
        script.src = new URL("rencana/modul.js", ROOT).href;
        script.onload = done;
        script.onerror = function () { reject(new Error("rencana/modul.js")); };
        document.head.appendChild(script);
      }).then(function (list) {
        return list.filter(function (m) {
          return m && typeof m.t === "string" && typeof m.u === "string";
        }).map(function (m) {
          return { m: m, title: words(m.t), rest: words([m.p, m.m].join(" ")) };
        });
      });
    });
  }

  function folderSearch(query, offset, limit) {
    var all = words(query);
    var list = all.filter(function (w) { return !STOPWORDS.has(w); });
    if (!list.length) list = all;
    var answer = { suggestion: null, partial: false, missing: [], results: [], total: 0, folder: true };
    if (!list.length) return Promise.resolve(answer);
    return folderModules().then(function (modules) {
      var found = [];
      modules.forEach(function (item) {
        var score = 0;
        var every = list.every(function (w) {
          // A whole word of the title 3, its start 2; the partner or the method 1.
          var best = 0;
          item.title.forEach(function (t) {
            if (t === w) best = 3;
            else if (best < 2 && t.indexOf(w) === 0) best = 2;
          });
          if (!best && item.rest.some(function (t) { return t.indexOf(w) === 0; })) best = 1;
          score += best;
          return best > 0;
        });
        if (every) found.push({ m: item.m, score: score });
      });
      found.sort(function (a, b) {
        return b.score - a.score || (a.m.t < b.m.t ? -1 : a.m.t > b.m.t ? 1 : 0);
      });
      answer.total = found.length;
      answer.results = found.slice(offset, offset + limit).map(function (f) {
        return { url: new URL(f.m.u, ROOT).href, title: f.m.t, type: "Modul", partner: f.m.p,
          jp: f.m.jp, detail: f.m.m, excerpt: "" };
      });
      return answer;
    });
  }

  function portalSearch(query, filters, options) {
    options = options || {};
    var limit = options.limit || PAGE_SIZE;
    var offset = options.offset || 0;
    if (FOLDER) return folderSearch(query, offset, limit);
    var f = cleanFilters(filters);
    var list = words(query);
    // A last word of one or two letters is still being typed: searching its
    // prefix would load half the index. (A number is matched whole: "jp 20".)
    var tail = list[list.length - 1];
    if (list.length > 1 && tail.length < 3 && !/^[0-9]+$/.test(tail) && !/\s$/.test(query)) list.pop();
    list = phrases(dated(list, options.today));
    var hasFilters = Object.keys(f).length > 0;
    if (!list.length && !hasFilters) {
      return Promise.resolve({ suggestion: null, partial: false, missing: [], results: [], total: 0 });
    }
    // The same words and filters again ("pelatihan" and "pelatihan d", whose
    // last letter is not searched yet): the answer found before.
    // (Words in capitals are not corrected: "SIPB" is not "sipb".)
    var key = JSON.stringify([list, f, offset, limit, /\s$/.test(query),
      Array.from(capitalized(query))]);
    if (answers.has(key)) return Promise.resolve(answers.get(key));
    return searchWords(query, list, f, offset, limit, options).then(function (answer) {
      answers.set(key, answer);
      if (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value);
      return answer;
    });
  }

  var answers = new Map();
  var ANSWERS_KEPT = 20;

  // Words that say when: "bulan ini" (this month), "bulan depan" (next month),
  // "bulan lalu", "tahun ini", "tahun depan" ... (RELATIVE).
  var RELATIVE = { ini: 0, sekarang: 0, depan: 1, lalu: -1, kemarin: -1 };
  var MONTH_WORDS = MONTHS.map(function (m) { return m.toLowerCase(); });
  var SHORT_MONTHS = { jan: "januari", feb: "februari", peb: "februari", mar: "maret",
    apr: "april", jun: "juni", jul: "juli", agu: "agustus", agt: "agustus", ags: "agustus",
    agus: "agustus", sep: "september", sept: "september", okt: "oktober", nov: "november",
    nop: "november", des: "desember" };
  // A month and its year as one word, as the index has it ("januari2027").
  var MONTH_YEAR = new RegExp("^(?:" + MONTH_WORDS.join("|") + ")[0-9]{4}$");

  /**
   * The query's words with the times it names as the words the schedules are
   * indexed under (search.py `schedule_words`: month names, years, and a month
   * with its year as one word): "Februari 2027" is "februari2027" (not a page
   * with an offering in February 2026 and another in 2027), "bulan depan" in
   * December 2026 is "januari2027", "tahun ini" "2026" (`today`: a date, for
   * tests; else the browser's clock). "bulan" before a month name and
   * "tahun" before a year are left out: "bulan desember" asks for December,
   * not for pages with the word "bulan".
   */
  function dated(list, today) {
    var now = today ? new Date(today) : new Date();
    // Month names written short ("jan", "agt", "des") after "bulan" or before a
    // year ("des 2026"); alone, "des" or "mar" may be another word.
    list = list.map(function (w, i) {
      var full = SHORT_MONTHS[w];
      var dated = list[i - 1] === "bulan" || list[i - 1] === "bln" || /^[0-9]{4}$/.test(list[i + 1] || "");
      return full && dated ? full : w;
    });
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var w = list[i];
      var next = list[i + 1];
      var shift = next !== undefined && Object.prototype.hasOwnProperty.call(RELATIVE, next)
        ? RELATIVE[next] : null;
      if (w === "bulan" || w === "bln") {
        // (Or the start of one still being typed: "bulan feb".)
        if (MONTH_WORDS.indexOf(next) >= 0 || (next !== undefined && i + 2 === list.length &&
          next.length >= 3 && MONTH_WORDS.some(function (m) { return m.indexOf(next) === 0; }))) continue;
        if (shift !== null) {
          var month = new Date(now.getFullYear(), now.getMonth() + shift, 1);
          out.push(MONTH_WORDS[month.getMonth()] + month.getFullYear());
          i++;
          continue;
        }
      } else if (w === "tahun" || w === "thn") {
        if (/^[0-9]{4}$/.test(next || "")) continue;
        if (shift !== null) {
          out.push(String(now.getFullYear() + shift));
          i++;
          continue;
        }
      } else if (MONTH_WORDS.indexOf(w) >= 0 && /^[0-9]{4}$/.test(next || "")) {
        out.push(w + next);
        i++;
        continue;
      }
      out.push(w);
    }
    return out;
  }


  /** Two words that are a phrase of GLOSS ("public speaking") as one: "public-speaking". */
  function phrases(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var pair = i + 1 < list.length ? list[i] + "-" + list[i + 1] : null;
      if (pair !== null && glossOf(pair) !== null) {
        out.push(pair);
        i++;
      } else {
        out.push(list[i]);
      }
    }
    return out;
  }

  function searchWords(query, list, f, offset, limit, options) {
    var stale = options.stale || function () { return false; };
    // The last word may still be being typed (no space after it yet), unless it
    // is an abbreviation typed in capitals ("TIK" is not "tiket").
    var open = !/\s$/.test(query) && !capitalized(query).has(list[list.length - 1]);
    function still(value) {
      if (stale()) throw STALE;
      return value;
    }
    function load(found) {
      still();
      return Promise.all(found.slice(offset, offset + limit).map(function (r) {
        // (A copy marked `named` and `typed`, for rerank: the page files' objects
        // are shared.)
        return eng.data(r.id).then(function (d) {
          return r.named || r.typed ? Object.assign({ named: !!r.named, typed: !!r.typed }, d) : d;
        });
      })).then(still);
    }
    function finish(found, datas, suggestion, isPartial, used, missing) {
      var stem = tools && tools.stem;
      var ordered = used && used.length && offset === 0 ? rerank(datas, used, stem) : datas;
      // A correction that finds nothing either is not offered.
      return { suggestion: found.length ? suggestion : null, partial: !!isPartial, missing: missing || [],
        results: ordered.map(function (d) { return shape(d, used, stem); }), total: found.length };
    }
    var tools = null;
    var eng = null;
    return Promise.all([engine(), list.length ? stemmer() : null]).then(function (ready) {
      eng = ready[0];
      tools = ready[1];
      function some(units, suggestion, missing, last) {
        var used = [].concat.apply([], units);
        return partial(eng, units, tools.stem, f, last).then(function (found) {
          return load(found).then(function (datas) {
            return finish(found, datas, suggestion, found.length > 0, used, missing);
          });
        });
      }
      if (!list.length) {
        return eng.search([], null, f).then(function (found) {
          return load(found).then(function (datas) { return finish(found, datas, null); });
        });
      }
      return find(eng, list, tools.stem, f, open).then(function (found) {
        if (found.length >= FEW_RESULTS || (found.length && contentWords(list).length < LONG_QUERY)) {
          return load(found).then(function (datas) { return finish(found, datas, null, false, list); });
        }
        if (found.length) {
          return partial(eng, unitsOf(list), tools.stem, f, open).then(function (more) {
            var seen = new Set(found.map(function (r) { return r.id; }));
            var all = found.concat(more.filter(function (r) { return !seen.has(r.id); }));
            return load(all).then(function (datas) { return finish(all, datas, null, false, list); });
          });
        }
        // Words no indexed page contains: search the closest indexed words instead.
        return checkWords(list, tools, capitalized(query)).then(still).then(function (checked) {
          if (!checked) return some(unitsOf(list), null, [], open);
          var corrected = checked.some(function (w, i) { return w !== null && w !== list[i]; });
          // Each word as one unit, or the words that replaced it (a gloss, two
          // words run together), which belong together. A gloss of several
          // words is one term: its words next to each other (`queryWord`).
          var units = [];
          checked.forEach(function (w, i) {
            if (!w) return;
            var term = w.indexOf(" ") > 0 && w !== list[i] && w === glossOf(list[i]);
            units.push(term ? [w] : w.split(" "));
          });
          var usable = [].concat.apply([], units);
          var suggestion = corrected ? usable.join(" ") : null;
          // The words that found nothing and were left out, as typed.
          var missing = list.filter(function (w, i) { return checked[i] === null; });
          if (!usable.length) return finish([], [], suggestion, false, null, missing);
          // (The filters' values are loaded only when a word was left out.)
          return (missing.length ? eng.wishWords(tools.stem) : Promise.resolve(null)).then(function (wishes) {
            // What is left names no subject ("pelatihan" of "pelatihan excel"):
            // every record of that kind would be no answer.
            var subject = !wishes || units.some(function (unit) {
              return unit.some(function (w) { return !isWish(w, wishes, tools.stem); });
            });
            if (!subject) return finish([], [], null, false, null, missing);
            return find(eng, usable, tools.stem, f).then(function (fixed) {
              if (fixed.length) {
                return load(fixed).then(function (datas) {
                  return finish(fixed, datas, suggestion, missing.length > 0, usable, missing);
                });
              }
              return some(units, suggestion, missing, false);
            });
          });
        });
      });
    });
  }

  window.portalSearch = function (query, filters, options) {
    return portalSearch(query, filters, options).then(function (r) {
      return { suggestion: r.suggestion, partial: r.partial, missing: r.missing || [],
        results: r.results, total: r.total };
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
    var scroller = box.querySelector(".kk-search__panel");
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
        var meta = [r.partner, r.jp ? r.jp + " JP" : "", r.detail].filter(Boolean).join(" · ");
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
      // The status is a live region: written only when its words change, or a screen
      // reader says the same count again (after "Tampilkan lebih banyak", a space typed).
      var said = document.createDocumentFragment();
      if (answer.folder) {
        said.appendChild(document.createTextNode(
          "Situs dibuka dari folder: hanya judul modul yang dicari. "));
      }
      if (answer.suggestion) {
        var fix = el("button", { type: "button", class: "kk-search__suggestion", text: answer.suggestion });
        fix.addEventListener("click", function () {
          input.value = answer.suggestion;
          schedule(0);
          input.focus();
        });
        said.appendChild(document.createTextNode("Maksud Anda: "));
        said.appendChild(fix);
        said.appendChild(document.createTextNode("? "));
      }
      var total = String(answer.total).replace(/\B(?=(\d{3})+(?!\d))/g, ".");  // 1.250
      var filtered = Object.keys(currentFilters()).length > 0;
      var missing = (answer.missing || []).map(function (w) { return "\u201c" + w + "\u201d"; });
      var count;
      if (answer.total && missing.length) {
        // Words found on no page were left out: say which.
        count = "Kata " + missing.join(" dan ") + " tidak ditemukan; " + total +
          " hasil memuat kata lainnya.";
      } else if (answer.total) {
        count = answer.partial ? "Tidak ada yang memuat semua kata; " + total + " hasil memuat sebagian."
          : total + " hasil" + (query ? "" : " sesuai saringan") + ".";
      } else if (!query) {
        count = "Tidak ada yang sesuai dengan saringan ini.";
      } else if (filtered) {
        count = "Tidak ada hasil untuk \u201c" + query + "\u201d dengan saringan ini. " +
          "Coba kurangi saringan atau gunakan kata lain.";
      } else {
        // The words not found, when not all of them were ("pelatihan excel").
        var which = missing.length && missing.length < words(query).length
          ? ": kata " + missing.join(" dan ") + " tidak ditemukan" : "";
        count = "Tidak ada hasil untuk \u201c" + query + "\u201d" + which + ". Periksa ejaan, " +
          "coba kata yang lebih umum, atau ";
      }
      said.appendChild(document.createTextNode(count));
      if (!answer.total && query && !filtered) {
        said.appendChild(el("a", { href: new URL("modul/", ROOT).href, text: "lihat semua modul" }));
        said.appendChild(document.createTextNode("."));
      }
      if (said.textContent !== status.textContent) {
        status.textContent = "";
        status.appendChild(said);
      }
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
      // (A shorter query only when it is an abbreviation the portal knows: "JF", "K3".)
      var known = glossOf(lowered(query)) !== null;
      if (query.length < MIN_CHARS && !known && !Object.keys(filters).length) {
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
        status.textContent = FOLDER
          ? "Daftar modul tidak dapat dimuat dari folder ini. Buka situs melalui server web."
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
      return engine().then(function (eng) { return eng.filters(); }).then(function (all) {
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
      // A letter typed on the button starts the query; Space presses the button.
      if (e.key.length === 1 && e.key !== " " && !e.ctrlKey && !e.metaKey && !e.altKey) {
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
    // The filters sit above the results: opened after scrolling down the
    // results, they would open out of sight. Bring them just below the form
    // (which stays at the top of the scrolling panel).
    function showFilters() {
      var gap = panel.getBoundingClientRect().top - form.getBoundingClientRect().bottom;
      if (gap < 0) scroller.scrollTop += gap;
    }

    // From a folder only titles are searched (folderSearch): no filters to offer.
    if (FOLDER) toggle.hidden = true;
    toggle.addEventListener("click", function () {
      var openNow = panel.hidden;
      panel.hidden = !openNow;
      toggle.setAttribute("aria-expanded", String(openNow));
      if (openNow) showFilters();
      if (openNow && !Object.keys(selects).length) {
        panel.setAttribute("aria-busy", "true");
        loadFilters().then(function () {
          panel.removeAttribute("aria-busy");
          box.setAttribute("data-kk-filters", "ready");
          if (!panel.hidden) showFilters();
        });
      }
    });

    // A modal dialog: Tab and Shift+Tab cycle through its controls, and focus
    // that lands outside it while it is open is brought back to the input.
    function focusable() {
      return Array.prototype.filter.call(dialog.querySelectorAll(
        "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
        "textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"
      ), function (node) { return node.getClientRects().length > 0; });
    }

    // Down and Up go from the input through the results and back, as in a list of
    // suggestions (Tab and Shift+Tab still go through every control).
    function arrow(e) {
      var items = [input].concat(Array.prototype.slice.call(list.querySelectorAll(".kk-result__link")));
      var at = items.indexOf(e.target);
      var next = at + (e.key === "ArrowDown" ? 1 : -1);
      if (at < 0 || next < 0 || next >= items.length) return;
      e.preventDefault();
      items[next].focus();
    }

    dialog.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) arrow(e);
        return;
      }
      if (e.key !== "Tab") return;
      var items = focusable();
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      var at = items.indexOf(document.activeElement);
      if (e.shiftKey && (at <= 0)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === -1 || at === items.length - 1)) {
        e.preventDefault();
        first.focus();
      }
    });
    document.addEventListener("focusin", function (e) {
      if (!dialog.hidden && !dialog.contains(e.target)) input.focus();
    });

    // "/" opens the box unless the reader turned it off (WCAG 2.1.4), in this browser.
    var shortcut = box.querySelector("[data-kk-shortcut]");
    var SHORTCUT_KEY = "portal-kurikulum:pintasan";
    function shortcutOn() {
      try { return localStorage.getItem(SHORTCUT_KEY) !== "mati"; } catch (err) { return true; }
    }
    function showShortcut() {
      var on = shortcutOn();
      if (shortcut) shortcut.checked = on;
      opener.title = on ? "Cari (tekan /)" : "Cari";
    }
    showShortcut();
    if (shortcut) {
      shortcut.addEventListener("change", function () {
        try {
          if (shortcut.checked) localStorage.removeItem(SHORTCUT_KEY);
          else localStorage.setItem(SHORTCUT_KEY, "mati");
        } catch (err) { /* not kept: it holds for this page */ }
        opener.title = shortcut.checked ? "Cari (tekan /)" : "Cari";
      });
    }
    window.addEventListener("storage", function (e) {
      if (e.key === SHORTCUT_KEY || e.key === null) showShortcut();
    });

    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !dialog.hidden) {
        e.preventDefault();
        close();
        return;
      }
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      var wanted = shortcut ? shortcut.checked : shortcutOn();
      if (e.key === "/" && !typing && dialog.hidden && wanted) {
        e.preventDefault();
        open();
      }
    });
    // An address with ?q= (the search page's form, a link someone shared, a
    // browser's site search) opens the box with that query.
    var asked = (new URLSearchParams(location.search).get("q") || "").trim().slice(0, 200);
    var pageForm = document.querySelector("[data-kk-search-page]");
    var pageInput = pageForm && pageForm.querySelector("input[name=q]");
    if (pageInput && asked) pageInput.value = asked;
    if (pageForm && pageInput) {
      // On the search page the form opens the box in place, and the address keeps
      // the query (to share, or to come back to).
      pageForm.addEventListener("submit", function (e) {
        e.preventDefault();
        var query = pageInput.value.trim();
        if (!query) { pageInput.focus(); return; }
        history.replaceState(null, "", "?q=" + encodeURIComponent(query));
        open(query);
        input.value = query;
        schedule(0);
      });
    }
    box.setAttribute("data-kk-state", "idle");
    if (asked) {
      open(asked);
      schedule(0);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
