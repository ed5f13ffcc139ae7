// The search page (/tim-kiem/): Pagefind's JS API behind a form that is also a
// plain GET form (?q=…&chuyen-muc=…&nam=…), so a search can be linked and the
// header's box works without this script.
//
// Pagefind was given "đ" as "d" + U+0369, a mark it folds like a tone mark
// (see plugins/khuyenhoc/search_index.py): the query is written the same way,
// and every text Pagefind hands back is turned back into proper Vietnamese.
//
// A classic deferred script (the theme allows no inline or module scripts);
// its names stay inside this function.

(() => {
  const D_MARK = "\u0369";
  const PAGE_SIZE = 10;
  const DELAY_MS = 200;
  // Pagefind multiplies a word's score by 1 + this when the reader's spelling,
  // diacritics included, is the page's (default 0.8): strong enough that
  // "dương" lists pages with "dương" before those with only "đường".
  const EXACT_SPELLING_BONUS = 3;

  const forIndex = (text) =>
    text.normalize("NFC").replace(/đ/g, `d${D_MARK}`).replace(/Đ/g, `D${D_MARK}`);
  const readable = (text) => text.replace(/d\u0369/g, "đ").replace(/D\u0369/g, "Đ");

  const form = document.querySelector(".search-form");
  const input = form.elements.q;
  const category = form.elements["chuyen-muc"];
  const year = form.elements.nam;
  const filtersBox = form.querySelector(".search-filters");
  const statusLine = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const more = document.querySelector(".search-more");

  let pagefind = null;
  let current = 0; // number of the latest search: older answers are dropped
  let pending = [];

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

  function resultItem(data) {
    const meta = data.meta || {};
    const heading = element("h2", {}, [
      element("a", { href: data.url }, [readable(meta.title || data.url)]),
    ]);
    const details = [];
    if (meta.date) details.push(element("time", { datetime: meta.date }, [shortDate(meta.date)]));
    if (meta.category) details.push(element("span", {}, [readable(meta.category)]));
    const line = element("p", { class: "search-result-meta" });
    details.forEach((part, index) => line.append(...(index ? [" · ", part] : [part])));
    const excerpt = element("p", { class: "search-result-excerpt" });
    // Pagefind escapes the page text and adds only <mark> around the matches.
    excerpt.innerHTML = readable(data.excerpt);
    const item = element("li", {}, [element("article", { class: "search-result" }, [heading])]);
    if (details.length) item.firstChild.append(line);
    item.firstChild.append(excerpt);
    return item;
  }

  async function showNext(number) {
    const batch = pending.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (number !== current) return;
    list.append(...data.map(resultItem));
    more.hidden = pending.length === 0;
  }

  function chosenFilters() {
    const filters = {};
    if (category.value) filters.category = forIndex(category.value);
    if (year.value) filters.year = year.value;
    return filters;
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

  // Pagefind matches every word of a query as the start of a word too, which
  // suits the word being typed but not Vietnamese syllables, where "quy"
  // (quỹ) must not rank "quyết" first. Pages that have the query's words
  // whole and in order (Pagefind's quoted search, diacritics still folded)
  // come first; each group keeps Pagefind's ranking.
  async function wholeWordsFirst(term, filters) {
    const [found, together] = await Promise.all([
      pagefind.search(term, { filters }),
      pagefind.search(`"${term}"`, { filters }),
    ]);
    const first = new Set(together.results.map((result) => result.id));
    return [
      ...found.results.filter((result) => first.has(result.id)),
      ...found.results.filter((result) => !first.has(result.id)),
    ];
  }

  // Without words, a filter lists its pages, newest first; pages without a
  // date (statistics) come after, as Pagefind leaves them out of a sort.
  async function newestFirst(filters) {
    const [dated, all] = await Promise.all([
      pagefind.search(null, { filters, sort: { date: "desc" } }),
      pagefind.search(null, { filters }),
    ]);
    const listed = new Set(dated.results.map((result) => result.id));
    return [...dated.results, ...all.results.filter((result) => !listed.has(result.id))];
  }

  async function search() {
    const number = ++current;
    const query = input.value.trim();
    const filters = chosenFilters();
    rememberInAddress(query);
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      statusLine.textContent = "";
      more.hidden = true;
      list.setAttribute("aria-busy", "false");
      return;
    }
    list.setAttribute("aria-busy", "true");
    const results = query
      ? await wholeWordsFirst(forIndex(query), filters)
      : await newestFirst(filters);
    if (number !== current) return;
    list.replaceChildren();
    pending = results;
    statusLine.textContent = describe(results.length, query);
    await showNext(number);
    if (number === current) list.setAttribute("aria-busy", "false");
  }

  function fillSelect(select, counts, order) {
    for (const name of Object.keys(counts).sort(order)) {
      const label = readable(name);
      select.append(element("option", { value: label }, [`${label} (${counts[name]})`]));
    }
  }

  // A value from the address that the index does not know still filters (to nothing).
  function choose(select, value) {
    if (value && ![...select.options].some((option) => option.value === value)) {
      select.append(element("option", { value }, [value]));
    }
    select.value = value;
  }

  async function showFilters() {
    const available = await pagefind.filters();
    fillSelect(category, available.category || {}, (a, b) =>
      readable(a).localeCompare(readable(b), "vi"));
    fillSelect(year, available.year || {}, (a, b) => b.localeCompare(a));
    filtersBox.hidden = false;
  }

  async function start() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    try {
      const bundle = new URL(form.dataset.bundle, document.baseURI);
      pagefind = await import(new URL("pagefind.js", bundle).href);
      await pagefind.options({
        excerptLength: 30,
        ranking: { diacriticSimilarity: EXACT_SPELLING_BONUS },
      });
      await pagefind.init();
    } catch (error) {
      statusLine.textContent = "Không tải được bộ tìm kiếm. Hãy tải lại trang sau ít phút.";
      throw error;
    }
    await showFilters();
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
    more.addEventListener("click", () => showNext(current));
    await search();
  }

  start();
})();
