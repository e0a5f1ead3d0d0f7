// Checklists (Markdown task lists, "- [ ] step") remember their ticks in
// this browser's localStorage, one key per page, so a reader can work
// through a checklist over several visits, online or from file://. Only
// ticks the reader changed are kept, nothing else is stored, no cookies
// are set, and a button clears the page's ticks. Its words come from the
// data-checklist-* attributes of <main> (templates/base.html).
(function () {
  "use strict";
  var main = document.getElementById("main");
  var boxes = document.querySelectorAll(".task-list input[type=checkbox]");
  var store;
  if (!main || !main.hasAttribute("data-checklist-clear") || !boxes.length) return; // not on print/
  try {
    store = window.localStorage;
    store.getItem("x"); // throws where storage is blocked: the boxes still tick, unsaved
  } catch (e) {
    return;
  }
  var key = "rightsguide.checklist:" + location.pathname;
  var i;

  // Saved as "count:0110": a page whose checklist changed since forgets.
  var saved = (store.getItem(key) || "").split(":");
  if (+saved[0] === boxes.length && saved[1].length === boxes.length) {
    for (i = 0; i < boxes.length; i++) boxes[i].checked = saved[1].charAt(i) === "1";
  }

  function save() {
    var bits = "", changed = false;
    for (i = 0; i < boxes.length; i++) {
      bits += boxes[i].checked ? "1" : "0";
      changed = changed || boxes[i].checked !== boxes[i].defaultChecked;
    }
    try {
      if (changed) store.setItem(key, boxes.length + ":" + bits);
      else store.removeItem(key);
    } catch (e) { /* full or blocked: the ticks stay on screen */ }
  }
  for (i = 0; i < boxes.length; i++) boxes[i].addEventListener("change", save);

  // The note and the button go after the page's last checklist.
  var list = boxes[boxes.length - 1];
  for (var n = list; n && n !== main; n = n.parentNode) {
    if (n.classList && n.classList.contains("task-list")) list = n;
  }
  var tools = document.createElement("div");
  var note = document.createElement("p");
  var button = document.createElement("button");
  var status = document.createElement("p");
  tools.className = "checklist-tools";
  note.textContent = main.getAttribute("data-checklist-note") || "";
  button.type = "button";
  button.textContent = main.getAttribute("data-checklist-clear") || "Clear";
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  button.addEventListener("click", function () {
    for (i = 0; i < boxes.length; i++) boxes[i].checked = boxes[i].defaultChecked;
    try { store.removeItem(key); } catch (e) { /* nothing was saved */ }
    status.textContent = main.getAttribute("data-checklist-cleared") || "";
  });
  tools.appendChild(note);
  tools.appendChild(button);
  tools.appendChild(status);
  list.parentNode.insertBefore(tools, list.nextSibling);
})();
