/* Portal Kurikulum: status from today's date, schedule filters and the JP planner
 * (and the phone's menu button, made one for the keyboard and screen readers).
 * Pages carry the dates; the status printed at build time is the fallback
 * when JavaScript is off. Today is taken in the site's time zone (data-kk-zone). */
(function () {
  "use strict";

  var LABELS = {
    "dibuka": "Pendaftaran dibuka",
    "segera-dibuka": "Segera dibuka",
    "ditutup": "Pendaftaran ditutup",
    "penuh": "Kuota penuh",
    "dibatalkan": "Dibatalkan",
    "ditunda": "Ditunda",
    "berlangsung": "Sedang berlangsung",
    "selesai": "Selesai"
  };

  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];

  var dayFormats = {};

  // Indonesia's zones have kept one offset from UTC since 1964 (no summer time): the
  // day there is arithmetic. Building an Intl formatter for a zone is the slowest
  // step of this script on a low-end phone (tens of milliseconds on first use).
  var FIXED_ZONES = { "Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Jayapura": 9 };

  function dayIn(zone, when) {
    if (Object.prototype.hasOwnProperty.call(FIXED_ZONES, zone)) {
      return new Date(when.getTime() + FIXED_ZONES[zone] * 3600000).toISOString().slice(0, 10);
    }
    // YYYY-MM-DD of `when` in `zone`, from the parts: the layout of a locale's
    // formatted date has changed between browser versions.
    if (!dayFormats[zone]) {
      dayFormats[zone] = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
      });
    }
    var parts = {};
    dayFormats[zone].formatToParts(when).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function todayWIB() {
    // Today in the site's time zone (site_config.yml, on the page's content; WIB by
    // default), as the build counts it; the phone's own zone does not matter.
    var page = document.querySelector("[data-kk-zone]");
    var zone = (page && page.dataset.kkZone) || "Asia/Jakarta";
    var now = new Date();
    try {
      return dayIn(zone, now);
    } catch (e) {  // a zone this browser does not know
      return dayIn("Asia/Jakarta", now);
    }
  }

  function day(value) { return value ? value.slice(0, 10) : ""; }

  // A start or end with a time of day ("2026-12-07T13:00:00+07:00", always with its
  // offset) as milliseconds; a whole day ("2026-12-07") as null.
  function instant(value) {
    if (!value || value.length <= 10) return null;
    var t = Date.parse(value);
    return isNaN(t) ? null : t;
  }

  // Whole numbers as Indonesian writes them (1.250), as the pages do: not left to
  // the browser's locale, which may be English.
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  // A live region (aria-live, role=status) is written only when what it says changes:
  // the same words written again are read out again by a screen reader.
  function announce(region, text) {
    if (region && region.textContent !== text) region.textContent = text;
  }

  function offeringStatus(d, today, now) {
    if (d.state === "cancelled") return "dibatalkan";
    if (d.state === "postponed") return "ditunda";
    if (now === undefined) now = Date.now();
    var first = day(d.start), last = day(d.end);
    // A seminar from 13.00 to 16.00 has not begun at 09.00 and is over at 17.00:
    // with a time of day, the moment counts, not only the day.
    var startAt = instant(d.start), endAt = instant(d.end);
    if (endAt !== null ? now >= endAt : today > last) return "selesai";
    if (startAt !== null ? now >= startAt : today >= first) return "berlangsung";
    if (d.full !== undefined) return "penuh";
    if (d.opens && today < d.opens) return "segera-dibuka";
    var closes = d.closes || first;
    if (today > closes) return "ditutup";
    return "dibuka";
  }

  function internshipStatus(d, today) {
    if (today > day(d.end)) return "selesai";
    if (d.opens && today < d.opens) return "segera-dibuka";
    var closes = d.closes || day(d.start);
    if (today > closes) return today >= day(d.start) ? "berlangsung" : "ditutup";
    return "dibuka";
  }

  function status(el, today, now) {
    var d = el.dataset;
    return d.kind === "internship" ? internshipStatus(d, today) : offeringStatus(d, today, now);
  }

  var refilter = null;  // the schedule's filters, applied again when a status changes

  function refreshStatuses() {
    var today = todayWIB();
    var now = Date.now();
    document.querySelectorAll("[data-kk-status]").forEach(function (el) {
      var d = el.dataset;
      var value = status(el, today, now);
      if (d.value === value) return;  // unchanged since the last look
      el.textContent = LABELS[value];
      el.className = el.className.replace(/kk-status--[a-z-]+/, "kk-status--" + value);
      d.value = value;
      // The row the status belongs to: its table row or list item, else the page (an
      // internship's status and its application steps sit in different blocks).
      var row = d.kind === "internship" ? el.closest("li, .kk-page") : el.closest("tr, li, dl, .kk-page");
      if (!row) return;
      var open = value === "dibuka" || value === "segera-dibuka";
      row.querySelectorAll("[data-kk-register]").forEach(function (x) { x.hidden = !open; });
      row.querySelectorAll("[data-kk-closed]").forEach(function (x) { x.hidden = open; });
    });
    if (refilter) refilter();
  }

  function keepStatusesCurrent() {
    if (!document.querySelector("[data-kk-status]")) return;
    // A phone keeps a tab for days: look again when it comes back into view, when it
    // is restored from the back/forward cache, and each minute while it is open
    // (registration closes at midnight, a seminar ends at 16.00).
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") refreshStatuses();
    });
    window.addEventListener("pageshow", function (event) { if (event.persisted) refreshStatuses(); });
    setInterval(refreshStatuses, 60 * 1000);
  }

  function setupFilters() {
    var form = document.querySelector("[data-kk-filters]");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-kk-row]"));
    var sections = document.querySelectorAll("[data-kk-month]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-kk-count]");
    var empty = document.querySelector("[data-kk-empty]");
    var toggle = form.querySelector("[data-kk-filters-toggle]");
    var reset = form.querySelector("[data-kk-filters-reset]");
    var active = 0;

    // The fold of a phone (the stylesheet hides the choices below 45em unless open).
    function label() {
      if (!toggle) return;
      var open = form.classList.contains("kk-filters--open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "Sembunyikan pilihan"
        : "Pilih saringan" + (active ? " (" + number(active) + " aktif)" : "");
    }
    // A link may carry a filter (?partner=usu): only a value the list offers is taken,
    // the first when a name is repeated.
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      var offered = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      if (wanted && offered) select.value = wanted;
    });

    // The lists of what is to come drop what has ended since the site was built: a
    // site built last week does not offer last week's training (its status says
    // "Selesai" everywhere else).
    var upcoming = form.hasAttribute("data-kk-upcoming");
    function ended(row) {
      var status = upcoming && row.querySelector("[data-kk-status]");
      return !!status && status.dataset.value === "selesai";
    }

    function apply() {
      var chosen = {};
      selects.forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
      var names = Object.keys(chosen);
      var shown = 0;
      var listed = 0;
      rows.forEach(function (row) {
        if (ended(row)) {
          row.hidden = true;
          return;
        }
        listed += 1;
        var ok = names.every(function (k) { return row.dataset[k] === chosen[k]; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("[data-kk-row]:not([hidden])");
        // "Lihat semua ... yang sedang berlangsung" goes with its section.
        var more = section.nextElementSibling;
        if (more && more.classList.contains("kk-more")) more.hidden = section.hidden;
      });
      announce(count, number(shown) + " dari " + number(listed) + " kegiatan ditampilkan.");
      if (empty) empty.hidden = shown > 0;
      active = names.length;
      if (reset) reset.hidden = !active;
      label();
      // The address says what is shown, so that it can be shared; the rest of it
      // (a search ?q=, a #month anchor) stays as it was.
      var query = new URLSearchParams(location.search);
      selects.forEach(function (s) { query.delete(s.name); });
      names.forEach(function (k) { query.append(k, chosen[k]); });
      var text = query.toString();
      history.replaceState(history.state, "", (text ? "?" + text : location.pathname) + location.hash);
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    if (toggle) {
      toggle.addEventListener("click", function () {
        form.classList.toggle("kk-filters--open");
        label();
      });
    }
    if (reset) {
      reset.addEventListener("click", function () {
        selects.forEach(function (s) { s.value = ""; });
        apply();
        // The button is gone: keep the keyboard in the form.
        var first = selects[0];
        if (first && first.offsetParent) first.focus(); else if (toggle) toggle.focus();
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
    // A status that turns "Selesai" while the tab is open (checked each minute).
    if (upcoming) refilter = apply;
  }

  /* The yearly JP planner: modules chosen on /rencana/ or on a module page,
   * kept in this browser's localStorage only. */
  var PLAN_KEY = "portal-kurikulum:rencana";
  var SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var MODULE_ID = new RegExp("^" + SLUG + "/" + SLUG + "$");
  var MODULE_URL = new RegExp("^modul/" + SLUG + "/" + SLUG + "/$");
  var MAX_JP = 1000;  // the most a module may count (curriculum format)
  var memoryPlan = null;  // the plan of this page while the browser refuses to store it

  function storageWorks() {
    // Blocked site data throws on any use, an old private mode on writing.
    try {
      var key = PLAN_KEY + ":uji";
      localStorage.setItem(key, "1");
      localStorage.removeItem(key);
      return true;
    } catch (e) {
      return false;
    }
  }

  function cleanItem(x) {
    // One planned module as stored: {id, t, jp, u, p}. A bare id (a plan kept as a
    // list of ids) is taken too; anything else is dropped.
    if (typeof x === "string") x = { id: x };
    if (!x || typeof x !== "object" || typeof x.id !== "string" || !MODULE_ID.test(x.id)) return null;
    var jp = Math.round(Number(x.jp));
    if (!(jp >= 1 && jp <= MAX_JP)) jp = 0;  // unknown: the catalog tells, once loaded
    return {
      id: x.id,
      t: typeof x.t === "string" ? x.t.trim() : "",
      jp: jp,
      u: typeof x.u === "string" && MODULE_URL.test(x.u) ? x.u : "modul/" + x.id + "/",
      p: typeof x.p === "string" ? x.p.trim() : ""
    };
  }

  function loadPlan() {
    // Another version of the page (or a hand edit) may have stored anything here:
    // keep only entries that look like planned modules, each module once.
    if (memoryPlan) return memoryPlan.slice();
    var raw;
    try { raw = JSON.parse(localStorage.getItem(PLAN_KEY)); } catch (e) { return []; }
    if (!Array.isArray(raw)) return [];
    var seen = {};
    return raw.map(cleanItem).filter(function (x) {
      if (!x || seen[x.id]) return false;
      seen[x.id] = true;
      return true;
    });
  }

  function savePlan(plan, keepInPage) {
    // False when the browser refused; with keepInPage the plan then lives on in this
    // page until it is closed (the planner says so).
    var stored = plan.map(cleanItem).filter(Boolean);
    try {
      localStorage.setItem(PLAN_KEY, JSON.stringify(stored));
      memoryPlan = null;
      return true;
    } catch (e) {
      memoryPlan = keepInPage ? stored : null;
      return false;
    }
  }

  function planSummary(plan) {
    var sum = plan.reduce(function (n, x) { return n + x.jp; }, 0);
    return number(plan.length) + " modul, " + number(sum) + " JP";
  }

  function setupPlanButtons() {
    var buttons = document.querySelectorAll("[data-kk-plan-add]");
    // Where the browser keeps nothing, a module added here would never reach the
    // planner: the button is hidden, as without scripts.
    if (!buttons.length) return;
    if (!storageWorks()) {
      buttons.forEach(function (button) { button.hidden = true; });
      return;
    }
    buttons.forEach(function (button) {
      var d = button.dataset;
      var item = cleanItem({ id: d.id, t: d.title, jp: d.jp, u: d.url, p: d.partner });
      if (!item) { button.hidden = true; return; }
      var note = button.parentNode.querySelector("[data-kk-plan-note]");
      var planned = false;

      function label() {
        planned = loadPlan().some(function (x) { return x.id === item.id; });
        // The label says what a press does; no aria-pressed, whose state would
        // contradict a label that changes (WAI-ARIA APG, toggle button).
        button.textContent = planned ? "Hapus dari rencana JP" : "Tambahkan ke rencana JP";
      }

      function say(text, withLink) {
        if (!note) return;
        note.textContent = "";
        if (!text) return;
        note.appendChild(document.createElement("br"));  // on a line of its own
        note.appendChild(document.createTextNode(text));
        if (withLink && d.planner) {
          var a = document.createElement("a");
          a.href = d.planner;
          a.textContent = "Lihat rencana JP";
          note.appendChild(document.createTextNode(" "));
          note.appendChild(a);
        }
      }

      button.hidden = false;
      button.addEventListener("click", function () {
        // What the button said is what the reader asked for, even when another tab
        // changed the plan since: "Hapus" never adds, "Tambahkan" never removes.
        var removing = planned;
        var plan = loadPlan().filter(function (x) { return x.id !== item.id; });
        if (!removing) plan.push(item);
        if (!savePlan(plan, false)) {
          say("Rencana JP tidak dapat disimpan: peramban ini tidak mengizinkan situs menyimpan data.", false);
          return;
        }
        label();
        if (removing) {
          say("Modul ini telah dihapus dari rencana JP Anda.", true);
        } else {
          say("Modul ini telah ditambahkan ke rencana JP Anda (" + planSummary(plan) + ").", true);
        }
      });
      function refresh() { label(); say("", false); }
      // Another tab changed the plan, or the page came back from the back/forward cache.
      window.addEventListener("storage", function (event) {
        if (event.key === PLAN_KEY || event.key === null) refresh();
      });
      window.addEventListener("pageshow", function (event) { if (event.persisted) refresh(); });
      label();
    });
  }

  function setupPlanner() {
    var root = document.querySelector("[data-kk-planner]");
    if (!root) return;
    var target = Number(root.dataset.target);
    var base = root.dataset.base;
    var list = root.querySelector("[data-kk-plan-list]");
    var total = root.querySelector("[data-kk-plan-total]");
    var progress = root.querySelector("[data-kk-plan-progress]");
    var clear = root.querySelector("[data-kk-plan-clear]");
    var query = root.querySelector("[data-kk-plan-query]");
    var results = root.querySelector("[data-kk-plan-results]");
    var found = root.querySelector("[data-kk-plan-found]");
    var print = root.querySelector("[data-kk-plan-print]");
    var printed = root.querySelector("[data-kk-plan-printed]");
    var nostore = root.querySelector("[data-kk-plan-nostore]");
    var heading = root.querySelector("h2");
    var index = null;  // the catalog's modules (data/rencana.json), once loaded
    var byId = null;

    // The printed plan carries the day it was printed, in Indonesian ("8 Desember 2026").
    function stampDate() {
      if (!printed) return;
      var ymd = todayWIB().split("-");
      printed.textContent = Number(ymd[2]) + " " + MONTHS[Number(ymd[1]) - 1] + " " + ymd[0];
    }

    function link(url, text) {
      var a = document.createElement("a");
      a.href = base + url;
      a.textContent = text;
      return a;
    }

    function note(text) {
      var small = document.createElement("small");
      small.className = "kk-planner__note";
      small.textContent = text;
      return small;
    }

    function focusHeading() {
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus();
    }

    // A planned module with what the catalog knows filled in: a plan made by another
    // version of the page (a bare id, a JP lost) gets its title, JP and partner.
    function filled(item) {
      var now = byId && byId[item.id] ? cleanItem(byId[item.id]) : null;
      return {
        id: item.id,
        t: item.t || (now ? now.t : ""),
        jp: item.jp || (now ? now.jp : 0),
        u: item.u,
        p: item.p || (now ? now.p : "")
      };
    }

    function shown(item) {
      var x = filled(item);
      var now = byId && byId[item.id] ? cleanItem(byId[item.id]) : null;
      x.t = x.t || x.id;
      x.gone = byId !== null && !now;  // the catalog no longer has it
      x.catalogJp = now ? now.jp : 0;
      return x;
    }

    function storeOrWarn(plan) {
      var kept = savePlan(plan.map(filled), true);
      if (nostore) nostore.hidden = kept;
    }

    function render() {
      var plan = loadPlan().map(shown);
      var sum = plan.reduce(function (n, x) { return n + x.jp; }, 0);
      list.textContent = "";
      plan.forEach(function (item) {
        var li = document.createElement("li");
        li.dataset.id = item.id;
        // A module the catalog no longer has: no link to a page that is gone.
        li.appendChild(item.gone ? document.createTextNode(item.t) : link(item.u, item.t));
        li.appendChild(document.createTextNode(" (" + number(item.jp) + " JP" + (item.p ? ", " + item.p : "") + ") "));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "md-button kk-planner__remove";
        remove.textContent = "Hapus";
        remove.setAttribute("aria-label", "Hapus " + item.t + " dari rencana");
        remove.addEventListener("click", function () {
          // By id: another tab may have changed the plan since this list was drawn.
          var before = Array.prototype.indexOf.call(list.children, li);
          storeOrWarn(loadPlan().filter(function (x) { return x.id !== item.id; }));
          render();
          search();
          // The button is gone: the keyboard goes on to the next one, or back up.
          var buttons = list.querySelectorAll("button");
          var next = buttons[Math.min(before, buttons.length - 1)];
          if (next) next.focus(); else focusHeading();
        });
        li.appendChild(remove);
        if (item.gone) {
          li.appendChild(document.createElement("br"));
          li.appendChild(note("Modul ini tidak ada lagi di katalog."));
        } else if (item.catalogJp && item.catalogJp !== item.jp) {
          li.appendChild(document.createElement("br"));
          li.appendChild(note("Di katalog, modul ini kini " + number(item.catalogJp) + " JP."));
        }
        list.appendChild(li);
      });
      progress.value = Math.min(sum, target);
      progress.textContent = number(sum) + " JP";
      if (!plan.length) {
        announce(total, "Belum ada modul dalam rencana.");
      } else if (sum >= target) {
        announce(total, planSummary(plan) + ": target " + number(target) + " JP tercapai.");
      } else {
        announce(total, planSummary(plan) + ": kurang " + number(target - sum) +
          " JP dari target " + number(target) + " JP.");
      }
      clear.hidden = !plan.length;
      if (print) print.hidden = !plan.length;
      // Print leaves out the signature lines of an empty plan (kurikulum.css).
      root.toggleAttribute("data-kk-plan-empty", !plan.length);
    }

    function tell(text) {
      // Always there and only its text changes: a live region that appears is not read.
      announce(found, text);
    }

    function search() {
      var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
      results.textContent = "";
      if (!index) return;  // searched again once the list arrives (or it says it did not)
      if (!words.length) { tell(""); return; }
      var chosen = loadPlan().map(function (x) { return x.id; });
      var matches = index.filter(function (m) {
        var text = (m.t + " " + m.p + " " + m.m).toLowerCase();
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      matches.slice(0, 30).forEach(function (m) {
        var li = document.createElement("li");
        li.dataset.id = m.id;
        li.appendChild(link(m.u, m.t));
        li.appendChild(document.createTextNode(" (" + number(m.jp) + " JP, " + m.p + ") "));
        var add = document.createElement("button");
        add.type = "button";
        add.className = "md-button";
        var has = chosen.indexOf(m.id) >= 0;
        add.textContent = has ? "Sudah direncanakan" : "Tambah";
        add.disabled = has;
        add.setAttribute("aria-label", (has ? "Sudah direncanakan: " : "Tambah ") + m.t +
          (has ? "" : " ke rencana"));
        add.addEventListener("click", function () {
          var plan = loadPlan();
          if (!plan.some(function (x) { return x.id === m.id; })) plan.push(m);
          storeOrWarn(plan);
          render();
          search();
          // The pressed button is now disabled: keep the keyboard on its row.
          Array.prototype.forEach.call(results.children, function (row) {
            if (row.dataset.id === m.id && row.querySelector("a")) row.querySelector("a").focus();
          });
        });
        li.appendChild(add);
        results.appendChild(li);
      });
      // One short line for screen readers (polite), not the whole list at each key.
      if (!matches.length) {
        tell("Tidak ada modul yang cocok.");
      } else if (matches.length > 30) {
        tell(number(matches.length) + " modul cocok; 30 yang pertama ditampilkan. Perjelas kata kunci.");
      } else {
        tell(number(matches.length) + " modul cocok.");
      }
    }

    root.hidden = false;
    if (nostore) nostore.hidden = storageWorks();
    clear.addEventListener("click", function () {
      if (!window.confirm("Hapus semua modul dari rencana JP?")) return;
      storeOrWarn([]);
      render();
      search();
      focusHeading();  // the button is gone
    });
    if (print) print.addEventListener("click", function () { window.print(); });
    // The tab may have stayed open since yesterday: date the paper when it is printed.
    window.addEventListener("beforeprint", stampDate);
    stampDate();
    var timer = null;
    query.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    // Another tab changed the plan, or the page came back from the back/forward
    // cache (which hears no storage event): show the plan as it is now.
    window.addEventListener("storage", function (event) {
      if (event.key === PLAN_KEY || event.key === null) { render(); search(); }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { render(); search(); }
    });
    // The list comes as a script that sets window.kkRencanaModul: a page opened
    // from a folder (file://) may load a script, but no fetch.
    var loader = document.createElement("script");
    loader.src = root.dataset.index;
    loader.async = true;
    loader.onload = function () {
      var data = window.kkRencanaModul;
      if (!Array.isArray(data)) { loader.onerror(); return; }
      index = data.filter(function (m) { return cleanItem(m) && typeof m.t === "string"; });
      byId = {};
      index.forEach(function (m) { byId[m.id] = m; });
      render();
      search();
    };
    loader.onerror = function () {
      index = null;
      tell("Daftar modul tidak dapat dimuat. Muat ulang halaman untuk mencoba lagi.");
    };
    document.head.appendChild(loader);
    render();
  }

  // A copy of the site opened from a folder (file://): a link to a folder
  // ("modul/") would show the browser's file listing, so it gets the folder's
  // index.html. Links made later (search results, the planner) are fixed as
  // they are used; the served site keeps its clean addresses.
  function fixFolderLink(a) {
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#" || /^\/\//.test(href)) return;
    var url;
    try { url = new URL(href, location.href); } catch (e) { return; }
    if (url.protocol !== "file:" || url.pathname.slice(-1) !== "/") return;
    url.pathname += "index.html";
    a.setAttribute("href", url.href);
  }

  function setupFolderLinks() {
    if (location.protocol !== "file:") return;
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), fixFolderLink);
    ["click", "auxclick", "contextmenu", "focusin"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var a = event.target.closest && event.target.closest("a[href]");
        if (a) fixFolderLink(a);
      }, true);
    });
  }

  // The phone's menu (Material's drawer) opens from a <label> of a hidden checkbox:
  // a finger or a mouse could open it, a keyboard or a screen reader could not. Its
  // icon becomes a button (a span: a label may hold no <button>, nor take a button's
  // role) that Enter and Space work and that says whether the menu is open.
  function setupMenu() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector("label.md-header__button[for='__drawer']");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !label) return;
    var button = document.createElement("span");
    button.className = "kk-menu-button";
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Menu navigasi");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    function expanded() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    expanded();
    toggle.addEventListener("change", expanded);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.click();  // as Material does: its drawer follows the checkbox
      var first = drawer && drawer.querySelector("a[href]");
      if (toggle.checked && first) first.focus();
    });
    // Escape closes it and gives the keyboard back to the button.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      toggle.click();
      button.focus();
    });
    // Tab past its last link (or back before its first) closes it: the keyboard
    // would go on behind it, out of sight.
    if (drawer) {
      drawer.addEventListener("focusout", function (event) {
        var to = event.relatedTarget;
        if (toggle.checked && to && !drawer.contains(to)) toggle.click();
      });
    }
  }

  // Material goes to the next or previous section on a single key (n . p ,), from the
  // page's <link rel=next/prev>: a speech user dictating, or a slip of the finger,
  // left the page (WCAG 2.1.4). Without those links the keys do nothing.
  function dropSectionKeys() {
    document.querySelectorAll("link[rel=prev], link[rel=next]").forEach(function (link) {
      link.parentNode.removeChild(link);
    });
  }

  // A table's box is a tab stop so that a keyboard can scroll a table wider than the
  // screen; on a phone the table is stacked into cards and scrolls nothing, and the
  // stop only made the keyboard (and a screen reader) pass an empty box.
  function setupTableStops() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".kk-table-wrap[tabindex]"));
    if (!boxes.length) return;
    function update() {
      boxes.forEach(function (box) {
        if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
        else if (box !== document.activeElement) box.removeAttribute("tabindex");
      });
    }
    update();
    window.addEventListener("resize", update);
  }

  function start() {
    setupFolderLinks();
    setupTableStops();
    setupMenu();
    dropSectionKeys();
    refreshStatuses();
    keepStatusesCurrent();
    setupFilters();
    setupPlanButtons();
    setupPlanner();
  }

  // Material's drawer and its Markdown tables, for the keyboard and screen readers
  // (run as this file loads, after Material's bundle: an inline script in
  // overrides/main.html did it before the Content-Security-Policy of
  // docs/panduan-hosting.md, which allows no inline script).
  // The menu button is a label of this checkbox.
  var drawer = document.getElementById("__drawer");
  if (drawer) drawer.setAttribute("aria-label", "Menu navigasi");
  // Material wraps Markdown tables (editor guide, record descriptions) in a
  // scrolling div that a keyboard cannot reach (axe scrollable-region-focusable,
  // WCAG 2.1.1): make each one a focusable, named region once Material is done.
  if (window.document$) window.document$.subscribe(function () {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap, i) {
      var heading = null;
      for (var el = wrap.previousElementSibling; el && !heading; el = el.previousElementSibling) {
        if (/^H[2-6]$/.test(el.tagName)) heading = el;
      }
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tabel " + (i + 1) + (heading ? ": " + heading.textContent.trim() : ""));
    });
    // A code block wider than the screen scrolls: the keyboard must reach it too.
    document.querySelectorAll(".md-typeset pre > code:not([tabindex])").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.tabIndex = 0;
    });
  });

  window.portalKurikulum = { todayWIB: todayWIB, offeringStatus: offeringStatus,
    internshipStatus: internshipStatus, refreshStatuses: refreshStatuses };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
