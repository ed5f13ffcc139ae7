// The search page (/tim-kiem/): the site's own search index (written by
// plugins/khuyenhoc/search_index.py, read here) behind a form that is also a
// plain GET form (?q=…&chuyen-muc=…&nam=…), so a search can be linked and the
// header's box works without this script.
//
// A query's words are matched like the index's: lower-cased, without tone and
// vowel marks, "đ" as "d", so "duong" finds "đường" and "dương"; each word is
// also the start of longer ones ("quy" finds "quyết"), and so is a last word
// of one letter, still being typed ("khuyen h"). A page must have every word.
// A word that the index does not have at all is replaced by the closest one
// it has (edit distance on the folded words, a swap of two letters one edit:
// "hcoc" is "hoc"), and the page says so; only then is the list of the
// index's words fetched. Pages are ranked by, in turn: how many of the
// query's neighbouring words they have side by side, in order (Vietnamese
// words are often two or three syllables: "sở y tế", "khuyến học"); how many
// of the query's words they have whole, not only as the start of a longer
// one; how many of the words the reader typed with marks they spell the same
// way ("dương" before "đường"); then each word's BM25 weight on the page
// times its rarity. A long page's result also lists its sections that
// match, each leading to its heading.
//
// A classic deferred script (the theme allows no inline or module scripts);
// its names stay inside this function. Run by Node (no `document`), it only
// hands its word functions to tests/test_search_folding.py.

