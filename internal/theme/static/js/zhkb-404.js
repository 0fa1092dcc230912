/* zhkb's root 404 page: shows the 404 page of the variant a missing path
   is in, else of the one the browser's languages pick (see
   layouts/partials/notfound-pick.html). Its script tag lists the variants,
   the source first, in data-variants. */
(function () {
  "use strict";
  var me = document.currentScript, variants;
  try { variants = JSON.parse(me.getAttribute("data-variants")); } catch (e) { return; }
  var path = location.pathname.toLowerCase(), pick = null, i, j;
  for (i = 0; i < variants.length; i++) {
    if (path.indexOf("/" + variants[i].dir.toLowerCase() + "/") >= 0) pick = variants[i];
  }
  function scriptOf(tag) {
    var parts = tag.split("-");
    for (var k = 1; k < parts.length; k++) {
      if (parts[k] === "hant" || parts[k] === "tw" || parts[k] === "hk" || parts[k] === "mo") return "zh-Hant";
    }
    return "zh-Hans";
  }
  var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (i = 0; i < langs.length && !pick; i++) {
    var tag = String(langs[i]).split(";")[0].trim().toLowerCase();
    for (j = 0; j < variants.length && !pick; j++) if (variants[j].code.toLowerCase() === tag) pick = variants[j];
    if (tag.split("-")[0] !== "zh") continue;
    for (j = 0; j < variants.length && !pick; j++) if (variants[j].script === scriptOf(tag)) pick = variants[j];
  }
  if (!pick || pick === variants[0]) return;
  var t = document.querySelector('template[data-zhkb-404="' + pick.dir + '"]');
  if (!t) return;
  document.documentElement.lang = t.getAttribute("data-lang");
  document.title = t.getAttribute("data-title");
  document.body.innerHTML = t.innerHTML;
  // Inline scripts set by innerHTML do not run: run the page's own (the
  // search runtime, deferred, is already on its way and finds the new form).
  Array.prototype.forEach.call(document.body.querySelectorAll("script:not([src])"), function (old) {
    var s = document.createElement("script");
    s.textContent = old.textContent;
    old.parentNode.replaceChild(s, old);
  });
})();
