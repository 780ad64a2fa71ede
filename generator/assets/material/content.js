/* What Material for MkDocs' inline script partials/javascripts/content.html does
 * on the portal's pages, as a file (Content-Security-Policy `script-src 'self'`):
 * an address whose #fragment names a tab of a tabbed block opens that tab. Loaded
 * right after the page's content, where the inline script stood, with defer: it
 * runs once the page is parsed, before the theme's bundle, as the inline one did.
 * Only where pymdownx.tabbed is on (overrides/partials/javascripts/content.html):
 * without it no page has a tabbed block.
 * (Its other script, for the content.tabs.link feature, is not needed: the
 * portal does not turn that feature on.) */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
