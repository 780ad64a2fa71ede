/* What Material for MkDocs' inline script partials/javascripts/content.html does
 * on the portal's pages, as a file (Content-Security-Policy `script-src 'self'`):
 * an address whose #fragment names a tab of a tabbed block opens that tab. Loaded
 * without defer right after the page's content, where the inline script stood.
 * (Its other script, for the content.tabs.link feature, is not needed: the
 * portal does not turn that feature on.) */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
