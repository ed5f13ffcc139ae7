// The search page (/tim-kiem/): the site's own search index (written by
// plugins/khuyenhoc/search_index.py, read here) behind a form that is also a
// plain GET form (?q=…&chuyen-muc=…&nam=…), so a search can be linked and the
// header's box works without this script.
//
// A query's words are matched like the index's: lower-cased, without tone and
// vowel marks, "đ" as "d", so "duong" finds "đường" and "dương"; each word is
// also the start of longer ones ("quy" finds "quyết"). A page must have every
// word. Pages are ranked by, in turn: how many of the query's neighbouring
// words they have side by side, in order (Vietnamese words are often two or
// three syllables: "sở y tế", "khuyến học"); how many of the query's words
// they have whole, not only as the start of a longer one; how many of the
// words the reader typed with marks they spell the same way ("dương" before
// "đường"); then each word's BM25 weight on the page times its rarity.
//
// A classic deferred script (the theme allows no inline or module scripts);
// its names stay inside this function.

(() => {
  const PAGE_SIZE = 10;
  const DELAY_MS = 200;
  const EXCERPT_WORDS = 30;
  // Words this short are matched whole only: as a start they match too much.
  const SHORTEST_START = 2;
  const START_ONLY = 0.5; // a word matched as the start of a longer one counts half
  // BM25's usual constants: how fast repeats stop counting, how much a long
  // page's words are discounted.
  const K1 = 1.2;
  const B = 0.75;
  // A word of a page's title adds this to the page's weight for it: more than
  // the most that repeats in the text give ((K1 + 1) × 10 = 22), so that the
  // page about a thing comes first.
  const TITLE_BONUS = 25;

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
  let current = 0; // number of the latest search: older answers are dropped
  let pending = [];
  let shownWords = [];

  const WORD = /[\p{L}\p{N}]+/gu;
  const words = (text) => text.normalize("NFC").toLowerCase().match(WORD) || [];
  // As plugins/khuyenhoc/search_text.py folds them.
  const fold = (word) =>
    word.replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");

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

  // {page: {whole, same, score}} of one query word.
  async function matches(typed) {
    const folded = fold(typed);
    const asStart = folded.length >= SHORTEST_START;
    const marked = folded !== typed; // typed with marks: the spelling counts
    const byPage = new Map();
    for (const [word, spellings] of await entries("words", folded, asStart)) {
      const whole = word === folded;
      const decoded = Object.entries(spellings).map(([spelling, data]) => {
        const [differences, counts, titles] = data;
        const inTitle = new Set(titles);
        const pagesOfIt = undelta(differences);
        return [spelling, pagesOfIt.map((page, i) => [page, weight(page, counts[i], inTitle)])];
      });
      const pagesWithIt = new Set(
        decoded.flatMap(([, postings]) => postings.map(([page]) => page))).size;
      const rarity = Math.log(1 + (index.pages - pagesWithIt + 0.5) / (pagesWithIt + 0.5));
      for (const [spelling, postings] of decoded) {
        const same = marked && spelling === typed;
        for (const [page, termWeight] of postings) {
          const score = rarity * termWeight * (whole ? 1 : START_ONLY);
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
  // (`second` possibly the start of a longer word, if `asStart`).
  async function together(first, second, asStart) {
    const pages = new Set();
    for (const [, differences] of await entries("pairs", `${first} ${second}`, asStart)) {
      undelta(differences).forEach((page) => pages.add(page));
    }
    return pages;
  }

  async function ranked(typedWords, allowed) {
    const folded = typedWords.map(fold);
    const [perWord, perPair] = await Promise.all([
      Promise.all(typedWords.map(matches)),
      Promise.all(folded.slice(1).map((second, position) => together(
        folded[position], second,
        position === folded.length - 2 && second.length >= SHORTEST_START))),
    ]);
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
    return results.map((result) => result.page);
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

  function isMatch(token) {
    return words(token).some((word) => {
      const folded = fold(word);
      return shownWords.some((typed) =>
        isOrStarts(folded, typed, typed.length >= SHORTEST_START));
    });
  }

  // The EXCERPT_WORDS words of the text around most of the query's words,
  // those in <mark>; the text's start if it has none of them.
  function excerpt(text) {
    const tokens = text.split(" ");
    const hits = tokens.map((token) => shownWords.length > 0 && isMatch(token));
    let start = 0;
    let best = 0;
    hits.forEach((hit, position) => {
      if (!hit) return;
      const from = Math.max(0, position - 5);
      const count = hits.slice(from, from + EXCERPT_WORDS).filter(Boolean).length;
      if (count > best) [start, best] = [from, count];
    });
    const paragraph = element("p", { class: "search-result-excerpt" });
    if (start > 0) paragraph.append("… ");
    tokens.slice(start, start + EXCERPT_WORDS).forEach((token, offset) => {
      if (offset > 0) paragraph.append(" ");
      paragraph.append(hits[start + offset] ? element("mark", {}, [token]) : token);
    });
    if (start + EXCERPT_WORDS < tokens.length) paragraph.append(" …");
    return paragraph;
  }

  function resultItem(page) {
    const heading = element("h2", {}, [
      element("a", { href: new URL(page.url, siteRoot).href }, [page.title || page.url]),
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
    article.append(excerpt(page.text));
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

  function describe(count, query) {
    const where = [];
    if (category.value) where.push(`chuyên mục ${category.value}`);
    if (year.value) where.push(`năm ${year.value}`);
    const scope = where.length ? ` trong ${where.join(", ")}` : "";
    const asked = query ? ` cho “${query}”` : "";
    if (count === 0) {
      return `Không tìm thấy kết quả nào${asked}${scope}. Hãy thử từ khác, ít từ hơn hoặc bỏ bộ lọc.`;
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
      let results = [];
      if (typed.length) results = await ranked(typed, allowed);
      else if (!query) results = [...allowed].sort((a, b) => listed[a] - listed[b]);
      if (number !== current) return;
      list.replaceChildren();
      pending = results;
      shownWords = typed.map(fold);
      statusLine.textContent = describe(results.length, query);
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
