/* Thai search engine for ITA sites: matching and ranking over the index chunks that the ita
 * plugin writes (site_builder/search/index.py explains their shape). No DOM here: the search
 * box is theme/assets/ita-search.js.
 *
 * How a query is matched:
 *  1. The query is cleaned like the index text (NFC, one SARA AM, no invisible characters) and
 *     folded (a-z, Arabic digits, dashes as spaces), so `๒๕๖๘` finds `2568` and `E-Service`
 *     finds `e-service`.
 *  2. The whole query, then each space-separated part, is looked for as it was typed, starting
 *     and ending on a word boundary of the index (Thai words cut by newmm at build time, parts
 *     of compounds, and every change between Thai, Latin, digits, spaces and punctuation).
 *  3. A part not found that way is tried without a leading การ/ความ; then cut into the index's
 *     own words (Thai is typed without spaces: `ร้องเรียนทุจริต`), dropping function words, each
 *     word required on the page; then anywhere inside Thai text, at letter-cluster edges; then
 *     as the nearest word of the index's vocabulary (a misspelling: `ทุจริด` → `ทุจริต`).
 *  4. A page must match every part. Ranking puts the page about the thing first: a match in
 *     the title beats one in a heading, which beats one in the text; a short title that is
 *     mostly the query beats a long one; pages that only list others come last.
 */
