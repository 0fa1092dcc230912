/* zhkb serve: reloads the page after each good build, and shows the errors
   of a failed one. Added to pages by the preview server only.

   Browsers keep at most 6 connections to a host over HTTP/1.1, and an
   event stream holds one for as long as its page is open: with one stream
   per page the 7th tab would never load. So one page of the browser (the
   one holding a Web Lock) listens and passes every event to the others on
   a BroadcastChannel; when it closes, the lock and the stream pass to
   another page. The stream starts with "hello", the build the server
   shows now: a page that missed a build catches up. */
(function () {
  "use strict";
  if (!window.EventSource) return;
  var script = document.currentScript;
  var gen = Number(script && script.getAttribute("data-gen")) || 0;

  function showError(text) {
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
    box.querySelector("pre").textContent = text;
  }

  function handle(name, data) {
    if (name === "reload") {
      location.reload();
    } else if (name === "build-error") {
      showError(JSON.parse(data));
    } else if (name === "hello") {
      var now = JSON.parse(data);
      if (now.error) showError(now.error);
      else if (now.gen > gen) location.reload();
    }
  }

  function listen(each) {
    var es = new EventSource("/__zhkb/events");
    ["hello", "reload", "build-error"].forEach(function (name) {
      es.addEventListener(name, function (e) { each(name, e.data); });
    });
  }

  if (!window.BroadcastChannel || !navigator.locks) {
    listen(handle);
    return;
  }
  var channel = new BroadcastChannel("zhkb-serve");
  channel.onmessage = function (e) { handle(e.data.name, e.data.data); };
  navigator.locks.request("zhkb-serve-events", function () {
    return new Promise(function () { // held while this page is open
      listen(function (name, data) {
        channel.postMessage({ name: name, data: data });
        handle(name, data);
      });
    });
  });
})();
