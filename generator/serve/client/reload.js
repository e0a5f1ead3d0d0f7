// Live reload for `generator serve`. The preview server adds this script to
// the pages it serves; a built site never has it. It follows the server's
// Server-Sent Events:
//   hello     the build the server has: a page reloads when it is newer than
//             the page (data-version of this script's tag), as after a missed
//             event or a restart of the server;
//   reload    pages changed: this page reloads when it is one of them;
//   css       only a stylesheet changed: it is swapped in place, so the page
//             keeps its scroll position;
//   problems  the last edit broke the build: an overlay lists the problems,
//             file:line:col and message, over the last good page;
//   ok        the problems are fixed: the overlay goes.
(function () {
  "use strict";
  var base = "/__rightsguide/";
  var overlay = null;
  var script = document.currentScript;
  var version = script ? Number(script.getAttribute("data-version")) : null;

  // The output file this page was served from: "/a/b/" is "a/b/index.html".
  function currentFile() {
    var p = location.pathname.replace(/^\/+/, "");
    try {
      p = decodeURIComponent(p);
    } catch (e) {
      return p;
    }
    if (p === "" || p.charAt(p.length - 1) === "/") {
      p += "index.html";
    }
    return p;
  }

  function addStyles() {
    if (document.getElementById("rightsguide-reload-css")) {
      return;
    }
    var link = document.createElement("link");
    link.id = "rightsguide-reload-css";
    link.rel = "stylesheet";
    link.href = base + "reload.css";
    document.head.appendChild(link);
  }

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text; // never innerHTML: messages quote the files
    }
    return e;
  }

  function hideProblems() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function showProblems(list) {
    hideProblems();
    addStyles();
    overlay = el("section");
    overlay.id = "rightsguide-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("lang", "en");
    overlay.setAttribute("dir", "ltr");
    var n = list.length;
    overlay.appendChild(el("h2", "The last edit broke the build: " + n + (n === 1 ? " problem" : " problems")));
    overlay.appendChild(el("p", "This page is the last good build. Fix the file and save; this message goes away by itself."));
    var ol = el("ol");
    list.forEach(function (p) {
      var li = el("li");
      if (p.file) {
        li.appendChild(el("code", p.file + ":" + (p.line || 1) + ":" + (p.col || 1)));
        li.appendChild(document.createTextNode(" "));
      }
      li.appendChild(document.createTextNode(p.message));
      if (p.hint) {
        li.appendChild(el("span", " (" + p.hint + ")"));
      }
      ol.appendChild(li);
    });
    overlay.appendChild(ol);
    var close = el("button", "Hide");
    close.type = "button";
    close.addEventListener("click", hideProblems);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  // swapStyles replaces each stylesheet link whose file was renamed (its
  // fingerprint changed), and removes the old one once the new one loaded.
  function swapStyles(pairs) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var href = old.getAttribute("href") || "";
      var file = href.split("?")[0].split("/").pop();
      pairs.forEach(function (p) {
        if (file !== p.from) {
          return;
        }
        var fresh = old.cloneNode(false);
        fresh.setAttribute("href", href.replace(p.from, p.to));
        fresh.addEventListener("load", function () {
          old.remove();
        });
        old.parentNode.insertBefore(fresh, old.nextSibling);
      });
    });
  }

  var events = new EventSource(base + "events");
  events.addEventListener("hello", function (e) {
    var v = JSON.parse(e.data).version;
    if (version !== null && v !== version) {
      location.reload();
    }
    version = v;
  });
  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    version = d.version;
    if (d.all || d.files.indexOf(currentFile()) >= 0) {
      location.reload();
    }
  });
  events.addEventListener("css", function (e) {
    var d = JSON.parse(e.data);
    version = d.version;
    swapStyles(d.renamed);
  });
  events.addEventListener("problems", function (e) {
    showProblems(JSON.parse(e.data));
  });
  events.addEventListener("ok", hideProblems);
})();
