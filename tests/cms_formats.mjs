// Runs the browser editor's file formats (admin/khuyenhoc-cms.js, as built
// into output/admin/) in Node, calling them the way Decap CMS does:
// fromFile(text) -> the values the editor shows, toFile(values) -> text.
//
//   node cms_formats.mjs ADMIN_FOLDER < cases.json > results.json
//
// Each case: {format: "data"|"front-matter", text, change}, where change is
// applied to the values between the two calls:
//   data:          {set: {"INDEX": {field: value}}, remove: [INDEX], append: [record]}
//   front matter:  {set: {field: value}, unset: [field]}
// Each result: {values, text} (values as the editor saw them).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const admin = process.argv[2];
const page = fs.readFileSync(path.join(admin, "index.html"), "utf8");
const settings = /<script type="application\/json" id="khuyenhoc-cms">(.*?)<\/script>/s.exec(page)[1];

// Decap's globals for widgets (khuyenhoc-cms.js registers a date widget).
globalThis.window = { createClass: (spec) => spec, h: () => null };
globalThis.document = { getElementById: () => ({ textContent: settings }) };
const formats = {};
globalThis.CMS = {
  registerCustomFormat: (name, extension, formatter) => { formats[name] = formatter; },
  registerPreviewStyle: () => {},
  registerLocale: () => {},
  registerWidget: () => {},
  registerPreviewTemplate: () => {},
  init: () => {},
};
await import(pathToFileURL(path.join(admin, "khuyenhoc-cms.js")).href);

const names = JSON.parse(settings);
const FORMAT = { data: names.dataFormat, "front-matter": names.frontMatterFormat };
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const results = cases.map(({ format, text, change = {}, sortedKeys = [] }) => {
  const formatter = formats[FORMAT[format]];
  const values = formatter.fromFile(text);
  const shown = JSON.parse(JSON.stringify(values));
  if (format === "data") {
    const records = values[names.records];
    for (const [index, fields] of Object.entries(change.set || {})) {
      Object.assign(records[Number(index)], fields);
    }
    for (const index of [...(change.remove || [])].sort((a, b) => b - a)) records.splice(index, 1);
    records.push(...(change.append || []));
  } else {
    Object.assign(values, change.set || {});
    for (const key of change.unset || []) delete values[key];
  }
  return { values: shown, text: formatter.toFile(values, sortedKeys) };
});
process.stdout.write(JSON.stringify(results));
