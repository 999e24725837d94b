/* The site's search box (theme/partials/search.html): loads the index chunks with <script>
 * tags (which work from file://, where fetch() and workers do not), runs ita-search-engine.js,
 * shows the results in Material's search panel, and marks the words on the page a result
 * opens. Every text from the index is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";

  var Search = window.ItaSearchEngine;
  var root = document.querySelector("[data-ita-search]");
  if (!Search || !root) return;

  var input = root.querySelector(".md-search__input");
  var form = root.querySelector("form");
  var status = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var base = root.getAttribute("data-index");
  var chunkIds = (root.getAttribute("data-chunks") || "").split(" ").filter(Boolean);
  var pageYear = Number(root.getAttribute("data-year")) || null;
  var fromFile = location.protocol === "file:";
  var MAX_RESULTS = 30;

  var KINDS = {
    m: "มาตรการ", i: "รายการ OIT", r: "รายงานผล", y: "ตาราง OIT", l: "รายการมาตรการ",
    s: "ผลคะแนน", p: "หน้าเว็บ"
  };

  var engine = new Search.Engine();
  var firstReady = false;
  var loading = null;
  var pending = 0;

  /* ------------------------------------------------------------- loading --- */

  // Chunks arrive by calling window.__itaSearch.push(data), whether this script ran first or not.
  var queue = window.__itaSearch = window.__itaSearch || [];
  function receive(data) {
    if (data && data.pages) engine.add(data);
  }
  queue.forEach(receive);
  queue.length = 0;
  queue.push = function () {
    Array.prototype.forEach.call(arguments, receive);
    return 0;
  };

  function loadChunk(id) {
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = base + "ita-" + id + ".js";
      script.async = true;
      // A missing chunk (an older build) only leaves that part out of the results.
      script.onload = script.onerror = function () {
        script.remove();
        resolve();
      };
      document.head.appendChild(script);
    });
  }

  // The reader's year (or the newest) and the pages outside the years first, so the first
  // results need only those; then the other years, newest first, each added as it comes.
  function loadIndex() {
    if (loading) return loading;
    var first = pageYear && chunkIds.indexOf(String(pageYear)) !== -1 ? String(pageYear) : chunkIds[0];
    var rest = chunkIds.filter(function (id) { return id !== first && id !== "site"; });
    var initial = [first, "site"].filter(function (id) { return id && chunkIds.indexOf(id) !== -1; });
    pending = chunkIds.length;
    loading = Promise.all(initial.map(loadChunk)).then(function () {
      firstReady = true;
      pending -= initial.length;
      update();
      return rest.reduce(function (previous, id) {
        return previous.then(function () {
          return loadChunk(id).then(function () {
            pending -= 1;
            // Do not move the results under a reader who is choosing among them.
            if (!list.contains(document.activeElement)) update();
          });
        });
      }, Promise.resolve());
    }).then(function () {
      pending = 0;
      if (!list.contains(document.activeElement)) update();
    });
    return loading;
  }

  /* ------------------------------------------------------------- results --- */

  function link(url, anchor, terms) {
    var href = base.replace(/search\/$/, "") + url;
    // From file:// a folder opens as a folder listing: name its index.html.
    if (fromFile && (href === "" || /\/$/.test(href))) href += "index.html";
    if (href === "") href = "./";
    if (terms.length) href += "?h=" + encodeURIComponent(terms.join(" "));
    if (anchor) href += "#" + encodeURIComponent(anchor);
    return href;
  }

  // Text with the matched ranges in <mark>: built from text nodes only.
  function marked(element, text, ranges) {
    var at = 0;
    ranges.forEach(function (range) {
      if (range[0] > at) element.appendChild(document.createTextNode(text.slice(at, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      element.appendChild(mark);
      at = range[1];
    });
    if (at < text.length) element.appendChild(document.createTextNode(text.slice(at)));
    return element;
  }

  function say(text) {
    status.textContent = text;
  }

  function clear() {
    while (list.firstChild) list.removeChild(list.firstChild);
  }

  function update() {
    var query = input.value;
    list.setAttribute("data-query", query);
    if (!query.trim()) {
      clear();
      list.setAttribute("data-state", "empty");
      say("พิมพ์คำที่ต้องการค้นหา เช่น ร้องเรียน จัดซื้อ คู่มือ");
      return;
    }
    if (!firstReady) {
      list.setAttribute("data-state", "loading");
      say("กำลังโหลดดัชนีค้นหา…");
      loadIndex();
      return;
    }
    var report = engine.search(query, { year: pageYear });
    clear();
    report.results.slice(0, MAX_RESULTS).forEach(function (result) {
      var shown = engine.describe(result);
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var anchor = document.createElement("a");
      anchor.className = "md-search-result__link";
      anchor.href = link(result.page.url, shown.anchor, Search.matchedTerms(result));
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = marked(document.createElement("div"), shown.title, shown.titleRanges);
      title.className = "ita-search-result__title";
      var where = document.createElement("div");
      where.className = "ita-search-result__where";
      where.textContent = (KINDS[shown.kind] || "") + (shown.year ? " · ปีงบประมาณ " + shown.year : "");
      article.appendChild(title);
      article.appendChild(where);
      if (shown.passage.text) {
        var passage = document.createElement("p");
        passage.className = "md-search-result__teaser";
        if (shown.passage.before) passage.appendChild(document.createTextNode("… "));
        marked(passage, shown.passage.text, shown.passage.ranges);
        if (shown.passage.after) passage.appendChild(document.createTextNode(" …"));
        article.appendChild(passage);
      }
      anchor.appendChild(article);
      item.appendChild(anchor);
      list.appendChild(item);
    });
    var count = report.results.length;
    var message = count ? "พบ " + count + " รายการ" : "ไม่พบผลการค้นหาสำหรับ “" + query.trim() + "”";
    if (count > MAX_RESULTS) message += " แสดง " + MAX_RESULTS + " รายการแรก";
    report.corrected.forEach(function (pair) {
      message += " · ค้นหา “" + pair[1] + "” แทน “" + pair[0] + "”";
    });
    if (count && report.missing.length) message += " · ไม่พบคำว่า “" + report.missing.join("”, “") + "”";
    if (pending > 0) message += " · กำลังค้นหาในปีอื่น…";
    say(message);
    list.setAttribute("data-state", pending > 0 ? "partial" : "done");
  }

  /* ------------------------------------------------------------ keyboard --- */

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    loadIndex();
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      update();
    });
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function (event) {
    // Thai input methods compose several keystrokes into one letter: wait for the letter.
    if (!event.isComposing) schedule();
  });
  input.addEventListener("compositionend", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      update();
      input.focus();
    });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = links()[0];
      event.preventDefault();
      if (first) first.click();
    } else if (event.key === "ArrowDown") {
      var target = links()[0];
      if (target) {
        event.preventDefault();
        target.focus();
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at === -1) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    }
  });

  // Like Material: `/`, `s` or `f` anywhere outside a text field opens the search.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
      input.focus();
      input.select();
    }
  });

  if (toggle) {
    // The magnifier in the header (phones) opens the search; the overlay closes it.
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        loadIndex();
        input.focus();
      } else {
        input.blur();
      }
    });
  }

  update();

  /* ------------------------------------------------- marks on the page --- */

  // A result opened with ?h=words: mark those words in the page's text, as Material does.
  var terms = new URLSearchParams(location.search).get("h");
  var article = document.querySelector(".md-content article");
  if (terms && article) {
    var wanted = terms.split(" ").map(Search.normalizeQuery).filter(function (t) { return t.length >= 2; });
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var budget = 200;
    nodes.forEach(function (node) {
      if (budget <= 0 || !node.data.trim() || node.parentNode.closest("script, style, mark")) return;
      var folded = Search.fold(node.data);
      var ranges = [];
      wanted.forEach(function (term) {
        for (var at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
          if (Search.clusterEdge(folded, at) && Search.clusterEdge(folded, at + term.length)) {
            ranges.push([at, at + term.length]);
          }
        }
      });
      if (!ranges.length) return;
      ranges.sort(function (a, b) { return a[0] - b[0]; });
      var merged = [];
      ranges.forEach(function (r) {
        var last = merged[merged.length - 1];
        if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
        else merged.push(r);
      });
      budget -= merged.length;
      var holder = document.createDocumentFragment();
      marked(holder, node.data, merged);
      node.parentNode.replaceChild(holder, node);
    });
  }
})();