(() => {
  const PAGE_SIZE = 10;
  const DELAY_MS = 200;
  const EXCERPT_WORDS = 30;
  // Words this short are matched whole only: as a start they match too much.
  const SHORTEST_START = 2;
  const START_ONLY = 0.5; // a word matched as the start of a longer one counts half
  // A word the index does not have is corrected to one this many edits away
  // at most: one for a word of up to five letters, two for a longer one.
  const EDITS = (length) => (length < 2 ? 0 : length <= 5 ? 1 : 2);
  const CANDIDATES = 8; // the closest words tried in the context of their neighbours
  const SECTIONS_SHOWN = 3; // a long page's sections listed under its result
  // BM25's usual constants: how fast repeats stop counting, how much a long
  // page's words are discounted.
  const K1 = 1.2;
  const B = 0.75;
  // A word of a page's title adds this to the page's weight for it: more than
  // the most that repeats in the text give ((K1 + 1) × 10 = 22), so that the
  // page about a thing comes first.
  const TITLE_BONUS = 25;

  const WORD = /[\p{L}\p{N}]+/gu;
  const words = (text) => text.normalize("NFC").toLowerCase().match(WORD) || [];
  // As plugins/khuyenhoc/search_text.py folds them.
  const fold = (word) =>
    word.replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");

  // The edit distance between `a` and `b` (insertions, deletions,
  // substitutions, and swaps of two neighbouring letters, each one edit:
  // optimal string alignment), or `limit` + 1 if it is more than `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      const row = [i];
      let smallest = i;
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let best = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, before[j - 2] + 1);
        }
        row.push(best);
        smallest = Math.min(smallest, best);
      }
      if (smallest > limit) return limit + 1;
      [before, previous] = [previous, row];
    }
    return Math.min(previous[b.length], limit + 1);
  }

  if (typeof document === "undefined") {
    module.exports = { words, fold, distance };
    return;
  }

  const form = document.querySelector(".search-form");
  const input = form.elements.q;
  const category = form.elements["chuyen-muc"];
  const year = form.elements.nam;
  const filtersBox = form.querySelector(".search-filters");
  const statusLine = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const more = document.querySelector(".search-more");
  const indexUrl = new URL(form.dataset.index, document.baseURI);
  const siteRoot = new URL("../../", indexUrl);

  let index = null; // index.json
  let listed = []; // page number -> its place in the listing, newest first
  let averageLength = 1;
  const chunks = { words: new Map(), pairs: new Map() }; // number -> promise of a chunk
  const pages = new Map(); // page number -> promise of its record
  let vocabulary = null; // promise of the index's folded words, commonest first
  let current = 0; // number of the latest search: older answers are dropped
  let pending = [];
  let shownWords = []; // [folded word, matched as the start of longer ones]

  function fetchJson(name) {
    const url = new URL(`${index.version}/${name}`, indexUrl);
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    });
  }

  function cached(map, key, name) {
    if (!map.has(key)) map.set(key, fetchJson(name));
    return map.get(key);
  }

  function undelta(differences) {
    let number = 0;
    return differences.map((difference) => (number += difference));
  }

  // A folded word of the index is the typed one, or starts with it (`asStart`).
  const isOrStarts = (word, typed, asStart) =>
    word === typed || (asStart && word.startsWith(typed));

  // The [key, value] entries of `kind` ("words" or "pairs") whose key is `key`
  // or, `asStart`, starts with it; their chunks fetched (chunks are in order,
  // index.json gives each one's first key).
  async function entries(kind, key, asStart) {
    const last = asStart ? `${key}\uffff` : key;
    const firsts = index[kind];
    const numbers = [];
    firsts.forEach((start, number) => {
      const next = firsts[number + 1];
      if (start <= last && (next === undefined || next > key)) numbers.push(number);
    });
    const found = await Promise.all(numbers.map((number) =>
      cached(chunks[kind], number, `${kind}/${number}.json`)));
    return found.flatMap((chunk) =>
      Object.entries(chunk).filter(([name]) => isOrStarts(name, key, asStart)));
  }

  // BM25's term-frequency part for a word `count` times on `page`, times 10.
  function weight(page, count, inTitle) {
    const length = index.lengths[page] / averageLength;
    const saturation = (count * (K1 + 1)) / (count + K1 * (1 - B + B * length));
    return saturation * 10 + (inTitle.has(page) ? TITLE_BONUS : 0);
  }

  // A query word is also the start of longer ones if it has two letters or
  // more, or if it is the last one (still being typed).
  const asStart = (folded, isLast) => folded.length >= SHORTEST_START || isLast;

  const rarityOf = (pagesWithIt) =>
    Math.log(1 + (index.pages - pagesWithIt + 0.5) / (pagesWithIt + 0.5));

  // {page: {whole, same, score}} of one query word. The word whole is as
  // rare as the pages that have it; the longer words that start with it
  // are taken together, as rare as the pages that have any of them: the
  // reader has not chosen one yet, and a rare one should not win for it.
  async function matches(typed, start) {
    const folded = fold(typed);
    const marked = folded !== typed; // typed with marks: the spelling counts
    const found = (await entries("words", folded, start)).map(([word, spellings]) => ({
      whole: word === folded,
      spellings: Object.entries(spellings).map(([spelling, [differences, counts, titles]]) => {
        const inTitle = new Set(titles);
        const pagesOfIt = undelta(differences);
        return [spelling, pagesOfIt.map((page, i) => [page, weight(page, counts[i], inTitle)])];
      }),
    }));
    const rarity = (whole) => rarityOf(new Set(found.filter((entry) => entry.whole === whole)
      .flatMap((entry) => entry.spellings.flatMap(([, postings]) =>
        postings.map(([page]) => page)))).size);
    const rarities = [rarity(false), rarity(true)];
    const byPage = new Map();
    for (const { whole, spellings } of found) {
      for (const [spelling, postings] of spellings) {
        const same = marked && spelling === typed;
        for (const [page, termWeight] of postings) {
          const score = rarities[+whole] * termWeight * (whole ? 1 : START_ONLY);
          const best = byPage.get(page);
          // A page with the word whole is scored by it alone, not by
          // longer words that start like it.
          if (!best || (whole && !best.whole)) {
            byPage.set(page, { whole, same, score });
          } else if (whole === best.whole) {
            best.same ||= same;
            best.score = Math.max(best.score, score);
          }
        }
      }
    }
    return byPage;
  }

  // The pages that have the folded words `first` and `second` side by side
  // (`second` possibly the start of a longer word, if `start`).
  async function together(first, second, start) {
    const pages = new Set();
    for (const [, differences] of await entries("pairs", `${first} ${second}`, start)) {
      undelta(differences).forEach((page) => pages.add(page));
    }
    return pages;
  }

  // The index's words closest to the folded word `typed`, commonest first
  // (CANDIDATES at most); none if none is within EDITS of it.
  async function closest(typed) {
    if (!vocabulary) vocabulary = fetchJson("vocabulary.json").then((list) => list.split(" "));
    let fewest = EDITS(typed.length);
    let found = [];
    for (const word of await vocabulary) {
      const edits = distance(typed, word, fewest);
      if (edits < fewest) [found, fewest] = [[word], edits];
      else if (edits === fewest && found.length < CANDIDATES) found.push(word);
    }
    return found;
  }

  // Of the `candidates` for the word at `position` of the folded query
  // `folded` (known: whether each word is in the index), the first that the
  // index has side by side with the word before or after it ("khuyen hco":
  // "hoc", not the commoner "co"), else the commonest; null if none.
  async function inContext(candidates, position, folded, known) {
    const before = position > 0 && known[position - 1] ? folded[position - 1] : null;
    const after = known[position + 1] ? folded[position + 1] : null;
    for (const word of candidates) {
      const [left, right] = await Promise.all([
        before ? entries("pairs", `${before} ${word}`, false) : [],
        after ? entries("pairs", `${word} ${after}`, false) : [],
      ]);
      if (left.length || right.length) return word;
    }
    return candidates.length ? candidates[0] : null;
  }

  // {pages, used, shown} for the query's words `typedWords`: the pages, best
  // first; the words searched for, if not the words typed (a word that
  // nothing matches replaced by the closest the index has, or left out if
  // it has none), or null; [folded word, as a start] of each, to mark them.
  async function ranked(typedWords, allowed) {
    const last = typedWords.length - 1;
    const starts = typedWords.map((typed, position) => asStart(fold(typed), position === last));
    let used = typedWords;
    let perWord = await Promise.all(typedWords.map((typed, position) =>
      matches(typed, starts[position])));
    if (perWord.some((byPage) => byPage.size === 0)) {
      const known = perWord.map((byPage) => byPage.size > 0);
      const typedFolded = typedWords.map(fold);
      const corrected = await Promise.all(typedWords.map(async (typed, position) =>
        (known[position] ? typed : inContext(
          await closest(typedFolded[position]), position, typedFolded, known))));
      const kept = [...corrected.keys()].filter((position) => corrected[position] !== null);
      if (kept.length === 0) return { pages: [], used: null, shown: [] };
      used = kept.map((position) => corrected[position]);
      perWord = await Promise.all(kept.map((position) => (perWord[position].size
        ? perWord[position] : matches(corrected[position], false))));
      // A word put in the place of one typed is matched whole.
      const keptStarts = kept.map((position) =>
        corrected[position] === typedWords[position] && starts[position]);
      starts.splice(0, starts.length, ...keptStarts);
    }
    const folded = used.map(fold);
    const perPair = await Promise.all(folded.slice(1).map((second, position) =>
      together(folded[position], second, starts[position + 1])));
    const results = [];
    for (const [page, first] of perWord[0]) {
      if (allowed && !allowed.has(page)) continue;
      const rank = { page, side: 0, whole: 0, same: 0, score: 0 };
      perPair.forEach((pages) => { rank.side += pages.has(page); });
      const all = perWord.every((byPage) => {
        const match = byPage === perWord[0] ? first : byPage.get(page);
        if (!match) return false;
        rank.whole += match.whole;
        rank.same += match.same;
        rank.score += match.score;
        return true;
      });
      if (all) results.push(rank);
    }
    results.sort((a, b) => b.side - a.side || b.whole - a.whole || b.same - a.same ||
      b.score - a.score || listed[a.page] - listed[b.page]);
    return {
      pages: results.map((result) => result.page),
      used: used === typedWords ? null : used,
      shown: folded.map((word, position) => [word, starts[position]]),
    };
  }

  function chosenPages() {
    let allowed = null;
    for (const [name, select] of [["category", category], ["year", year]]) {
      if (!select.value) continue;
      const numbers = new Set(undelta(index.filters[name][select.value] || []));
      allowed = allowed ? new Set([...allowed].filter((page) => numbers.has(page))) : numbers;
    }
    return allowed;
  }

  function element(name, attributes = {}, children = []) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.append(...children);
    return node;
  }

  function shortDate(iso) {
    const [y, m, d] = iso.split("-");
    return `${d}/${m}/${y}`;
  }

  // Which of the query's words (bit i: shownWords[i]) the text `token` has.
  function matched(token) {
    let found = 0;
    for (const word of words(token)) {
      const folded = fold(word);
      shownWords.forEach(([typed, start], position) => {
        if (isOrStarts(folded, typed, start)) found |= 1 << (position % 30);
      });
    }
    return found;
  }

  // The EXCERPT_WORDS words of tokens[from…to) around most of the query's
  // words (hits: which each token has), those in <mark>; the start if it has none.
  function excerpt(tokens, hits, from = 0, to = tokens.length) {
    let start = from;
    let best = 0;
    for (let position = from; position < to; position += 1) {
      if (!hits[position]) continue;
      const first = Math.max(from, position - 5);
      const count = hits.slice(first, Math.min(to, first + EXCERPT_WORDS)).filter(Boolean).length;
      if (count > best) [start, best] = [first, count];
    }
    const end = Math.min(to, start + EXCERPT_WORDS);
    const paragraph = element("p", { class: "search-result-excerpt" });
    if (start > from) paragraph.append("… ");
    tokens.slice(start, end).forEach((token, offset) => {
      if (offset > 0) paragraph.append(" ");
      paragraph.append(hits[start + offset] ? element("mark", {}, [token]) : token);
    });
    if (end < to) paragraph.append(" …");
    return paragraph;
  }

  const bits = (mask) => mask.toString(2).replace(/0/g, "").length;

  // A long page's sections that have as many of the query's words as its
  // best section (those with the most matches first), SECTIONS_SHOWN at most,
  // in the page's order: each its heading, linked to its anchor, and its own
  // excerpt.
  function sections(page, address, tokens, hits) {
    let parts = (page.sections || []).map(([id, title, start], position, all) => {
      const end = position + 1 < all.length ? all[position + 1][2] : tokens.length;
      let mask = 0;
      let count = 0;
      for (let at = start; at < end; at += 1) {
        mask |= hits[at];
        count += hits[at] !== 0;
      }
      return { id, title, start, end, found: bits(mask), count };
    }).filter((part) => part.count > 0);
    if (parts.length === 0) return null;
    // Only the sections with as many of the query's words as the best one.
    const most = Math.max(...parts.map((part) => part.found));
    parts = parts.filter((part) => part.found === most);
    parts.sort((a, b) => b.found - a.found || b.count - a.count || a.start - b.start);
    const shown = parts.slice(0, SECTIONS_SHOWN).sort((a, b) => a.start - b.start);
    return element("ul", { class: "search-sections" }, shown.map((part) => {
      const link = new URL(address);
      link.hash = part.id;
      // The excerpt starts after the heading, which the link shows.
      const heading = part.title.split(" ").length;
      return element("li", {}, [
        element("a", { href: link.href }, [part.title]),
        excerpt(tokens, hits, Math.min(part.start + heading, part.end), part.end),
      ]);
    }));
  }

  function resultItem(page) {
    const address = new URL(page.url, siteRoot).href;
    const heading = element("h2", {}, [
      element("a", { href: address }, [page.title || page.url]),
    ]);
    const details = [];
    if (page.date) details.push(element("time", { datetime: page.date }, [shortDate(page.date)]));
    if (page.category) details.push(element("span", {}, [page.category]));
    const article = element("article", { class: "search-result" }, [heading]);
    if (details.length) {
      const line = element("p", { class: "search-result-meta" });
      details.forEach((part, position) => line.append(...(position ? [" · ", part] : [part])));
      article.append(line);
    }
    const tokens = page.text.split(" ");
    const hits = tokens.map((token) => (shownWords.length > 0 ? matched(token) : 0));
    article.append(excerpt(tokens, hits));
    const parts = sections(page, address, tokens, hits);
    if (parts) article.append(parts);
    return element("li", {}, [article]);
  }

  async function showNext(number) {
    const batch = pending.splice(0, PAGE_SIZE);
    const records = await Promise.all(
      batch.map((page) => cached(pages, page, `pages/${page}.json`)));
    if (number !== current) return;
    list.append(...records.map(resultItem));
    more.hidden = pending.length === 0;
  }

  // The status line: how many results for `query`, in which filters; if
  // other words were searched for (`used`), which ones and why.
  function describe(count, query, used) {
    const where = [];
    if (category.value) where.push(`chuyên mục ${category.value}`);
    if (year.value) where.push(`năm ${year.value}`);
    const scope = where.length ? ` trong ${where.join(", ")}` : "";
    const asked = query ? ` cho “${query}”` : "";
    if (count === 0) {
      return `Không tìm thấy kết quả nào${asked}${scope}. Hãy thử từ khác, ít từ hơn hoặc bỏ bộ lọc.`;
    }
    if (used) {
      return `Không tìm thấy “${query}”. Hiển thị kết quả cho “${used.join(" ")}”: ` +
        `${count} kết quả${scope}.`;
    }
    return `Tìm thấy ${count} kết quả${asked}${scope}.`;
  }

  function rememberInAddress(query) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    if (category.value) params.set("chuyen-muc", category.value);
    if (year.value) params.set("nam", year.value);
    const search = params.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  }

  const UNAVAILABLE = "Không tải được bộ tìm kiếm. Hãy tải lại trang sau ít phút.";

  // index.json, never from the browser's cache: the site may have been
  // published anew since. Forgets what was fetched of the index before.
  async function loadIndex() {
    const response = await fetch(new URL("index.json", indexUrl), { cache: "no-store" });
    if (!response.ok) throw new Error(`index.json: ${response.status}`);
    index = await response.json();
    listed = [];
    index.newest.forEach((page, place) => { listed[page] = place; });
    averageLength = index.lengths.reduce((sum, length) => sum + length, 0) /
      Math.max(1, index.pages);
    chunks.words.clear();
    chunks.pairs.clear();
    pages.clear();
    vocabulary = null;
  }

  // Runs `work`; if a file of the index cannot be fetched (the site was
  // published anew while this page was open, or the connection dropped),
  // loads the index again and runs it once more, then gives up saying so.
  async function withRetry(number, work) {
    try {
      await work();
    } catch {
      try {
        await loadIndex();
        await work();
      } catch {
        if (number !== current) return;
        list.replaceChildren();
        more.hidden = true;
        statusLine.textContent = UNAVAILABLE;
      }
    }
    if (number === current) list.setAttribute("aria-busy", "false");
  }

  async function search() {
    const number = ++current;
    const query = input.value.trim();
    const typed = words(query);
    rememberInAddress(query);
    if (!query && !category.value && !year.value) {
      list.replaceChildren();
      statusLine.textContent = "";
      more.hidden = true;
      list.setAttribute("aria-busy", "false");
      return;
    }
    list.setAttribute("aria-busy", "true");
    await withRetry(number, async () => {
      const allowed = chosenPages();
      // Without a query, a filter lists its pages newest first; a query of
      // no letters or digits ("?!") finds nothing.
      let found = { pages: [], used: null, shown: [] };
      if (typed.length) found = await ranked(typed, allowed);
      else if (!query) found.pages = [...allowed].sort((a, b) => listed[a] - listed[b]);
      if (number !== current) return;
      list.replaceChildren();
      pending = found.pages;
      shownWords = found.shown;
      statusLine.textContent = describe(found.pages.length, query, found.used);
      await showNext(number);
    });
  }

  function fillSelect(select, values, order) {
    for (const name of Object.keys(values).sort(order)) {
      const count = values[name].length;
      select.append(element("option", { value: name }, [`${name} (${count})`]));
    }
  }

  // A value from the address that the index does not know still filters (to nothing).
  function choose(select, value) {
    if (value && ![...select.options].some((option) => option.value === value)) {
      select.append(element("option", { value }, [value]));
    }
    select.value = value;
  }

  async function start() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    try {
      await loadIndex();
    } catch (error) {
      statusLine.textContent = UNAVAILABLE;
      throw error;
    }
    fillSelect(category, index.filters.category, (a, b) => a.localeCompare(b, "vi"));
    fillSelect(year, index.filters.year, (a, b) => b.localeCompare(a));
    filtersBox.hidden = false;
    choose(category, params.get("chuyen-muc") || "");
    choose(year, params.get("nam") || "");
    let timer;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      search();
    });
    category.addEventListener("change", search);
    year.addEventListener("change", search);
    // Pages that cannot be fetched any more (the site was published anew):
    // the search is done again on the new index.
    more.addEventListener("click", () => showNext(current).catch(search));
    await search();
  }

  start();
})();
