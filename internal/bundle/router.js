/* zhkb single-file router: every page of the variant is a <template
   data-route>; "#/laws/pipl/" shows that page, "#/laws/pipl/#anchor" also
   scrolls to a heading in it. Links to the other variants' files carry the
   current route along. */
(function () {
  "use strict";
  var main = document.getElementById("main"), routes = {}, current = null;
  document.querySelectorAll("template[data-route]").forEach(function (t) { routes[t.getAttribute("data-route")] = t; });
  function parse(hash) {
    var h = hash.charAt(0) === "#" ? hash.slice(1) : hash;
    try { h = decodeURIComponent(h); } catch (e) { /* keep it as it is */ }
    if (h.charAt(0) !== "/") return { route: current === null ? "" : current, anchor: h };
    h = h.slice(1);
    var i = h.indexOf("#");
    return i < 0 ? { route: h, anchor: "" } : { route: h.slice(0, i), anchor: h.slice(i + 1) };
  }
  function show() {
    var r = parse(location.hash), t = routes[r.route];
    if (!t) { r = { route: "", anchor: "" }; t = routes[""]; }
    if (r.route !== current) {
      main.textContent = "";
      main.appendChild(t.content.cloneNode(true));
      document.title = t.getAttribute("data-title");
      document.body.className = t.getAttribute("data-class");
      current = r.route;
      document.querySelectorAll("a[data-variant-file]").forEach(function (a) {
        a.href = a.getAttribute("data-variant-file") + "#/" + current;
      });
    }
    var target = r.anchor && (main.querySelector('[id="' + CSS.escape(r.anchor) + '"]') || document.getElementById(r.anchor));
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
    document.documentElement.setAttribute("data-route", current);
  }
  window.addEventListener("hashchange", show);
  show();
})();