(function (global) {
  "use strict";

  var MARK = "\u007f"; // segment.MARK: a word boundary inside Thai, never shown
  var SEP = "\n"; // between two fields in a chunk's text: no match crosses it

  var FIELD_TITLE = 0;
  var FIELD_H1 = 1;
  var FIELD_HEADING = 2;
  var FIELD_BODY = 3;
  var FIELD_WEIGHT = [10, 9, 4, 1];

  // Kinds of page (site_builder/search/roles.py): how much more likely such a page is the one
  // a reader wants, everything else equal. Lists of other pages come last.
  var KIND_PRIOR = { m: 0.6, i: 0.6, p: 0.3, s: 0, r: -0.2, y: -0.4, l: -0.4 };
  var KIND_ORDER = "imprsyl";

  // How well a match fits (multiplies the weight of its field).
  var STRONG = 1.0; // the whole word or words, as typed
  var PREFIX_DROPPED = 0.9; // found without the การ/ความ the reader added
  var FUZZY = 0.7; // a correction of a misspelt word
  var WEAK = 0.6; // inside a Thai word that newmm did not cut there
  var PREFIX = 0.5; // the beginning of a longer word

  var NOUN_PREFIXES = ["การ", "ความ"];
  // Dropped only when a query is cut into words (step 3): they join words, they find nothing.
  var FUNCTION_WORDS = new Set([
    "การ", "ความ", "และ", "หรือ", "ของ", "ที่", "ใน", "ให้", "เพื่อ", "กับ", "แก่", "โดย", "จาก",
    "ต่อ", "ได้", "มี", "เป็น", "ว่า", "ซึ่ง", "ไว้", "ด้วย", "ตาม", "ถึง", "นี้", "นั้น", "อย่าง",
    "เรื่อง", "เกี่ยวกับ", "สำหรับ", "ทาง", "จะ", "แล้ว", "อยู่", "ยัง", "เช่น", "ๆ", "ฯ"
  ]);
  // Letters that sound alike or that readers swap: a cheaper substitution when correcting.
  // Tone marks and vowels written above or below cost half to add or leave out.
  var ALIKE = ["สศษซ", "ทธฑฒ", "ตฏดฎ", "นณ", "ลฬร", "ยญ", "พภ", "คฆฅ", "ขฃ", "ชฌ", "ฤึริ", "ไใ", "ิี", "ุู", "ึื", "่้๊๋"];
  var MARKS = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/;

  /* ------------------------------------------------------------------ text --- */

  // The same mapping as site_builder/search/text.py `fold`: one character for one character.
  function fold(text) {
    return text.replace(/[A-Z\u0e50-\u0e59\-\u2010-\u2014\u2212]/g, function (c) {
      var code = c.charCodeAt(0);
      if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
      if (code >= 0x0e50 && code <= 0x0e59) return String.fromCharCode(code - 0x0e50 + 48);
      return " ";
    });
  }

  var INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]/g;
  var SPLIT_SARA_AM = /([\u0e48-\u0e4b]?)\u0e4d([\u0e48-\u0e4b]?)\u0e32/g;
  // Quotes and brackets around a query are not part of what is looked for.
  var QUERY_PUNCTUATION = /["'“”‘’«»()[\]{}!?,;:*+<>=|\\^~`]/g;

  // What the reader typed, as the index's text was cleaned (text.py `clean`), then folded.
  function normalizeQuery(raw) {
    var text = String(raw || "").normalize("NFC").replace(SPLIT_SARA_AM, "$1$2\u0e33");
    text = text.replace(INVISIBLE, "").replace(QUERY_PUNCTUATION, " ");
    return fold(text).replace(/\s+/g, " ").trim();
  }

  // 0 space, 1 Thai letter or mark, 2 other letter or digit, 3 punctuation (a word by itself).
  function charClass(code) {
    if (code === 32) return 0;
    if (code === 0x0e2f || code === 0x0e46 || code === 0x0e3f) return 3;
    if (code >= 0x0e01 && code <= 0x0e4e) return 1;
    if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return 2;
    if (code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && code < 0x2000) return 2;
    return 3;
  }

  function isThai(text) {
    return /[\u0e01-\u0e4e]/.test(text);
  }

  // Thai vowels and marks written after (above, below, right of) their consonant, and vowels
  // written before it: a match may not start on the first kind nor end just after the second.
  function followsConsonant(code) {
    return (code >= 0x0e30 && code <= 0x0e3a) || code === 0x0e45 || (code >= 0x0e47 && code <= 0x0e4e);
  }
  function precedesConsonant(code) {
    return code >= 0x0e40 && code <= 0x0e44;
  }
  function clusterEdge(text, i) {
    if (i <= 0 || i >= text.length) return true;
    return !followsConsonant(text.charCodeAt(i)) && !precedesConsonant(text.charCodeAt(i - 1));
  }

  /* ----------------------------------------------------------------- chunks --- */

  // One loaded index chunk: all its fields laid end to end in `shown` (what results show) and
  // `hay` (folded, where matches are found), with a boundary table and the owner of each field.
  function Chunk(data, engine) {
    this.id = String(data.id);
    this.year = /^\d+$/.test(this.id) ? Number(this.id) : null;
    this.pages = [];
    var parts = [];
    var marks = [];
    var segStart = [];
    var segPage = [];
    var segField = [];
    var segSection = [];
    var cursor = 0;
    var self = this;

    function add(marked, field, page, section) {
      var pieces = String(marked).split(MARK);
      var at = cursor;
      for (var i = 0; i < pieces.length - 1; i++) {
        at += pieces[i].length;
        marks.push(at);
      }
      var text = pieces.join("");
      segStart.push(cursor);
      segPage.push(page);
      segField.push(field);
      segSection.push(section);
      parts.push(text);
      cursor += text.length + SEP.length;
    }

    data.pages.forEach(function (entry) {
      var index = self.pages.length;
      var page = {
        url: entry[0],
        title: String(entry[1]).split(MARK).join(""),
        kind: entry[2],
        year: self.year,
        chunk: self,
        index: index,
        anchors: [],
        firstSegment: segStart.length
      };
      self.pages.push(page);
      add(entry[1], FIELD_TITLE, index, -1);
      entry[3].forEach(function (section, number) {
        var anchor = section[0];
        var level = section[1];
        page.anchors.push(anchor);
        if (section[2]) add(section[2], level === 1 ? FIELD_H1 : level > 1 ? FIELD_HEADING : FIELD_BODY, index, number);
        if (section[3]) add(section[3], FIELD_BODY, index, number);
      });
      page.lastSegment = segStart.length;
    });

    this.shown = parts.join(SEP) + SEP;
    this.hay = fold(this.shown);
    this.segStart = Int32Array.from(segStart);
    this.segPage = Int32Array.from(segPage);
    this.segField = Uint8Array.from(segField);
    this.segSection = Int16Array.from(segSection);
    var hay = this.hay;
    var bound = new Uint8Array(hay.length + 1);
    var previous = 3;
    for (var i = 0; i <= hay.length; i++) {
      var cls = i < hay.length ? charClass(hay.charCodeAt(i)) : 3;
      if (cls !== previous || cls === 3 || previous === 3) bound[i] = 1;
      previous = cls;
    }
    for (var m = 0; m < marks.length; m++) bound[marks[m]] = 1;
    this.bound = bound;

    String(data.words || "").split(" ").forEach(function (word) {
      if (word) engine.vocabulary.add(word);
    });
  }

  Chunk.prototype.segmentAt = function (pos) {
    var lo = 0;
    var hi = this.segStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.segStart[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  Chunk.prototype.segmentEnd = function (segment) {
    return segment + 1 < this.segStart.length ? this.segStart[segment + 1] - SEP.length : this.hay.length - SEP.length;
  };

  // Every place `needle` occurs, with how well it fits the words of the text: starting and
  // ending on word boundaries (STRONG); starting on one and ending inside a Thai word, the way
  // `ซ่อม` begins `ซ่อมแซม` (PREFIX, only when `prefixes`); or anywhere inside Thai text at
  // letter-cluster edges (WEAK, only when `weak`).
  Chunk.prototype.find = function (needle, how, out) {
    var hay = this.hay;
    var bound = this.bound;
    var length = needle.length;
    var thaiEnd = isThai(needle.charAt(length - 1));
    for (var pos = hay.indexOf(needle); pos !== -1; pos = hay.indexOf(needle, pos + 1)) {
      var end = pos + length;
      var strength = 0;
      if (bound[pos] && bound[end]) strength = STRONG;
      else if (how.prefixes && bound[pos] && thaiEnd && charClass(hay.charCodeAt(end)) === 1 && clusterEdge(hay, end)) strength = PREFIX;
      else if (how.weak && clusterEdge(hay, pos) && clusterEdge(hay, end)) strength = WEAK;
      if (strength) out.push({ chunk: this, pos: pos, end: end, strength: strength * (how.scale || 1), words: strength === STRONG });
    }
    return out;
  };

  /* ----------------------------------------------------------------- engine --- */

  function Engine() {
    this.chunks = [];
    this.vocabulary = new Set();
    this._words = null;
  }

  Engine.prototype.add = function (data) {
    if (this.chunks.some(function (chunk) { return chunk.id === String(data.id); })) return;
    this.chunks.push(new Chunk(data, this));
    this._words = null;
  };

  Engine.prototype.pageCount = function () {
    return this.chunks.reduce(function (sum, chunk) { return sum + chunk.pages.length; }, 0);
  };

  Engine.prototype.find = function (needle, how) {
    var out = [];
    if (!needle) return out;
    for (var i = 0; i < this.chunks.length; i++) this.chunks[i].find(needle, how, out);
    return out;
  };

  function hasWords(hits) {
    return hits.some(function (hit) { return hit.words; });
  }

  function pagesOf(hits) {
    var pages = new Set();
    hits.forEach(function (hit) { pages.add(hit.chunk.id + " " + hit.chunk.segPage[hit.chunk.segmentAt(hit.pos)]); });
    return pages;
  }

  function unit(text, hits, typed, optional) {
    return { text: text, hits: hits, typed: typed, optional: !!optional };
  }

  // One word or phrase as typed: its exact places (and the words it begins), with or without a
  // leading การ/ความ. Null when it is not in the index as typed.
  Engine.prototype.findAsTyped = function (part) {
    var prefixes = isThai(part) && part.length >= 3;
    var hits = this.find(part, { prefixes: prefixes });
    for (var p = 0; p < NOUN_PREFIXES.length; p++) {
      var prefix = NOUN_PREFIXES[p];
      if (part.length - prefix.length >= 2 && part.indexOf(prefix) === 0) {
        // Readers add and drop these: `การร้องเรียน` also finds `เรื่องร้องเรียน`.
        hits = hits.concat(this.find(part.slice(prefix.length), { prefixes: true, scale: PREFIX_DROPPED }));
      }
    }
    return hasWords(hits) || (hits.length && prefixes) ? hits : null;
  };

  // The units a part of the query stands for (each must be on a page), or null. In order: the
  // part as typed; a close misspelling of a known word; its words, if the reader ran several
  // together; the part inside a longer Thai word; a further misspelling; as many of its words
  // as the index has (the others are reported missing).
  Engine.prototype.resolve = function (part, report, allowCut) {
    var typed = this.findAsTyped(part);
    var cut = allowCut && isThai(part) ? this.cutIntoWords(part) : [part];
    var words = cut.filter(function (word) { return !FUNCTION_WORDS.has(word); });
    var several = cut.length > 1 && words.length > (typed ? 1 : 0);
    // Found as typed on a few pages only: the reader may mean the words, not this exact phrase
    // (`ช่องทางร้องเรียน`): the pages with all its words count too, those with the phrase first.
    if (typed && (!several || pagesOf(typed).size >= 3)) return [unit(part, typed, part)];
    var close = typed ? [] : this.nearest(part, 0.5);
    if (close.length) return this.corrected(part, close, report);
    var units = [];
    var inner = { missing: [], corrected: [] };
    if (several) {
      for (var w = 0; w < words.length; w++) {
        var found = this.resolve(words[w], inner, false);
        if (found) units = units.concat(found);
      }
      if (units.length && !inner.missing.length && this.together(units).size) {
        report.corrected.push.apply(report.corrected, inner.corrected);
        if (typed) {
          // Only where the words are the page's subject (all in its title) or read as the
          // phrase with little words between (`ช่องทางการร้องเรียน`), besides the phrase itself.
          var allowed = this.closeTogether(units);
          pagesOf(typed).forEach(function (key) { allowed.add(key); });
          units.forEach(function (u) { u.allowed = allowed; });
          units.push(unit(part, typed, part, true));
        }
        return units;
      }
      if (typed) return [unit(part, typed, part)];
    }
    if (isThai(part) && part.length >= 3) {
      var weak = this.find(part, { weak: true });
      if (weak.length) return [unit(part, weak, part)];
    }
    var nearest = this.nearest(part, part.length >= 8 ? 2 : 1);
    if (nearest.length) return this.corrected(part, nearest, report);
    if (units.length) {
      report.missing.push.apply(report.missing, inner.missing);
      return units;
    }
    report.missing.push(part);
    return null;
  };

  // A misspelt word: the nearest words of the vocabulary instead, and the reader is told.
  Engine.prototype.corrected = function (part, nearest, report) {
    var hits = [];
    for (var n = 0; n < nearest.length; n++) hits = hits.concat(this.find(nearest[n], { prefixes: true, scale: FUZZY }));
    if (!hits.length) return null;
    report.corrected.push([part, nearest[0]]);
    return [unit(nearest[0], hits, part)];
  };

  // Pages where the units are all in the title, or follow each other in one field with only
  // function words between them.
  Engine.prototype.closeTogether = function (units) {
    var allowed = new Set();
    var inTitle = new Map();
    var bySegment = units.map(function () { return new Map(); });
    units.forEach(function (u, number) {
      u.hits.forEach(function (hit) {
        var chunk = hit.chunk;
        var segment = chunk.segmentAt(hit.pos);
        var key = chunk.id + " " + chunk.segPage[segment];
        if (chunk.segField[segment] <= FIELD_H1) {
          if (!inTitle.has(key)) inTitle.set(key, new Set());
          inTitle.get(key).add(number);
        }
        var place = chunk.id + " " + segment;
        if (!bySegment[number].has(place)) bySegment[number].set(place, []);
        bySegment[number].get(place).push(hit);
      });
    });
    inTitle.forEach(function (found, key) { if (found.size === units.length) allowed.add(key); });
    units[0].hits.forEach(function (hit) {
      var chunk = hit.chunk;
      var segment = chunk.segmentAt(hit.pos);
      var place = chunk.id + " " + segment;
      var end = hit.end;
      for (var n = 1; n < units.length; n++) {
        var next = (bySegment[n].get(place) || []).filter(function (h) {
          return h.pos >= end && glue(chunk.hay.slice(end, h.pos));
        });
        if (!next.length) return;
        end = next[0].end;
      }
      allowed.add(chunk.id + " " + chunk.segPage[segment]);
    });
    return allowed;
  };

  // Nothing but spaces and function words.
  function glue(gap) {
    gap = gap.replace(/ /g, "");
    if (!gap) return true;
    if (gap.length > 12) return false;
    for (var word of FUNCTION_WORDS) if (gap.indexOf(word) === 0 && glue(gap.slice(word.length))) return true;
    return false;
  }

  // The pages where every required unit is found.
  Engine.prototype.together = function (units) {
    var common = null;
    units.forEach(function (u) {
      if (u.optional) return;
      var pages = pagesOf(u.hits);
      common = common === null ? pages : new Set(Array.from(common).filter(function (p) { return pages.has(p); }));
    });
    return common || new Set();
  };

  // Thai typed without spaces, cut into the fewest words of the index's vocabulary; letters that
  // make no known word stay together as one unknown piece. Latin and digits are words as typed.
  Engine.prototype.cutIntoWords = function (part) {
    var pieces = [];
    var runs = part.match(/[\u0e01-\u0e4e]+|[^\u0e01-\u0e4e]+/g) || [];
    for (var r = 0; r < runs.length; r++) {
      if (isThai(runs[r])) pieces = pieces.concat(this.cutThai(runs[r]));
      else if (runs[r].trim()) pieces = pieces.concat(runs[r].trim().split(" "));
    }
    return pieces;
  };

  Engine.prototype.cutThai = function (run) {
    var n = run.length;
    var longest = 24;
    var cost = new Float64Array(n + 1).fill(Infinity);
    var from = new Int32Array(n + 1);
    cost[0] = 0;
    for (var i = 0; i < n; i++) {
      if (cost[i] === Infinity || !clusterEdge(run, i)) continue;
      for (var j = i + 1; j <= Math.min(n, i + longest); j++) {
        if (!clusterEdge(run, j)) continue;
        var piece = run.slice(i, j);
        // A known word costs 1; an unknown piece 4 whatever its length, so unknown letters stay
        // together (and can be corrected as one word) rather than crumble into syllables.
        // A function word costs a little less: of two readings with as many words, the one that
        // sets them apart (`รายงาน|การ|ดำเนินการ`, not `ราย|งานการ|ดำเนินการ`) is the usual one.
        var step = this.vocabulary.has(piece) ? (FUNCTION_WORDS.has(piece) ? 0.9 : 1) : 4 + piece.length * 0.01;
        if (cost[i] + step < cost[j]) {
          cost[j] = cost[i] + step;
          from[j] = i;
        }
      }
    }
    if (cost[n] === Infinity) return [run];
    var words = [];
    for (var k = n; k > 0; k = from[k]) words.unshift(run.slice(from[k], k));
    return words;
  };

  Engine.prototype.words = function () {
    if (!this._words) this._words = Array.from(this.vocabulary);
    return this._words;
  };

  // Words of the vocabulary one (two for long words) edits away; alike letters and tone marks
  // count half. Nearest first.
  Engine.prototype.nearest = function (typed, limit) {
    if (typed.length < 3 || !isThai(typed) && typed.length < 4) return [];
    var found = [];
    var words = this.words();
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (Math.abs(word.length - typed.length) > limit) continue;
      var distance = editDistance(typed, word, limit);
      if (distance <= limit) found.push([distance, word]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || b[1].length - a[1].length || (a[1] < b[1] ? -1 : 1); });
    var best = found.length ? found[0][0] : 0;
    return found.filter(function (f) { return f[0] === best; }).slice(0, 3).map(function (f) { return f[1]; });
  };

  function alike(a, b) {
    for (var i = 0; i < ALIKE.length; i++) if (ALIKE[i].indexOf(a) !== -1 && ALIKE[i].indexOf(b) !== -1) return true;
    return false;
  }

  // Damerau-Levenshtein distance, stopped early past `limit`.
  function editDistance(a, b, limit) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push(new Float64Array(b.length + 1));
      rows[i][0] = i;
    }
    for (var j = 0; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = Infinity;
      for (j = 1; j <= b.length; j++) {
        var ca = a[i - 1];
        var cb = b[j - 1];
        var change = ca === cb ? 0 : alike(ca, cb) ? 0.5 : 1;
        var mark = MARKS.test(ca) ? 0.5 : 1;
        var markB = MARKS.test(cb) ? 0.5 : 1;
        var value = Math.min(rows[i - 1][j] + mark, rows[i][j - 1] + markB, rows[i - 1][j - 1] + change);
        if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb) value = Math.min(value, rows[i - 2][j - 2] + 1);
        rows[i][j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return best;
    }
    return rows[a.length][b.length];
  }

  /* ---------------------------------------------------------------- search --- */

  // Search the loaded chunks. `options.year`: the fiscal year the reader is looking at.
  Engine.prototype.search = function (raw, options) {
    options = options || {};
    var query = normalizeQuery(raw);
    var report = { query: query, missing: [], corrected: [], results: [], units: [] };
    if (!query) return report;
    var named = this.titleMatches(query);
    var units = [];
    var whole = query.indexOf(" ") !== -1 ? this.find(query, {}) : [];
    if (whole.length) units = [unit(query, whole, query)];
    else {
      var parts = query.split(" ");
      for (var i = 0; i < parts.length; i++) {
        if (parts.length > 1 && FUNCTION_WORDS.has(parts[i])) continue;
        var found = this.resolve(parts[i], report, true);
        if (found) units = units.concat(found);
      }
    }
    report.units = units;
    if (units.length) report.results = this.rank(units, options);
    report.results = this.withTitleMatches(report.results, named);
    if (named.length && report.results.length) report.missing = [];
    return report;
  };

  // An OIT item whose title (without its code) is the query, begins with it, holds it, or
  // begins one letter away from it (queries of five letters or more): the item the reader
  // named, ranked above the measures and lists that mention it.
  var TITLE_EXACT = 40;
  var TITLE_PREFIX = 30;
  var TITLE_TYPO = 25;
  var TITLE_HOLDS = 20;

  function titleKey(title) {
    return fold(title).replace(/^[oie]\d+\s+/, "").replace(/\s+/g, "");
  }

  Engine.prototype.titleMatches = function (query) {
    var typed = query.replace(/\s+/g, "");
    if (typed.length < 2) return [];
    var found = [];
    this.chunks.forEach(function (chunk) {
      chunk.pages.forEach(function (page) {
        if (page.kind !== "i") return;
        var title = titleKey(page.title);
        var bonus = 0;
        if (title === typed) bonus = TITLE_EXACT;
        else if (title.indexOf(typed) === 0) bonus = TITLE_PREFIX + 5 * typed.length / title.length;
        else if (title.indexOf(typed) > 0) bonus = TITLE_HOLDS + 5 * typed.length / title.length;
        else if (typed.length >= 5) {
          // One letter missing, extra or wrong: against the title's beginning of each length.
          for (var length = typed.length - 1; length <= typed.length + 1 && !bonus; length++) {
            if (length <= title.length && editDistance(typed, title.slice(0, length), 1) <= 1) bonus = TITLE_TYPO;
          }
        }
        if (bonus) found.push({ page: page, bonus: bonus });
      });
    });
    return found;
  };

  // Named pages first (the newest year's first among equals), then the other results.
  Engine.prototype.withTitleMatches = function (results, named) {
    if (!named.length) return results;
    var byPage = new Map(results.map(function (r) { return [r.page, r]; }));
    named.forEach(function (n) {
      var result = byPage.get(n.page);
      if (!result) {
        var chunk = n.page.chunk;
        var start = chunk.segStart[n.page.firstSegment];
        var hit = { segment: n.page.firstSegment, pos: start, end: chunk.segmentEnd(n.page.firstSegment), unit: 0 };
        result = { page: n.page, score: 0, hits: [hit] };
        byPage.set(n.page, result);
      }
      result.score += n.bonus + (n.page.year ? n.page.year / 10000 : 0);
    });
    var all = Array.from(byPage.values());
    all.sort(function (a, b) {
      return b.score - a.score ||
        KIND_ORDER.indexOf(a.page.kind) - KIND_ORDER.indexOf(b.page.kind) ||
        (a.page.url < b.page.url ? -1 : a.page.url > b.page.url ? 1 : 0);
    });
    return all;
  };

  Engine.prototype.rank = function (units, options) {
    var byPage = new Map();
    var newest = 0;
    this.chunks.forEach(function (chunk) { if (chunk.year && chunk.year > newest) newest = chunk.year; });
    units.forEach(function (u, number) {
      u.hits.forEach(function (hit) {
        var chunk = hit.chunk;
        var segment = chunk.segmentAt(hit.pos);
        var page = chunk.pages[chunk.segPage[segment]];
        var key = chunk.id + " " + page.index;
        var entry = byPage.get(key);
        if (!entry) {
          entry = { page: page, units: [], hits: [] };
          byPage.set(key, entry);
        }
        var field = chunk.segField[segment];
        var value = FIELD_WEIGHT[field] * hit.strength;
        var seen = entry.units[number];
        if (!seen) entry.units[number] = seen = { value: 0, field: FIELD_BODY, count: 0, segments: new Set() };
        if (value > seen.value) seen.value = value;
        seen.field = Math.min(seen.field, field);
        seen.count += 1;
        seen.segments.add(segment);
        entry.hits.push({ segment: segment, pos: hit.pos, end: hit.end, unit: number });
      });
    });
    var required = units.filter(function (u) { return !u.optional; }).length;
    var results = [];
    byPage.forEach(function (entry, key) {
      for (var u = 0; u < units.length; u++) {
        if (!units[u].optional && !entry.units[u]) return;
        if (units[u].allowed && !units[u].allowed.has(key)) return;
      }
      var page = entry.page;
      var score = 0;
      var inTitle = 0;
      var matched = 0;
      var segments = null;
      entry.units.forEach(function (seen, number) {
        if (!seen) return;
        if (units[number].optional) {
          // The reader's exact phrase on this page: it comes before the pages with the words apart.
          score += 3 + seen.value / 2;
          return;
        }
        score += seen.value + 0.3 * Math.min(seen.count - 1, 5);
        if (seen.field <= FIELD_H1) inTitle += 1;
        matched += units[number].text.replace(/ /g, "").length;
        segments = segments === null ? Array.from(seen.segments) : segments.filter(function (s) { return seen.segments.has(s); });
      });
      // The page about the thing: every word in its title, and a title that is mostly them.
      if (inTitle === required) {
        var titleLength = page.title.replace(/ /g, "").length || 1;
        score += 6 * Math.min(1, matched / titleLength);
      }
      // Several words: closer together is better (one field holds them all).
      if (required > 1 && segments && segments.length) score += 2;
      score += KIND_PRIOR[page.kind] || 0;
      if (page.year && options.year && page.year === options.year) score += 0.5;
      else if (page.year && newest) score += 0.3 / (1 + newest - page.year);
      results.push({ page: page, score: score, hits: entry.hits });
    });
    results.sort(function (a, b) {
      return b.score - a.score ||
        KIND_ORDER.indexOf(a.page.kind) - KIND_ORDER.indexOf(b.page.kind) ||
        (a.page.url < b.page.url ? -1 : a.page.url > b.page.url ? 1 : 0);
    });
    return results;
  };

  /* --------------------------------------------------------------- display --- */

  // Merge overlapping [start, end) ranges.
  function mergeRanges(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranges.forEach(function (range) {
      var last = out[out.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else out.push([range[0], range[1]]);
    });
    return out;
  }

  // What a result shows: its title and a short passage, each as text with the ranges to mark,
  // and the section to link to. Text comes from the index as text: the caller must insert it
  // with textContent, never as HTML.
  Engine.prototype.describe = function (result, around) {
    around = around || 160;
    var page = result.page;
    var chunk = page.chunk;
    var titleSegment = page.firstSegment;
    var titleStart = chunk.segStart[titleSegment];
    var titleRanges = [];
    var perSegment = new Map();
    result.hits.forEach(function (hit) {
      if (hit.segment === titleSegment) titleRanges.push([hit.pos - titleStart, hit.end - titleStart]);
      else {
        var list = perSegment.get(hit.segment);
        if (!list) perSegment.set(hit.segment, list = []);
        list.push(hit);
      }
    });
    // The passage: the field with the most different words of the query, then the most
    // important field, then the first.
    var best = -1;
    var bestKey = null;
    perSegment.forEach(function (hits, segment) {
      // The h1 repeats the title on most pages: the passage should add to it.
      if (chunk.segField[segment] === FIELD_H1) return;
      var distinct = new Set(hits.map(function (h) { return h.unit; })).size;
      var key = [distinct, -chunk.segField[segment], -segment];
      if (!bestKey || key[0] > bestKey[0] || (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))) {
        bestKey = key;
        best = segment;
      }
    });
    var anchor = "";
    var passage = { text: "", ranges: [], before: false, after: false };
    var segment = best;
    if (segment === -1) {
      // Found by its title only: show the beginning of its text.
      for (var s = page.firstSegment + 1; s < page.lastSegment; s++) {
        if (chunk.segField[s] === FIELD_BODY) { segment = s; break; }
      }
    } else if (chunk.segSection[segment] > 0) {
      anchor = page.anchors[chunk.segSection[segment]] || "";
    }
    if (segment !== -1) {
      var start = chunk.segStart[segment];
      var end = chunk.segmentEnd(segment);
      var hits = perSegment.get(segment) || [];
      var from = start;
      if (hits.length) {
        var first = hits.reduce(function (a, h) { return Math.min(a, h.pos); }, Infinity);
        // Start the passage after a space (Thai puts one between phrases) not far before the
        // match, else on a word boundary, never inside a letter cluster.
        var space = chunk.hay.lastIndexOf(" ", first - 1);
        if (space >= start && first - space <= 50) from = space + 1;
        else {
          from = Math.max(start, first - 30);
          while (from > start && !chunk.bound[from] && first - from < 50) from--;
          while (from > start && !clusterEdge(chunk.hay, from)) from--;
        }
      }
      var to = Math.min(end, from + around);
      while (to < end && !chunk.bound[to] && to - from < around + 20) to++;
      while (to < end && !clusterEdge(chunk.hay, to)) to++;
      passage.text = chunk.shown.slice(from, to);
      passage.before = from > start;
      passage.after = to < end;
      passage.ranges = mergeRanges(hits.filter(function (h) { return h.pos >= from && h.end <= to; })
        .map(function (h) { return [h.pos - from, h.end - from]; }));
    }
    return {
      title: page.title,
      titleRanges: mergeRanges(titleRanges),
      passage: passage,
      anchor: anchor,
      kind: page.kind,
      year: page.year
    };
  };

  // The words to mark on the page a result opens (`?h=`): what matched on that page, folded.
  function matchedTerms(result) {
    var hay = result.page.chunk.hay;
    var seen = new Set();
    result.hits.forEach(function (hit) { seen.add(hay.slice(hit.pos, hit.end)); });
    return Array.from(seen).slice(0, 8);
  }

  global.ItaSearchEngine = {
    Engine: Engine,
    fold: fold,
    normalizeQuery: normalizeQuery,
    clusterEdge: clusterEdge,
    matchedTerms: matchedTerms,
    MARK: MARK
  };
})(window);
