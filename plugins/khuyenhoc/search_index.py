"""The site's search index: Pagefind run over the freshly built site.

It runs when Pelican has written every page, on the build's staging folder
(``OUTPUT_PATH`` during a build), so an index that cannot be made fails the
build like any other error and the published ``output/`` stays as it was.

Readers often type without diacritics. Pagefind folds tone and vowel marks
(NFD, then drops the combining marks: "khuyen" finds "khuyến") but not "đ",
which has no decomposition. So Pagefind is given a copy of every page in
which "đ" is written "d" followed by U+0369 COMBINING LATIN SMALL LETTER D:
Pagefind keeps it as part of the word (Unicode counts it as alphabetic), so
the spelling it records for ranking still tells "đường" from "dương", and
drops it with the other marks for matching, so "duong" finds both. Exact
spellings then rank first by Pagefind's own diacritic ranking, as for any
other mark. The search page writes the query the same way and turns the
mark back into "đ" in every title, excerpt and filter it shows
(``theme/static/js/search.js``), so readers only ever see proper Vietnamese.
"""

import os
import re
import subprocess
import tempfile

from pagefind.service import get_executable

from .errors import OfficerError
from .pagefind_reproducible import make_reproducible

BUNDLE_DIR = "pagefind"
# A result shows the page's title, date, category and author above its
# excerpt (from Pagefind's meta, partials/search_record.html): the heading,
# category line and byline are kept out of the indexed text so that excerpts
# do not repeat them. Pagefind still takes the heading as the page's title,
# which is searched with extra weight; the author is searched in the meta.
NOT_IN_EXCERPTS = "[data-pagefind-body] h1, .kicker, .byline"
D_MARK = "\u0369"
_FOR_INDEX = str.maketrans({"đ": "d" + D_MARK, "Đ": "D" + D_MARK})


# Pagefind runs the text of adjacent cells together ("Đơn vịSố dư",
# "Cấp:tỉnh"), which would make words that nobody types: a space after each
# table cell, list item and definition.
_CELL_END = re.compile(r"</(td|th|li|dt|dd)>", re.IGNORECASE)


def for_index(html):
    """The page as Pagefind is given it: đ written as d plus a foldable mark,
    cells apart."""
    return _CELL_END.sub(r"</\1> ", html.translate(_FOR_INDEX))


def index_site(pelican):
    """Receiver of ``finalized``: index the built site into OUTPUT_PATH/pagefind/."""
    output = pelican.settings["OUTPUT_PATH"]
    write_bundle(output, os.path.join(output, BUNDLE_DIR))


def write_bundle(site, bundle):
    """Index the pages of the folder ``site`` into Pagefind's bundle ``bundle``."""
    with tempfile.TemporaryDirectory(prefix="tim-kiem-") as copy:
        _copy_pages_for_index(site, copy)
        _run_pagefind(copy, bundle)
    make_reproducible(bundle)


def _copy_pages_for_index(output, copy):
    for folder, _subfolders, files in os.walk(output):
        for name in files:
            if not name.endswith(".html"):
                continue
            source = os.path.join(folder, name)
            target = os.path.join(copy, os.path.relpath(source, output))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(source, encoding="utf-8") as page:
                text = page.read()
            with open(target, "w", encoding="utf-8") as page:
                page.write(for_index(text))


def _run_pagefind(site, bundle):
    executable = get_executable()
    if executable is None:
        raise _index_error("không tìm thấy chương trình Pagefind")
    try:
        result = subprocess.run(
            [os.fspath(executable), "--site", site, "--output-path", bundle,
             "--exclude-selectors", NOT_IN_EXCERPTS],
            capture_output=True, text=True,
        )
    except OSError as exc:
        raise _index_error(f"không chạy được Pagefind ở {executable}") from exc
    if result.returncode != 0:
        said = " ".join((result.stdout + result.stderr).split()[-40:])
        raise _index_error(f"Pagefind dừng với mã {result.returncode}", found=said or None)


def _index_error(problem, found=None):
    return OfficerError(
        f"không lập được chỉ mục tìm kiếm: {problem}",
        found=found,
        fix="dựng lại trang (make html hoặc make publish); nếu vẫn lỗi, xóa thư mục .venv "
            "rồi dựng lại để cài lại Pagefind, hoặc gửi nguyên thông báo này cho người "
            "phụ trách kỹ thuật",
    )
