/* Portal Kurikulum: status from today's date, and schedule filters.
 * Pages carry the dates; the status printed at build time is the fallback
 * when JavaScript is off. Today is taken in Asia/Jakarta (WIB). */
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
    // en-CA formats as YYYY-MM-DD, which compares as text.
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit"
    }).format(new Date());
  }

  function day(value) { return value ? value.slice(0, 10) : ""; }

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
      var value = status(el, today);
      el.textContent = LABELS[value];
      el.className = el.className.replace(/kk-status--[a-z-]+/, "kk-status--" + value);
      el.dataset.value = value;
      var row = el.closest("tr, li, dl, .kk-page");
      if (!row) return;
      row.querySelectorAll("[data-kk-register]").forEach(function (link) {
        link.hidden = !(value === "dibuka" || value === "segera-dibuka");
      });
    });
  }

  function setupFilters() {
    var form = document.querySelector("[data-kk-filters]");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-kk-row]"));
    var sections = document.querySelectorAll("[data-kk-month]");
    var count = form.querySelector("[data-kk-count]");
    var empty = document.querySelector("[data-kk-empty]");
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
      });
      if (count) count.textContent = shown + " dari " + rows.length + " kegiatan ditampilkan.";
      if (empty) empty.hidden = shown > 0;
      var query = new URLSearchParams(chosen).toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function start() {
    refreshStatuses();
    setupFilters();
  }

  window.portalKurikulum = { todayWIB: todayWIB, offeringStatus: offeringStatus,
    internshipStatus: internshipStatus, refreshStatuses: refreshStatuses };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
