// The browser editor (Decap CMS) set up for our files, then started.
//
// Two file formats replace Decap's own YAML, for three reasons:
// - our files are read back by PyYAML, which follows YAML 1.1: Decap's YAML
//   1.2 would write `ghi chú: no` or `8:30` unquoted, and PyYAML would read
//   a boolean and a number; it would also read `559_500_000` as text;
// - a data file is a YAML list, and Decap only edits objects (decap-cms
//   issue #531): the list is handed to Decap inside one field;
// - the officer's comments and number spellings must survive an edit: the
//   file as read is kept beside the values (SOURCE) and only what changed
//   is written back into it.
import { Document, isMap, isScalar, isSeq, parseDocument } from "./yaml/index.js";
import decapVietnamese from "./decap-vi.js";
import missingPhrases from "./vi-phrases.js";

const SETTINGS = JSON.parse(document.getElementById("khuyenhoc-cms").textContent);
const KINDS = SETTINGS.kinds; // data field name -> "date" | "figure"
const RECORDS = SETTINGS.records;
const SOURCE = "__khuyenhoc_source";

// A number kept as the officer wrote it (559_500_000) while it is unchanged.
const keepNumberSpelling = (tags) =>
  tags.map((tag) => {
    if (typeof tag.default !== "boolean" || !/int|float/.test(tag.tag || "")) return tag;
    return {
      ...tag,
      stringify(node, ...rest) {
        const unchanged = node.type === "PLAIN" && typeof node.source === "string";
        return unchanged ? node.source : tag.stringify(node, ...rest);
      },
    };
  });
const YAML_11 = { version: "1.1", customTags: keepNumberSpelling };
const OUTPUT = { lineWidth: 0, flowCollectionPadding: false };

function parse(text) {
  const doc = parseDocument(text, YAML_11);
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join("\n"));
  return doc;
}

const pad = (n) => String(n).padStart(2, "0");

