/* Portal Kurikulum: Indonesian stemmer for search queries.
 *
 * Reduces a word to its dictionary root with the confix-stripping algorithm
 * of Nazief & Adriani as extended by Asian (CS, 2007), Arifin et al. (ECS,
 * 2009) and the Sastrawi project: inflectional particles (-lah, -kah, -tah,
 * -pun), possessive pronouns (-ku, -mu, -nya), derivational suffixes (-i,
 * -kan, -an, and the loan suffixes -is, -isme, -isasi), plain prefixes (di-,
 * ke-, se-) and the disambiguated prefixes (ber-, ter-, me-, pe-, per- with
 * their assimilated forms, ku-, kau-, and the infixes -er-, -el-, -em-, -in-),
 * with precedence adjustment for confixes and the "loop pengembalian
 * akhiran" (restoring suffixes) of ECS. Plural forms (kupu-kupu) reduce to
 * the shared root.
 *
 * The build stems every page with PySastrawi; this port must give the same
 * root for every word whose root is in the dictionary it is given (the roots
 * present in the search index). tests/test_search_stemmer.py checks that.
 *
 * Usage: kkStem.stemmer(setOfRoots) -> function(word) -> root (or the word);
 * kkStem.rooter(setOfRoots) adds the steps the build takes after PySastrawi
 * (compounds with a loan prefix, loan suffixes): the search box uses that one.
 */
