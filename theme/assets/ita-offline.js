// The site opened from disk (file://, e.g. site/index.html from a copy on a USB stick).
// Served over http nothing here runs.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  // A link to a folder ("ita/2568/") opens a folder listing from disk, not the page inside it:
  // point it at the folder's index.html. Links added later (e.g. search results) are fixed
  // when clicked.
  function pageOf(anchor) {
    var url = new URL(anchor.href);
    if (url.protocol !== "file:" || !url.pathname.endsWith("/")) return null;
    url.pathname += "index.html";
    return url.href;
  }
  document.querySelectorAll("a[href]").forEach(function (anchor) {
    var page = pageOf(anchor);
    if (page) anchor.href = page;
  });
  document.addEventListener(
    "click",
    function (event) {
      var anchor = event.target.closest && event.target.closest("a[href]");
      var page = anchor && pageOf(anchor);
      if (page) anchor.href = page;
    },
    true
  );

  // Searching needs files that a browser will not read from disk for a page opened this way:
  // when no search box is usable, say so instead of leaving the reader to wonder.
  var note = document.createElement("p");
  note.className = "ita-offline-note";
  note.setAttribute("role", "note");
  note.hidden = true;
  note.textContent =
    "เปิดจากไฟล์ในเครื่อง: ลิงก์ทุกหน้าใช้ได้ แต่การค้นหาใช้ได้เฉพาะเมื่อเปิดผ่านเว็บไซต์";
  var content = document.querySelector(".md-content__inner") || document.body;
  content.insertBefore(note, content.firstChild);

  function searchUsable() {
    var box = document.querySelector(".md-search__input, input[type=search]");
    return !!box && box.closest("[hidden]") === null;
  }
  function update() {
    note.hidden = searchUsable();
  }
  // The theme hides its search box once it finds the search index unreadable, at about the
  // time the page finishes loading.
  window.addEventListener("load", function () {
    update();
    new MutationObserver(update).observe(document.body, {
      attributes: true,
      attributeFilter: ["hidden"],
      subtree: true,
    });
  });
})();
