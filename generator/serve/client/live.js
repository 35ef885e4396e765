// Plinth's live-reload client, injected only by `plinth serve`. It listens
// for rebuilds over server-sent events: after a successful rebuild it reloads
// the page; after a failed one it shows the problems in an overlay, and
// removes the overlay when the site builds again. It uses no inline script or
// style, so the site's Content-Security-Policy holds in development too.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/live\.js.*$/, "") : "/__plinth/";
  var shown = null;
  // The version of the build this page came from, which the server writes
  // on the script tag: a build that finished before the event stream
  // connected still reloads the page. Without it, the first state heard
  // stands for the page's version.
  var version = script && script.getAttribute("data-version") !== null ? Number(script.getAttribute("data-version")) : null;

  function overlay(problems) {
    clear();
    var box = document.createElement("div");
    box.className = "plinth-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "plinth-overlay-title");
    var h = document.createElement("h2");
    h.id = "plinth-overlay-title";
    h.className = "plinth-overlay__title";
    h.textContent = "The site did not build: " + problems.summary;
    box.appendChild(h);
    var p = document.createElement("p");
    p.className = "plinth-overlay__note";
    p.textContent = "You are seeing the last version that built. Fix the file below and save it; this message goes away when the site builds.";
    box.appendChild(p);
    var pre = document.createElement("pre");
    pre.className = "plinth-overlay__report";
    pre.textContent = problems.report;
    box.appendChild(pre);
    document.body.appendChild(box);
    shown = box;
  }

  function clear() {
    if (shown && shown.parentNode) {
      shown.parentNode.removeChild(shown);
    }
    shown = null;
  }

  function connect() {
    var es = new EventSource(base + "events");
    es.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      if (state.problems) {
        // A failed build keeps the last good one's version.
        if (version === null) {
          version = state.version;
        }
        overlay(state.problems);
        return;
      }
      clear();
      if (version !== null && state.version !== version) {
        window.location.reload();
        return;
      }
      version = state.version;
    });
    es.onerror = function () {
      // The server restarts or went away; EventSource retries by itself.
    };
  }
  connect();
})();