(function (root) {
  "use strict";

  var C = "bcdfghjklmnpqrstvwxyz"; // consonants
  var CR = "bcdfghjklmnpqstvwxyz"; // consonants except r
  var CX = "bcdfghjkpqstvxz"; // consonants except r, w, y, l, m, n
  var V = "aiueo";

  function re(src) {
    return new RegExp(src.replace(/C/g, "[" + C + "]").replace(/R/g, "[" + CR + "]")
      .replace(/X/g, "[" + CX + "]").replace(/V/g, "[" + V + "]"));
  }

  // A prefix rule: a pattern and one or more ways to rebuild the remaining
  // word from its groups ("r$1" puts back an r that belonged to the root).
  // The first candidate found in the dictionary wins; otherwise the last one
  // produced stands (and stemming carries on from it).
  function rule(pattern) {
    var rx = re(pattern);
    var outs = Array.prototype.slice.call(arguments, 1);
    return outs.map(function (out) {
      return function (word) {
        var m = rx.exec(word);
        return m ? out.replace(/\$(\d)/g, function (_, n) { return m[+n]; }) : null;
      };
    });
  }

  var PREFIX_RULES = [
    rule("^ber(V.*)$", "$1", "r$1"), // ber-V | be-rV
    rule("^ber(C)([a-z])(?!er)(.*)$", "$1$2$3"), // ber-CAP, P not er-
    rule("^ber(R)([a-z])er(V)(.*)$", "$1$2er$3$4"), // ber-CAerV
    rule("^belajar$", "ajar"),
    rule("^be(R)(erC)(.*)$", "$1$2$3"), // be-C1erC2
    rule("^ter(V.*)$", "$1", "r$1"), // ter-V | te-rV
    rule("^ter(R)er(V.*)$", "$1er$2"), // ter-CerV
    rule("^ter(R)(?!er)(.*)$", "$1$2"), // ter-CP, P not er-
    rule("^te(R)er(C)(.*)$", "$1er$2$3"), // te-C1erC2
    rule("^me([lrwy])(V)(.*)$", "$1$2$3"), // me-{l,r,w,y}V
    rule("^mem([bfv])(.*)$", "$1$2"), // mem-{b,f,v}
    rule("^mempe(.*)$", "pe$1"), // mem-pe (mempengaruhi)
    rule("^mem(V)(.*)$", "m$1$2", "p$1$2"), // me-mV | me-pV
    rule("^men([cdjstz])(.*)$", "$1$2"), // men-{c,d,j,s,t,z}
    rule("^men(V)(.*)$", "n$1$2", "t$1$2"), // me-nV | me-tV
    rule("^meng([ghqk])(.*)$", "$1$2"), // meng-{g,h,q,k}
    rule("^meng(V)(.*)$", "$1$2", "k$1$2")
      .concat(rule("^menge(.*)$", "$1"), rule("^meng(V)(.*)$", "ng$1$2")),
    rule("^meny(V)(.*)$", "ny$1$2", "s$1$2"), // me-nyV | meny-sV
    rule("^memp([abcdfghijklmopqrstuvwxyz])(.*)$", "p$1$2"), // mem-pA, A not e
    rule("^pe([wy])(V)(.*)$", "$1$2$3"), // pe-{w,y}V
    rule("^per(V)(.*)$", "$1$2").concat(rule("^pe(rV)(.*)$", "$1$2")), // per-V | pe-rV
    rule("^per(C)([a-z])(?!er)(.*)$", "$1$2$3"), // per-CAP, P not er-
    rule("^per(R)([a-z])er(V)(.*)$", "$1$2er$3$4"), // per-CAerV
    rule("^pem([bfv])(.*)$", "$1$2"), // pem-{b,f,v}
    rule("^pem(V)(.*)$", "m$1$2", "p$1$2"), // pe-mV | pe-pV
    rule("^pen([cdjstz])(.*)$", "$1$2"), // pen-{c,d,j,s,t,z}
    rule("^pen(V)(.*)$", "n$1$2", "t$1$2"), // pe-nV | pe-tV
    rule("^peng(C)(.*)$", "$1$2"), // peng-C
    rule("^peng(V)(.*)$", "$1$2", "k$1$2").concat(rule("^penge(.*)$", "$1")),
    rule("^peny(V)(.*)$", "ny$1$2", "s$1$2"), // pe-nyV | peny-sV
    [function (word) { // pe-lV, but pelajar is pel-ajar
      if (word === "pelajar") return "ajar";
      var m = re("^pe(lV)(.*)$").exec(word);
      return m ? m[1] + m[2] : null;
    }],
    rule("^pe(C)(?!er)(.*)$", "$1$2"), // pe-CP, P not er-
    rule("^ter(X)(er[" + C + "])(.*)$", "$1$2$3"), // ter-C1erC2
    rule("^pe(X)(er[" + C + "])(.*)$", "$1$2$3"), // pe-C1erC2
    rule("^(C)(erV)(.*)$", "$1$2$3").concat(rule("^(C)er(V)(.*)$", "$1$2$3")), // infix -er-
    rule("^(C)(elV)(.*)$", "$1$2$3").concat(rule("^(C)el(V)(.*)$", "$1$2$3")), // infix -el-
    rule("^(C)(emV)(.*)$", "$1$2$3").concat(rule("^(C)em(V)(.*)$", "$1$2$3")), // infix -em-
    rule("^(C)(inV)(.*)$", "$1$2$3").concat(rule("^(C)in(V)(.*)$", "$1$2$3")), // infix -in-
    rule("^ku(.*)$", "$1"),
    rule("^kau(.*)$", "$1"),
  ];

  var SUFFIXES = [
    [/-*(lah|kah|tah|pun)$/, "P"], // particles
    [/-*(ku|mu|nya)$/, "PP"], // possessive pronouns
    [/(is|isme|isasi|i|kan|an)$/, "DS"], // derivational suffixes
  ];
  var CONFIX_FIRST = [/^be.*lah$/, /^be.*an$/, /^me.*i$/, /^di.*i$/, /^pe.*i$/, /^ter.*i$/];
  var PLAIN_PREFIX = /^(di|ke|se)/;
  var PARTICLES = ["ku", "mu", "nya", "lah", "kah", "tah", "pun"];

  function stemmer(dictionary) {
    var has = function (w) { return w != null && dictionary.has(w); };

    function singular(original) {
      var word = original;
      var removals = [];
      var stopped = false;

      function remove(result, type) {
        removals.push({ subject: word, result: result, part: word.slice(result.length), type: type });
        word = result;
      }
      function suffixes() {
        for (var i = 0; i < SUFFIXES.length; i++) {
          var result = word.replace(SUFFIXES[i][0], "");
          if (result !== word) remove(result, SUFFIXES[i][1]);
          if (has(word) || stopped) return;
        }
      }
      function prefixPass() {
        var before = removals.length;
        var plain = word.replace(PLAIN_PREFIX, "");
        if (plain !== word) remove(plain, "DP");
        if (has(word) || stopped || removals.length > before) return;
        for (var i = 0; i < PREFIX_RULES.length; i++) {
          var alternatives = PREFIX_RULES[i];
          var result = null;
          for (var j = 0; j < alternatives.length; j++) {
            result = alternatives[j](word);
            if (has(result)) break;
          }
          if (result !== null) remove(result, "DP");
          if (has(word) || stopped || removals.length > before) return;
        }
      }
      function prefixes() {
        for (var i = 0; i < 3; i++) {
          prefixPass();
          if (has(word)) return;
        }
      }
      function restoreSuffixes() {
        if (removals.length) word = removals[0].subject;
        removals = removals.filter(function (r) { return r.type !== "DP"; });
        var kept = removals.slice();
        var restored = word;
        for (var i = kept.length - 1; i >= 0; i--) {
          var r = kept[i];
          if (r.part === "kan") {
            word = r.result + "k";
            prefixes();
            if (has(word)) return;
            word = r.result + "kan";
          } else {
            word = r.subject;
          }
          prefixes();
          if (has(word)) return;
          removals = kept.slice();
          word = restored;
        }
      }
      function run() {
        if (has(word)) return;
        if (word.length <= 3) stopped = true;
        if (CONFIX_FIRST.some(function (rx) { return rx.test(original); })) {
          prefixes();
          if (has(word)) return;
          suffixes();
          if (has(word)) return;
          word = original;
          removals = [];
        }
        suffixes();
        if (has(word)) return;
        prefixes();
        if (has(word)) return;
        restoreSuffixes();
      }

      run();
      return has(word) ? word : original;
    }

    function plural(word) {
      var m = /^(.*)-(.*)$/.exec(word);
      if (!m) return word;
      var first = m[1];
      var second = m[2];
      var inner = /^(.*)-(.*)$/.exec(first);
      if (PARTICLES.indexOf(second) >= 0 && inner) {
        first = inner[1];
        second = inner[2] + "-" + second;
      }
      var root1 = singular(first);
      var root2 = singular(second);
      if (!has(second) && root2 === second) root2 = singular("me" + second);
      return root1 === root2 ? root1 : word;
    }

    function isPlural(word) {
      var m = /^(.*)-(ku|mu|nya|lah|kah|tah|pun)$/.exec(word);
      return m ? m[1].indexOf("-") >= 0 : word.indexOf("-") >= 0;
    }

    var cache = new Map();
    return function stem(word) {
      var hit = cache.get(word);
      if (hit === undefined) {
        hit = isPlural(word) ? plural(word) : singular(word);
        cache.set(word, hit);
      }
      return hit;
    };
  }

  // As generator/search.py: loan-word prefixes written solid (antikorupsi ->
  // korupsi) and loan suffixes (digitalisasi -> digital, efektivitas -> efektif).
  var COMPOUND_PREFIXES = ["antar", "anti", "multi", "pasca", "non", "pra", "swa"];
  var LOAN_SUFFIXES = [["isasi", ""], ["disasi", ""], ["isme", ""], ["ivitas", "if"],
    ["bilitas", "bel"], ["alitas", "al"]];
  // Loan words whose meaning left their base's (search.py LEXICAL_LOANS): their
  // own root, also when the index has no word of them (the stemmer would
  // otherwise strip them down to a root it has: "sosialisasi" -> sosial).
  var LEXICAL_LOANS = new Set(["sosialisasi", "organisasi", "realisasi", "realitas",
    "mobilisasi", "lokalisasi", "spesialisasi", "rasionalisasi", "formalitas"]);

  /**
   * The root the build indexes a word under (search.py `base_root`): the
   * stemmer's root, or for a compound outside the dictionary the root of its
   * rest, then without a loan suffix when that leaves a dictionary word.
   * Usage: kkStem.rooter(setOfRoots) -> function(word) -> root (or the word).
   */
  function rooter(dictionary) {
    var stem = stemmer({ has: function (w) { return dictionary.has(w) || LEXICAL_LOANS.has(w); } });
    function loan(word) {
      if (LEXICAL_LOANS.has(word)) return word;
      for (var i = 0; i < LOAN_SUFFIXES.length; i++) {
        var suffix = LOAN_SUFFIXES[i][0];
        if (word.length > suffix.length && word.slice(-suffix.length) === suffix) {
          var base = word.slice(0, -suffix.length) + LOAN_SUFFIXES[i][1];
          if (base.length >= 4 && dictionary.has(base)) return base;
        }
      }
      return word;
    }
    function base(word) {
      var found = stem(word);
      if (!dictionary.has(found)) {
        for (var i = 0; i < COMPOUND_PREFIXES.length; i++) {
          var prefix = COMPOUND_PREFIXES[i];
          if (word.indexOf(prefix) === 0 && word.length - prefix.length >= 4) {
            var rest = base(word.slice(prefix.length));
            if (dictionary.has(rest)) return rest;
          }
        }
        // A loan word with a particle or pronoun ("akuntabilitasnya").
        var bare = word.replace(/(lah|kah|tah|pun)$/, "").replace(/(ku|mu|nya)$/, "");
        if (bare !== word && loan(bare) !== bare) return loan(bare);
      }
      return loan(found);
    }
    var cache = new Map();
    return function root(word) {
      var hit = cache.get(word);
      if (hit === undefined) {
        hit = base(word);
        cache.set(word, hit);
      }
      return hit;
    };
  }

  var api = { stemmer: stemmer, rooter: rooter };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.kkStem = api;
})(typeof self !== "undefined" ? self : this);
