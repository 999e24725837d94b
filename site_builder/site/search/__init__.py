"""Thai search: a static index the browser searches without a server, a worker or a CDN.

Material's search splits text only at its separator and matches by prefix, so Thai words inside
a run of Thai text (which has no spaces between words) are never found. This package builds our
own index instead; `theme/assets/ita-search.js` searches it in the page.

- `text`: what a reader sees (NFC, no invisible characters) and the 1:1 folding used to match.
- `segment`: Thai word boundaries from newmm (nlpo3, with pythainlp's word list: offline),
  plus the parts of compound words (`จัดซื้อ|จัดจ้าง`), written into the text as a marker the
  browser turns into a boundary table and never shows.
- `segments`: every segmentation kept on disk (`.cache/search`), so that no unchanged text is
  segmented twice.
- `stored`: what the index made of each page and chunk, kept in the same file and keyed by a
  digest of its inputs and of this package's code, so that an unchanged page is not read again
  and an unchanged chunk not made again; a stored value is checked and never trusted as code.
- `extract`: a page's HTML as a title and sections (heading, anchor, text).
- `roles`: what each of our generated pages is (measure, item, report...) and how much of it
  to index: pages that repeat other pages' text (the report, the OIT table) index their outline.
- `index`: the files: one chunk per fiscal year plus one for the other pages, each a small
  script (`search/ita-<id>.js`) that a `<script>` tag can load, so search works from file://
  and a phone downloads only the year it searches first.
"""

from site_builder.site.search.extract import PageText, Section, extract
from site_builder.site.search.index import SearchIndex
from site_builder.site.search.roles import PageRole, role_of

__all__ = ["PageRole", "PageText", "SearchIndex", "Section", "extract", "role_of"]
