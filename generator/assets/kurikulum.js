/* Portal Kurikulum: status from today's date, and schedule filters.
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

  function todayWIB() {
    // Today in the site's time zone (site_config.yml, on the page's content; WIB by
    // default), as the build counts it. en-CA formats as YYYY-MM-DD, which compares
    // as text.
    var page = document.querySelector("[data-kk-zone]");
    var zone = (page && page.dataset.kkZone) || "Asia/Jakarta";
    var options = { year: "numeric", month: "2-digit", day: "2-digit" };
    try {
      return new Intl.DateTimeFormat("en-CA", Object.assign({ timeZone: zone }, options)).format(new Date());
    } catch (e) {  // a zone this browser does not know
      return new Intl.DateTimeFormat("en-CA", Object.assign({ timeZone: "Asia/Jakarta" }, options)).format(new Date());
    }
  }

  function day(value) { return value ? value.slice(0, 10) : ""; }

  // Whole numbers as Indonesian writes them (1.250), as the pages do: not left to
  // the browser's locale, which may be English.
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  function offeringStatus(d, today) {
    if (d.state === "cancelled") return "dibatalkan";
    if (d.state === "postponed") return "ditunda";
    var first = day(d.start), last = day(d.end);
    if (today > last) return "selesai";
    if (today >= first) return "berlangsung";
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

  function status(el, today) {
    var d = el.dataset;
    return d.kind === "internship" ? internshipStatus(d, today) : offeringStatus(d, today);
  }

  function refreshStatuses() {
    var today = todayWIB();
    document.querySelectorAll("[data-kk-status]").forEach(function (el) {
      var d = el.dataset;
      var value = status(el, today);
      el.textContent = LABELS[value];
      el.className = el.className.replace(/kk-status--[a-z-]+/, "kk-status--" + value);
      el.dataset.value = value;
      // An internship's status and its application link sit in different blocks.
      var row = d.kind === "internship" ? el.closest(".kk-page") : el.closest("tr, li, dl, .kk-page");
      if (!row) return;
      var open = value === "dibuka" || value === "segera-dibuka";
      row.querySelectorAll("[data-kk-register]").forEach(function (el) { el.hidden = !open; });
      row.querySelectorAll("[data-kk-closed]").forEach(function (el) { el.hidden = open; });
    });
  }

  function setupFilters() {
    var form = document.querySelector("[data-kk-filters]");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-kk-row]"));
    var sections = document.querySelectorAll("[data-kk-month]");
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
    var params = new URLSearchParams(location.search);
    form.querySelectorAll("select").forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function apply() {
      var chosen = {};
      form.querySelectorAll("select").forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(chosen).every(function (k) { return row.dataset[k] === chosen[k]; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("[data-kk-row]:not([hidden])");
        // "Lihat semua ... yang sedang berlangsung" goes with its section.
        var more = section.nextElementSibling;
        if (more && more.classList.contains("kk-more")) more.hidden = section.hidden;
      });
      if (count) count.textContent = number(shown) + " dari " + number(rows.length) + " kegiatan ditampilkan.";
      if (empty) empty.hidden = shown > 0;
      active = Object.keys(chosen).length;
      if (reset) reset.hidden = !active;
      label();
      var query = new URLSearchParams(chosen).toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
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
        form.querySelectorAll("select").forEach(function (s) { s.value = ""; });
        apply();
        // The button is gone: keep the keyboard in the form.
        var first = form.querySelector("select");
        if (first && first.offsetParent) first.focus(); else if (toggle) toggle.focus();
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  /* The yearly JP planner: modules chosen on /rencana/ or on a module page,
   * kept in this browser's localStorage only. */
  var PLAN_KEY = "portal-kurikulum:rencana";

  function loadPlan() {
    // Another version of the page (or a hand edit) may have stored anything here:
    // keep only entries that look like planned modules.
    var plan;
    try { plan = JSON.parse(localStorage.getItem(PLAN_KEY)); } catch (e) { return []; }
    if (!Array.isArray(plan)) return [];
    return plan.filter(function (x) {
      return x && typeof x === "object" && typeof x.id === "string" && typeof x.u === "string";
    }).map(function (x) {
      return { id: x.id, t: String(x.t || x.id), jp: Number(x.jp) || 0, u: x.u, p: x.p ? String(x.p) : "" };
    });
  }

  function savePlan(plan) {
    try { localStorage.setItem(PLAN_KEY, JSON.stringify(plan)); } catch (e) { /* private mode */ }
  }

  function setupPlanButtons() {
    document.querySelectorAll("[data-kk-plan-add]").forEach(function (button) {
      var item = { id: button.dataset.id, t: button.dataset.title, jp: Number(button.dataset.jp),
        u: button.dataset.url, p: button.dataset.partner };
      function label() {
        var inPlan = loadPlan().some(function (x) { return x.id === item.id; });
        button.textContent = inPlan ? "Hapus dari rencana JP" : "Tambahkan ke rencana JP";
        button.setAttribute("aria-pressed", inPlan ? "true" : "false");
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var plan = loadPlan();
        var at = plan.findIndex(function (x) { return x.id === item.id; });
        if (at >= 0) plan.splice(at, 1); else plan.push(item);
        savePlan(plan);
        label();
      });
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
    var print = root.querySelector("[data-kk-plan-print]");
    var printed = root.querySelector("[data-kk-plan-printed]");
    var index = null;

    // The printed plan carries the day it was printed, in Indonesian ("8 Desember 2026").
    var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
      "September", "Oktober", "November", "Desember"];
    function stampDate() {
      if (!printed) return;
      var ymd = todayWIB().split("-");
      printed.textContent = Number(ymd[2]) + " " + MONTHS[Number(ymd[1]) - 1] + " " + ymd[0];
    }

    function link(item) {
      var a = document.createElement("a");
      a.href = base + item.u;
      a.textContent = item.t;
      return a;
    }

    function render() {
      var plan = loadPlan();
      var sum = plan.reduce(function (n, x) { return n + (Number(x.jp) || 0); }, 0);
      list.textContent = "";
      plan.forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(link(item));
        li.appendChild(document.createTextNode(" (" + number(item.jp) + " JP" + (item.p ? ", " + item.p : "") + ") "));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "md-button kk-planner__remove";
        remove.textContent = "Hapus";
        remove.setAttribute("aria-label", "Hapus " + item.t + " dari rencana");
        remove.addEventListener("click", function () {
          // By id: another tab may have changed the plan since this list was drawn.
          savePlan(loadPlan().filter(function (x) { return x.id !== item.id; }));
          render();
        });
        li.appendChild(remove);
        list.appendChild(li);
      });
      progress.value = Math.min(sum, target);
      progress.textContent = number(sum) + " JP";
      if (!plan.length) {
        total.textContent = "Belum ada modul dalam rencana.";
      } else if (sum >= target) {
        total.textContent = plan.length + " modul, " + number(sum) + " JP: target " + number(target) + " JP tercapai.";
      } else {
        total.textContent = plan.length + " modul, " + number(sum) + " JP: kurang " + number(target - sum) +
          " JP dari target " + number(target) + " JP.";
      }
      clear.hidden = !plan.length;
      if (print) print.hidden = !plan.length;
      // Print leaves out the signature lines of an empty plan (kurikulum.css).
      root.toggleAttribute("data-kk-plan-empty", !plan.length);
    }

    function search() {
      var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
      results.textContent = "";
      if (!words.length || !index) return;
      var chosen = loadPlan().map(function (x) { return x.id; });
      var found = index.filter(function (m) {
        var text = (m.t + " " + m.p + " " + m.m).toLowerCase();
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      found.slice(0, 30).forEach(function (m) {
        var li = document.createElement("li");
        li.appendChild(link(m));
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
          savePlan(plan);
          render();
          search();
        });
        li.appendChild(add);
        results.appendChild(li);
      });
      if (!found.length) {
        var none = document.createElement("li");
        none.textContent = "Tidak ada modul yang cocok.";
        results.appendChild(none);
      } else if (found.length > 30) {
        var more = document.createElement("li");
        more.textContent = number(found.length - 30) + " modul lain cocok; perjelas kata kunci.";
        results.appendChild(more);
      }
    }

    clear.addEventListener("click", function () { savePlan([]); render(); search(); });
    if (print) print.addEventListener("click", function () { window.print(); });
    // The tab may have stayed open since yesterday: date the paper when it is printed.
    window.addEventListener("beforeprint", stampDate);
    stampDate();
    var timer = null;
    query.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    // Another tab changed the plan: show it as it is now.
    window.addEventListener("storage", function (event) {
      if (event.key === PLAN_KEY || event.key === null) { render(); search(); }
    });
    fetch(root.dataset.index).then(function (r) { return r.json(); }).then(function (data) {
      index = data;
      search();
    }).catch(function () {
      results.textContent = "Daftar modul tidak dapat dimuat.";
    });
    render();
  }

  function start() {
    refreshStatuses();
    setupFilters();
    setupPlanButtons();
    setupPlanner();
  }

  window.portalKurikulum = { todayWIB: todayWIB, offeringStatus: offeringStatus,
    internshipStatus: internshipStatus, refreshStatuses: refreshStatuses };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
