/* zhkb serve: reloads the page after each good build, and shows the errors
   of a failed one. Added to pages by the preview server only. */
(function () {
  "use strict";
  if (!window.EventSource) return;
  var es = new EventSource("/__zhkb/events");
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("build-error", function (e) {
    var box = document.getElementById("zhkb-build-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "zhkb-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#ffd7d7;padding:1.5rem;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("p");
      title.style.cssText = "font:bold 16px system-ui,sans-serif;color:#fff;margin:0 0 1rem";
      title.textContent = "zhkb: the build failed; the page below is the last good build.";
      box.appendChild(title);
      box.appendChild(document.createElement("pre")).style.cssText = "white-space:pre-wrap;margin:0";
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = JSON.parse(e.data);
  });
})();