// A YAML date as the editor's date fields show it.
function dateText(value, withTime) {
  const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  return withTime ? `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : day;
}

const isEmpty = (value) =>
  value === undefined || value === null || value === "" ||
  (Array.isArray(value) && value.length === 0);

// Same value, whatever the order of the keys.
function canonical(value) {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// Write `values` into the YAML map `node`, touching only what changed.
function updateMap(doc, node, values) {
  const current = node.toJSON();
  for (const pair of [...node.items]) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!(key in values)) node.delete(key);
  }
  for (const [key, value] of Object.entries(values)) {
    if (key in current && canonical(current[key]) === canonical(value)) continue;
    node.set(key, doc.createNode(value));
  }
}

// ---- Articles: Markdown with YAML front matter ----

function splitFrontMatter(content) {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0].trim() === "---") {
    const end = lines.indexOf("---", 1);
    if (end > 0) {
      return [lines.slice(1, end).join("\n"), lines.slice(end + 1).join("\n")];
    }
  }
  return ["", lines.join("\n")];
}

function readFrontMatter(content) {
  const [front, body] = splitFrontMatter(content);
  const fields = front.trim() ? parse(front).toJS() || {} : {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Date) fields[key] = dateText(value, true);
  }
  return { ...fields, body: body.replace(/^\n+/, "") };
}

const frontMatter = {
  fromFile(content) {
    return { ...readFrontMatter(content), [SOURCE]: content };
  },

  toFile(data, sortedKeys = []) {
    const { [SOURCE]: original = "", ...edited } = data;
    if (original && canonical(readFrontMatter(original)) === canonical(edited)) return original;
    const { body = "", ...fields } = edited;
    const source = splitFrontMatter(original)[0];
    const doc = source.trim() ? parse(source) : new Document({}, YAML_11);
    if (!isMap(doc.contents)) doc.contents = doc.createNode({});
    // An empty field read from the file (`modified:`) stays as it was.
    const current = doc.contents.toJSON();
    const values = {};
    for (const key of [...sortedKeys, ...Object.keys(fields)]) {
      if (!(key in fields)) continue;
      const empty = fields[key] === undefined || fields[key] === null;
      if (!empty) values[key] = fields[key];
      else if (key in current) values[key] = current[key];
    }
    updateMap(doc, doc.contents, values);
    const text = body.endsWith("\n") ? body : `${body}\n`;
    return `---\n${doc.toString(OUTPUT)}---\n\n${text}`;
  },
};

// ---- Data files: a YAML list of records ----

function recordForEditor(record) {
  const shown = { ...record };
  for (const [key, value] of Object.entries(shown)) {
    if (KINDS[key] === "date" && value instanceof Date) shown[key] = dateText(value, false);
    if (KINDS[key] === "figure" && typeof value === "number") shown[key] = String(value);
  }
  return shown;
}

function recordForFile(record) {
  const written = {};
  for (const [key, value] of Object.entries(record)) {
    if (isEmpty(value)) continue;
    const text = typeof value === "string" ? value.trim() : null;
    if (KINDS[key] === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) {
      written[key] = new Date(`${text}T00:00:00Z`);
    } else if (KINDS[key] === "figure" && /^(0|[1-9]\d*(_\d{3})*)$/.test(text)) {
      written[key] = Number(text.replace(/_/g, ""));
    } else {
      written[key] = value;
    }
  }
  return written;
}

// Which old record each new one continues: unchanged records by a longest
// common subsequence, then changed ones by their place between them. A
// record keeps its YAML node, so the comments above it stay with it.
function matchRecords(oldKeys, newKeys) {
  const n = oldKeys.length;
  const m = newKeys.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = oldKeys[i] === newKeys[j]
        ? lcs[i + 1][j + 1] + 1
        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const match = new Array(m).fill(-1);
  let i = 0;
  let j = 0;
  let gapOld = [];
  let gapNew = [];
  const closeGap = () => {
    gapNew.forEach((newIndex, k) => {
      if (k < gapOld.length) match[newIndex] = gapOld[k];
    });
    gapOld = [];
    gapNew = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && oldKeys[i] === newKeys[j]) {
      closeGap();
      match[j] = i;
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      gapNew.push(j++);
    } else {
      gapOld.push(i++);
    }
  }
  closeGap();
  return match;
}

const dataList = {
  fromFile(content) {
    const records = parse(content).toJS() || [];
    if (!Array.isArray(records)) {
      throw new Error("Tệp số liệu phải là một danh sách, mỗi dòng bắt đầu bằng dấu -");
    }
    return { [RECORDS]: records.map(recordForEditor), [SOURCE]: content };
  },

  toFile(data) {
    const original = data[SOURCE] || "";
    const records = (data[RECORDS] || []).map(recordForFile);
    const doc = parse(original);
    if (canonical(doc.toJS() || []) === canonical(records)) return original;
    const oldNodes = isSeq(doc.contents) ? doc.contents.items : [];
    const match = matchRecords(
      oldNodes.map((node) => canonical(node.toJSON())),
      records.map(canonical),
    );
    const spaced = oldNodes.some((node) => node.spaceBefore);
    const items = records.map((record, index) => {
      if (match[index] >= 0 && isMap(oldNodes[match[index]])) {
        const node = oldNodes[match[index]];
        updateMap(doc, node, record);
        return node;
      }
      const node = doc.createNode(record);
      node.spaceBefore = spaced && index > 0;
      return node;
    });
    if (isSeq(doc.contents)) {
      doc.contents.items = items;
    } else {
      doc.contents = doc.createNode([]);
      doc.contents.items = items;
    }
    return doc.toString(OUTPUT);
  },
};

// ---- Dates shown and typed as the officer writes them: 23/03/2020 ----

// Decap's own date widget is the browser's <input type="date">, which shows
// the browser's order (03/23/2020 in an English browser: 12/03 read as
// 12 March). Ours shows and takes dd/mm/yyyy [hh:mm], whatever the browser,
// and stores what the files hold: "2020-03-23 08:30" or "2020-03-23". The
// calendar button picks a day on a calendar, which no order can confuse.
const DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/;
const STORED = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/;

function shownDay(value, withTime) {
  const match = STORED.exec(String(value || ""));
  if (!match) return value ? String(value) : "";
  const [, y, m, d, hh, mm] = match;
  return `${d}/${m}/${y}` + (withTime && hh ? ` ${hh}:${mm}` : "");
}

function storedDay(text, withTime) {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const [, d, m, y, hh = "00", mm = "00"] = match;
  const date = new Date(Date.UTC(+y, +m - 1, +d, +hh, +mm));
  if (date.getUTCDate() !== +d || date.getUTCMonth() !== +m - 1 || +hh > 23) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  return withTime ? `${day} ${pad(hh)}:${mm}` : day;
}

function nowStored(withTime) {
  const now = new Date();
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return withTime ? `${day} ${pad(now.getHours())}:${pad(now.getMinutes())}` : day;
}

const DateControl = window.createClass({
  withTime() {
    return this.props.field.get("time") !== false;
  },
  getInitialState() {
    return { text: shownDay(this.props.value, this.withTime()) };
  },
  componentDidMount() {
    if (!this.props.value && this.props.field.get("now")) {
      const value = nowStored(this.withTime());
      this.setState({ text: shownDay(value, this.withTime()) });
      this.props.onChange(value);
    }
  },
  isValid() {
    const text = this.state.text.trim();
    if (!text || storedDay(text, this.withTime())) return true;
    const example = this.withTime() ? "23/03/2020 08:30" : "23/03/2020";
    return { error: { message: `Viết ngày theo dạng ngày/tháng/năm, ví dụ ${example}` } };
  },
  typed(event) {
    const text = event.target.value;
    this.setState({ text });
    const value = storedDay(text, this.withTime());
    if (value || !text.trim()) this.props.onChange(value || "");
  },
  picked(event) {
    const day = event.target.value; // yyyy-mm-dd, from the calendar
    if (!day) return;
    const time = (STORED.exec(this.props.value || "") || [])[4];
    const value = this.withTime()
      ? `${day} ${time ? this.props.value.slice(11, 16) : "08:00"}` : day;
    this.setState({ text: shownDay(value, this.withTime()) });
    this.props.onChange(value);
  },
  render() {
    const h = window.h;
    const withTime = this.withTime();
    return h("div", { className: this.props.classNameWrapper },
      h("input", {
        id: this.props.forID, type: "text", inputMode: "numeric", value: this.state.text,
        placeholder: withTime ? "ngày/tháng/năm giờ:phút, ví dụ 23/03/2020 08:30"
          : "ngày/tháng/năm, ví dụ 23/03/2020",
        onChange: this.typed, onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle, style: { width: "70%", border: 0 },
      }),
      h("label", { style: { marginLeft: "1em" } }, "Chọn trên lịch: ",
        h("input", {
          type: "date", "data-khuyenhoc-calendar": "",
          value: (STORED.exec(this.props.value || "") || [""])[0].slice(0, 10),
          onChange: this.picked,
        })));
  },
});

const DatePreview = window.createClass({
  render() {
    return window.h("span", {}, shownDay(this.props.value, true));
  },
});

CMS.registerWidget("ngay", DateControl, DatePreview);

// ---- The article's preview, with its figures filled in ----

// The preview shows [[funds/khoi-cq/2018/closing]] as the figure the site
// will show, read from the site's own downloads (/du-lieu/{dataset}.json,
// written by every build): "425.000.000 đồng", "hơn 8.000". The build stays
// the judge (docs/figures.md): a table, a chart or a worked-out figure
// (tăng:, tỷ lệ:...) is named in the preview, drawn by the build; a
// reference the data does not hold is marked for the officer to fix.
const REFERENCE = /\[\[([^\[\]\n]+)\]\]/g;
const FILTER = /([^\s=]+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g;
const datasets = {};

function dataset(name) {
  if (!(name in datasets)) {
    datasets[name] = fetch(`../du-lieu/${encodeURIComponent(name)}.json`)
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
  }
  return datasets[name];
}

const fold = (text) => String(text).normalize("NFC").replace(/[“”]/g, '"').trim().toLowerCase();
const NUMBER = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

function figureText(text, loaded) {
  const body = text.replace(/[“”]/g, '"').trim();
  const head = body.split(":")[0];
  if (body.includes(":") && !head.includes("/")) {
    return `〔${head.trim()}: hiện khi dựng trang〕`;
  }
  const [path, ...rest] = body.split(/\s+/);
  const [name, unit, year, field] = path.split("/");
  if (!(name in loaded) && /^[a-z_]+$/.test(name)) return "〔đang tải số liệu…〕";
  const data = loaded[name];
  if (!data || !field) return `〔chưa tìm thấy số liệu: [[${text}]]〕`;
  const filters = [...rest.join(" ").matchAll(FILTER)]
    .map((m) => [m[1], m[2] ?? m[3] ?? m[4]]).filter(([key]) => key !== "tròn");
  const records = data.records.filter((record) => record.unit === unit &&
    String(record.year) === year &&
    filters.every(([key, value]) => [].concat(record[key]).some((v) => fold(v) === fold(value))));
  const spec = data.fields.find((f) => f.name === field);
  if (records.length !== 1 || !spec || records[0][field] == null) {
    return `〔chưa tìm thấy số liệu: [[${text}]]〕`;
  }
  const record = records[0];
  const value = typeof record[field] === "number" ? NUMBER.format(record[field]) : record[field];
  const qualifier = record[`${field}_qualifier`];
  return (qualifier ? `${qualifier} ` : "") + value +
    (spec.kind === "money" ? "\u00a0đồng" : spec.kind === "percent" ? "%" : "");
}

const ArticlePreview = window.createClass({
  getInitialState() {
    return { loaded: {} };
  },
  names(body) {
    return [...new Set([...body.matchAll(REFERENCE)].map((m) => m[1].trim().split("/")[0])
      .filter((name) => /^[a-z_]+$/.test(name)))];
  },
  load(body) {
    this.asked = this.asked || new Set();
    for (const name of this.names(body)) {
      if (this.asked.has(name)) continue;
      this.asked.add(name);
      dataset(name).then((data) => {
        this.setState((state) => ({ loaded: { ...state.loaded, [name]: data } }));
      });
    }
  },
  render() {
    const h = window.h;
    const entry = this.props.entry;
    const body = entry.getIn(["data", "body"]) || "";
    this.load(body + (entry.getIn(["data", "title"]) || ""));
    const filled = body.replace(REFERENCE, (_, text) => figureText(text, this.state.loaded));
    const markdown = CMS.getWidget("markdown").preview;
    return h("article", { className: "article prose" },
      h("h1", {}, (entry.getIn(["data", "title"]) || "")
        .replace(REFERENCE, (_, text) => figureText(text, this.state.loaded))),
      h(markdown, { value: filled, getAsset: this.props.getAsset, resolveWidget: CMS.getWidget,
        field: this.props.fields.find((f) => f.get("name") === "body") }));
  },
});

CMS.registerPreviewTemplate("bai_viet", ArticlePreview);

// ---- The editor in Vietnamese throughout ----

// Decap's Vietnamese with the phrases it lacks (vi-phrases.js) added.
function merged(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = value && typeof value === "object" ? merged(base[key] || {}, value) : value;
  }
  return result;
}
CMS.registerLocale("vi", merged(decapVietnamese, missingPhrases));

CMS.registerCustomFormat(SETTINGS.frontMatterFormat, "md", frontMatter);
CMS.registerCustomFormat(SETTINGS.dataFormat, "yaml", dataList);
CMS.registerPreviewStyle(SETTINGS.stylesheet);
CMS.init();
