"""Check the data files, every article's front matter and its references to
the data, without building.

    python -m khuyenhoc.commands.check [pelicanconf.py]      # make check

For the officer to run before publishing: it takes a second or two, prints
the same messages as the build, and exits with 1 when anything needs fixing.
The front matter goes through the reader's own functions, so the check and
the build can never disagree.
"""

import argparse
import fnmatch
import os
import sys

from pelican.settings import read_settings

from khuyenhoc.data import association, datasets
from khuyenhoc.errors import OfficerError, in_file_order, internal_error, print_report, problems
from khuyenhoc.figures import fill_in
from khuyenhoc.reading import front_matter


def check(settings_path):
    """(every error found, number of articles and pages checked)."""
    settings = read_settings(settings_path)
    data, errors = datasets.read(datasets.data_dir(settings))
    errors += association.problems_of(settings) + association.unit_errors(settings, data)
    problems.clear()
    sources = list(content_files(settings))
    for path in sources:
        _check_front_matter(path, settings, data)
    errors = in_file_order(errors + list(problems))
    problems.clear()
    return errors, len(sources)


def content_files(settings):
    """The Markdown files Pelican would read as articles or pages."""
    extensions = tuple("." + e for e in front_matter.FrontMatterMarkdownReader.file_extensions)
    seen = set()
    for folder in settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"]:
        root = os.path.join(settings["PATH"], folder)
        for directory, subfolders, names in os.walk(root):
            subfolders.sort()
            for name in sorted(names):
                path = os.path.join(directory, name)
                ignored = any(fnmatch.fnmatch(name, pattern) for pattern in settings["IGNORE_FILES"])
                if name.endswith(extensions) and not ignored and path not in seen:
                    seen.add(path)
                    yield path


def _check_front_matter(path, settings, data):
    """Adds the file's problems to ``problems``, as the reader does; then
    those of its references to the data (docs/figures.md)."""
    try:
        text = front_matter.read_text(path)
        front, body, body_line = front_matter.split_front_matter(text, path)
        located, errors = front_matter.load_front_matter(front, path)
    except OfficerError:
        return  # already in problems
    page = front_matter.is_page(path, settings)
    problems.extend(errors)
    problems.extend(front_matter.check_fields(located, path, page, settings))
    problems.extend(front_matter.check_placeholder(located.value, body, body_line, path))
    if errors:
        return  # the references of a file YAML could not read wait for its fix
    problems.extend(fill_in.check_file(path, settings, data, front, body, body_line,
                                               located.value))


def report(errors, checked, out):
    if not errors:
        print(f"Kiểm tra xong: dữ liệu và {checked} bài viết, trang không có lỗi.", file=out)
        return
    print_report(f"KIỂM TRA: {len(errors)} lỗi cần sửa trước khi đăng.", errors, out)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Kiểm tra dữ liệu và phần thông tin đầu bài, không dựng trang.")
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    args = parser.parse_args(argv)
    try:
        errors, checked = check(args.settings)
    except Exception as exc:  # a bug of ours: still no traceback for the officer
        errors, checked = [internal_error(exc)], 0
    report(errors, checked, sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
