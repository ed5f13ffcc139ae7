"""One folding: the index's words (search_text.py, in Python) and the search
page's (search.js, in the browser) are the same words, folded the same way.

search.js run by Node hands its word functions over (it has no `document`
there); the same inputs go through both, and the outputs must be equal. The
script tried is the one the reader gets: the built site's, minified.
"""

import json
import subprocess
import unicodedata
from pathlib import Path

from khuyenhoc.search import index as search_index
from khuyenhoc.search import text as search_text
from tooling import require

NODE = "node"

# Every letter of Vietnamese: the vowels with each of the five tone marks
# and none, the consonants, đ.
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng
CONSONANTS = "bcdđghklmnpqrstvx"
LOWER = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES]
LOWER += list(CONSONANTS) + ["f", "j", "w", "z"]
EVERY_LETTER = LOWER + [letter.upper() for letter in LOWER]

SENTENCES = [
    "Đoàn Thanh niên Sở Tài chính ra mắt tủ sách “Đọc để vươn xa”",
    "ĐƯỜNG, dương, dưỡng, đương; QUỸ KHUYẾN HỌC",
    "Số dư: 186.500.000 đồng (tăng 12,5%) — năm 2019/2020!",
    "0123456789 ½ ² ٣ Ⅻ",
    "a_b a-b a.b a'b a’b a…b «quỹ» [học] {bổng} <tag> & | \\ / @ # $ % ^ * + = ~ `",
    "tab\there\nnew line\u00a0nbsp\u2009thin\u3000ideographic",
    "Nguyễn Thị Ánh Tuyết; Lê Văn Tuấn; Phạm Thị Hương Giang",
    "ﬁ ß İstanbul ΣΊΣΥΦΟΣ Ǆemal",  # letters whose lower case is not one letter
    "x\u0301\u0323 a\u0306\u0301 e\u0302\u0303 o\u031b\u0309",  # marks without one NFC letter
    "",
]


def run_node(script, inputs):
    """[[words, folded words] of each input] as search.js gives them."""
    require(NODE)
    program = f"""
const {{ words, fold }} = require({json.dumps(str(script))});
const inputs = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(inputs.map((text) => {{
  const said = words(text);
  return [said, said.map(fold)];
}})));
"""
    done = subprocess.run([NODE, "-e", program], input=json.dumps(inputs), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def run_python(inputs):
    return [[said, [search_text.fold(word) for word in said]]
            for said in map(search_text.words, inputs)]


def sample_words(site):
    """Every spelling of every word the sample site's index holds, and the
    titles and texts of its pages, as the index keeps them."""
    folder = site.output / search_index.INDEX_DIR
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    version = folder / index["version"]
    found = []
    for chunk in sorted((version / "words").glob("*.json")):
        for spellings in json.loads(chunk.read_text(encoding="utf-8")).values():
            found += spellings
    for number in range(index["pages"]):
        page = json.loads((version / "pages" / f"{number}.json").read_text(encoding="utf-8"))
        found += [page["title"], page["author"], page["text"]]
    return found


def inputs_for(site):
    texts = EVERY_LETTER + ["đ", "Đ", "đĐ", " ".join(EVERY_LETTER)] + SENTENCES
    texts += sample_words(site)
    # The same, decomposed (as some keyboards type them).
    return texts + [unicodedata.normalize("NFD", text) for text in texts]


def test_python_and_javascript_split_and_fold_the_same(sample_site):
    inputs = inputs_for(sample_site)
    assert len(inputs) > 2000
    script = sample_site.output / "theme" / "js" / "search.js"
    javascript, python = run_node(script, inputs), run_python(inputs)
    differ = [(text, js, py) for text, js, py in zip(inputs, javascript, python) if js != py]
    assert differ == [], differ[:5]
    # And the folding is what it should be, not merely the same on both sides.
    assert python[inputs.index("Đ")] == [["đ"], ["d"]]
    every_vowel = python[inputs.index(" ".join(EVERY_LETTER))][1]
    assert set(every_vowel) == set(VOWELS.replace("ă", "a").replace("â", "a").replace(
        "ê", "e").replace("ô", "o").replace("ơ", "o").replace("ư", "u")) | set(
        CONSONANTS.replace("đ", "d")) | set("fjwz")


def test_the_source_script_is_the_built_one(sample_site):
    # The minifier changes the bytes, not what the functions give.
    inputs = SENTENCES + [unicodedata.normalize("NFD", text) for text in SENTENCES]
    built = run_node(sample_site.output / "theme" / "js" / "search.js", inputs)
    source = run_node(sample_site.root / "theme" / "static" / "js" / "search.js", inputs)
    assert built == source == run_python(inputs)


def test_edit_distance_counts_a_swap_of_two_letters_as_one():
    require(NODE)
    program = """
const { distance } = require(process.argv[1]);
const pairs = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(pairs.map(([a, b, limit]) => distance(a, b, limit))));
"""
    pairs = [["hcoc", "hoc", 2], ["khuyne", "khuyen", 2], ["thca", "thac", 2],
             ["khuyen", "khuyen", 2], ["hoc", "ho", 2], ["hoc", "hocc", 2], ["hoc", "hac", 2],
             ["kangaroo", "khuyen", 2], ["abc", "cba", 3], ["", "ab", 2]]
    script = Path(__file__).resolve().parents[1] / "theme" / "static" / "js" / "search.js"
    done = subprocess.run([NODE, "-e", program, str(script), json.dumps(pairs)],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [1, 1, 1, 0, 1, 1, 1, 3, 2, 2]
