/* What Material for MkDocs' inline script partials/javascripts/base.html sets up,
 * as a file: a Content-Security-Policy of `script-src 'self'` refuses inline
 * scripts (docs/panduan-hosting.md, "Header keamanan"). Loaded from <head>, where
 * the inline script stood, with defer (no wait before the first paint): deferred
 * scripts run in the page's order, so these globals are set before the theme's
 * bundle (deferred too, at the end of <body>) uses them.
 * The scope (the site's root seen from this page) is in data-md-scope, where
 * Material writes it into the script. tests/test_security_headers.py fails when
 * an upgrade of Material changes the globals its script defines. */
(function (script) {
  var scope = new URL(script.getAttribute("data-md-scope"), location);
  window.__md_scope = scope;
  // A string's 32-bit hash (Material keys some stored state by it).
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = (hash << 5) - hash + text.charCodeAt(i);
    return hash;
  };
  // Stored values of the theme, per site: "<scope path>.<key>", as JSON.
  window.__md_get = function (key, storage, at) {
    storage = storage || localStorage;
    return JSON.parse(storage.getItem((at || scope).pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, at) {
    storage = storage || localStorage;
    try {
      storage.setItem((at || scope).pathname + "." + key, JSON.stringify(value));
    } catch (e) {
      // Storage full or refused (private mode): the theme works without it.
    }
  };
})(document.currentScript);
