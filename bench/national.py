"""The national case (issue 21): 34 provinces and 3,321 communes, ten years
of ten indicators (335,500 records), read and checked from CSV, from XLSX
and from YAML, beside Python's csv module reading the same rows (the floor);
and the whole site built from the CSV, every unit's statistics page with it.

    python -m bench.national                    # 10 years: every format, and the site
    python -m bench.national --years 5 --formats csv,floor
    python -m bench.national --years 5,10 --formats site
    BENCH_QUICK=1 make bench                    # runs it with 2 years, no site

The ten indicators per unit and year are today's datasets: the fund
ledger, branches and members, five learning models, two kinds of support
and an award. Each dataset is written one file per province
(``data/<dataset>/tinh-01.csv``), as the provinces' associations would
send them, and ``units`` as one file. Seeded: the same files every time.
Each reading runs in a process of its own (``python -m bench.national
--read DIR``: ``datasets.read``, as the build and ``make check`` do), timed
with its peak memory (proportional set size) by ``measure.timed``.

"site" is ``python -m khuyenhoc.build pelicanconf.py`` (``make html``), from
scratch (no output, no cache), of a site made of the CSV data, the project's
settings, theme and plugins, and five articles that cite the data: every
page of it, the statistics pages of all 3,356 units (and the central
association) included, each checked to be there. It measures the build's
process and its workers together.
"""

import argparse
import csv
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "bench"

from bench import measure  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
PROVINCES = 34
COMMUNES = 3321
FIRST_YEAR = 2016
MODELS = ("Gia đình học tập", "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập",
          "Công dân học tập")
SUPPORT = (("Học bổng", "suất"), ("Phần thưởng học sinh giỏi", "suất"))
FORMATS = ("floor", "csv", "xlsx", "yaml", "site")

HEADERS = {
    "units": ["Mã đơn vị", "Tên đơn vị", "Tên ngắn", "Cấp", "Đơn vị cấp trên (mã)"],
    "funds": ["Đơn vị (mã)", "Năm", "Số dư đầu năm (đồng)", "Huy động trong năm (đồng)",
              "Chi trong năm (đồng)", "Số dư cuối năm (đồng)"],
    "organisation": ["Đơn vị (mã)", "Năm", "Tổ chức cơ sở Hội", "Hội viên"],
    "learning_models": ["Đơn vị (mã)", "Năm", "Mô hình", "Tổng số", "Đăng ký",
                        "Đạt danh hiệu"],
    "support": ["Đơn vị (mã)", "Năm", "Hình thức hỗ trợ", "Số lượng", "Đơn vị tính",
                "Trị giá (đồng)"],
    "awards": ["Đơn vị được khen (mã)", "Năm", "Cấp khen (mã)", "Hình thức khen",
               "Đối tượng", "Số lượng"],
}
FIELDS = {
    "units": ["id", "name", "short_name", "level", "parent"],
    "funds": ["unit", "year", "opening", "raised", "disbursed", "closing"],
    "organisation": ["unit", "year", "branches", "members"],
    "learning_models": ["unit", "year", "model", "total", "registered", "achieved"],
    "support": ["unit", "year", "item", "quantity", "measure", "value"],
    "awards": ["unit", "year", "issuer", "kind", "recipient", "count"],
}


def units(provinces=PROVINCES, communes=COMMUNES):
    """(id, name, short name, level, parent) of the country's units."""
    rows = [("hoi-khvn", "Trung ương Hội Khuyến học Việt Nam", "Trung ương Hội",
             "trung ương", None)]
    per_province, extra = divmod(communes, provinces)
    for p in range(1, provinces + 1):
        province = f"tinh-{p:02d}"
        rows.append((province, f"Hội Khuyến học tỉnh số {p}", f"Tỉnh {p}", "tỉnh", "hoi-khvn"))
        for c in range(1, per_province + (1 if p <= extra else 0) + 1):
            rows.append((f"{province}-xa-{c:03d}", f"Hội Khuyến học xã số {c} tỉnh {p}",
                         f"Xã {c}", "cơ sở", province))
    return rows


SEED = 2025


def records(years, provinces=PROVINCES, communes=COMMUNES, seed=SEED):
    """{dataset: {province: [row, ...]}} for ``years`` years from 2016."""
    rng = random.Random(seed)
    files = {name: {} for name in FIELDS if name != "units"}
    for unit_id, _name, _short, level, parent in units(provinces, communes)[1:]:
        province = unit_id[:7]
        issuer = "hoi-khvn" if level == "tỉnh" else parent
        closing = rng.randint(20, 200) * 1_000_000
        members = rng.randint(300, 3000)
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            opening = closing
            raised = rng.randint(10, 120) * 100_000
            disbursed = min(opening + raised, rng.randint(8, 110) * 100_000)
            closing = opening + raised - disbursed
            files["funds"].setdefault(province, []).append(
                [unit_id, year, opening, raised, disbursed, closing])
            members += rng.randint(-10, 25)
            files["organisation"].setdefault(province, []).append(
                [unit_id, year, rng.randint(1, 12), members])
            for model in MODELS:
                total = rng.randint(5, 900)
                registered = total * rng.randint(60, 100) // 100
                achieved = registered * rng.randint(50, 100) // 100
                files["learning_models"].setdefault(province, []).append(
                    [unit_id, year, model, total, registered, achieved])
            for item, measure_ in SUPPORT:
                quantity = rng.randint(3, 60)
                files["support"].setdefault(province, []).append(
                    [unit_id, year, item, quantity, measure_,
                     quantity * rng.randint(2, 10) * 100_000])
            files["awards"].setdefault(province, []).append(
                [unit_id, year, issuer, "Giấy khen", "tập thể", rng.randint(1, 9)])
    return files


def write(folder, fmt, years, provinces=PROVINCES, communes=COMMUNES):
    """data/ of the national case in ``fmt`` (csv, xlsx, yaml); the number of records."""
    data = Path(folder)
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    # The sample's declarations of the datasets (issue 15), as every site has.
    shutil.copy(PROJECT / "data" / "datapackage.yaml", data / "datapackage.yaml")
    unit_rows = [list(u) for u in units(provinces, communes)]
    _write_file(data / f"units.{_ext(fmt)}", "units", unit_rows, fmt)
    count = 0
    for name, by_province in records(years, provinces, communes).items():
        (data / name).mkdir()
        for province, rows in by_province.items():
            _write_file(data / name / f"{province}.{_ext(fmt)}", name, rows, fmt)
            count += len(rows)
    return count


def _ext(fmt):
    return "csv" if fmt == "floor" else fmt


def _write_file(path, name, rows, fmt):
    if fmt in ("csv", "floor"):
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(HEADERS[name])
            writer.writerows(["" if v is None else v for v in row] for row in rows)
    elif fmt == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_TITLES[name])
        sheet.append(HEADERS[name])
        for row in rows:
            sheet.append(row)
        workbook.save(path)
    else:
        lines = []
        for row in rows:
            fields = [(f, v) for f, v in zip(FIELDS[name], row) if v is not None]
            for index, (field, value) in enumerate(fields):
                if isinstance(value, int) and value >= 10_000:
                    value = f"{value:_}"
                lines.append(f"{'- ' if index == 0 else '  '}{field}: {value}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


_TITLES = {"units": "Danh sách đơn vị", "funds": "Quỹ khuyến học",
           "organisation": "Tổ chức Hội và hội viên",
           "learning_models": "Mô hình học tập",
           "support": "Học bổng, quà tặng và hỗ trợ", "awards": "Khen thưởng"}


def _yaml_layout(data):
    """YAML keeps one file per dataset (data/<dataset>.yaml): join the provinces'."""
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        parts = sorted(folder.glob("*.yaml"))
        with open(data / f"{folder.name}.yaml", "w", encoding="utf-8") as target:
            for part in parts:
                target.write(part.read_text(encoding="utf-8"))
        shutil.rmtree(folder)


# --- the whole site: every statistics page ---------------------------------------

ARTICLES = (
    ("2024-12-28-tong-ket.md", "Tổng kết công tác khuyến học",
     "Tỉnh số 1 có [[organisation/tinh-01/{last}/members]] hội viên.\n\n"
     "[[bảng: organisation/tinh-01/* branches members]]\n"),
    ("2023-06-01-quy-tinh-mot.md", "Quỹ khuyến học tỉnh số 1",
     "Số dư cuối năm {year} của tỉnh số 1: [[funds/tinh-01/{year}/closing]].\n\n"
     "[[biểu đồ cột nhóm: funds/tinh-01/* raised disbursed]]\n"),
    ("2022-09-05-mo-hinh-xa-mot.md", "Mô hình học tập ở xã số 1 tỉnh số 1",
     "[[bảng: learning_models/tinh-01-xa-001/* total registered achieved]]\n"),
    ("2021-11-20-hoc-bong.md", "Học bổng",
     'Tỉnh số 1 trao [[support/tinh-01/{year}/quantity item="Học bổng"]] suất học bổng.\n'),
    ("2020-03-23-khen-thuong.md", "Khen thưởng",
     "[[bảng: awards/tinh-01-xa-001/* count]]\n"),
)


def write_site(root, data, years):
    """A site of the national data (a copy of ``data``) and a handful of
    articles that cite it: the project's settings, theme and plugins
    (linked, as bench/sites.py does), hoi.yaml naming the central association."""
    root = Path(root)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(PROJECT / name, root / name)
    for name in ("theme", "plugins"):
        os.symlink(PROJECT / name, root / name)
    text = (PROJECT / "hoi.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^name: .*$", 'name: "Trung ương Hội Khuyến học Việt Nam"', text,
                  flags=re.M)
    text = re.sub(r"^unit: .*$", "unit: hoi-khvn", text, flags=re.M)
    (root / "hoi.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(data, root / "data")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    last = FIRST_YEAR + years - 1
    for name, title, body in ARTICLES:
        body = body.format(last=last, year=min(2020, last))
        (articles / name).write_text(
            f'---\ntitle: "{title}"\ndate: {name[:10]} 08:00\ncategory: Tin hoạt động\n'
            f"---\n{body}", encoding="utf-8")
    return root


def measure_site(workdir, years, python, provinces=PROVINCES, communes=COMMUNES):
    """``python -m khuyenhoc.build pelicanconf.py`` (as ``make html``) of the
    national site from CSV, from scratch (no output, no cache): every page,
    the statistics pages of every unit included. Checks that each unit has
    its page and that a commune's page has its figures."""
    data = Path(workdir) / f"csv-{years}" / "data"
    csv_run = measure_format(workdir, "csv", years, python, provinces, communes)
    root = write_site(Path(workdir) / f"site-{years}", data, years)
    env = dict(os.environ, PYTHONPATH="plugins")
    run = measure.timed([python, "-m", "khuyenhoc.build", "pelicanconf.py"], root, env)
    if run.returncode != 0:
        raise SystemExit(f"the national site did not build:\n{run.output[-5000:]}")
    everyone = units(provinces, communes)
    built = [u for u, *_ in everyone if (root / "output" / "don-vi" / u / "index.html").exists()]
    if len(built) != len(everyone):
        raise SystemExit(f"{len(built)} unit pages built, {len(everyone)} units")
    commune = everyone[-1][0]
    page = (root / "output" / "don-vi" / commune / "index.html").read_text(encoding="utf-8")
    if "<table" not in page or "Quỹ khuyến học" not in page:
        raise SystemExit(f"don-vi/{commune}/ has no figures")
    size, files = measure.tree_size(root / "output")
    return {"format": "site", "years": years, "records": csv_run["records"], "bytes": size,
            "files": files, "unit_pages": len(built), "seconds": run.seconds,
            "cpu": run.cpu, "peak_mb": run.peak_mb, "output": run.output.strip()[-400:]}


# --- what each measured process does --------------------------------------------

def read_checked(data_dir):
    """datasets.read, as the build does: the records and the number of mistakes."""
    from khuyenhoc.data import datasets

    started = time.perf_counter()
    data, errors = datasets.read(data_dir)
    total = sum(len(data.records(name)) for name in data.datasets)
    print(f"records {total} errors {len(errors)} seconds {time.perf_counter() - started:.2f}")
    for error in errors[:5]:
        print(error)
    return 1 if errors else 0


def read_floor(data_dir):
    """Python's csv module reading the same rows, into lists: the floor."""
    rows = []
    for folder, _subfolders, names in os.walk(data_dir):
        for name in sorted(n for n in names if n.endswith(".csv")):
            with open(os.path.join(folder, name), encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                next(reader, None)  # the header
                rows.extend(reader)
    print(f"rows {len(rows)}")
    return 0


def measure_format(workdir, fmt, years, python, provinces=PROVINCES, communes=COMMUNES):
    data = Path(workdir) / f"{fmt}-{years}" / "data"
    stamp = data.parent / "written.txt"
    wanted = f"{fmt} {years} {provinces} {communes} {SEED}"
    if stamp.exists() and stamp.read_text().split("\n")[0] == wanted:
        count = int(stamp.read_text().split("\n")[1])  # the same files: written before
    else:
        stamp.unlink(missing_ok=True)
        count = write(data, fmt, years, provinces, communes)
        if fmt == "yaml":
            _yaml_layout(data)
        stamp.write_text(f"{wanted}\n{count}\n")
    size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    flag = "--floor" if fmt == "floor" else "--read"
    env = dict(os.environ, PYTHONPATH=str(PROJECT / "plugins") + os.pathsep + str(PROJECT))
    run = measure.timed([python, "-m", "bench.national", flag, str(data)], PROJECT, env)
    if run.returncode != 0:
        raise SystemExit(f"{fmt} reading failed:\n{run.output}")
    # Every record written was read (and, but for the floor, checked).
    expected = count + len(units(provinces, communes))
    read = int(run.output.split()[1])
    if read != expected:
        raise SystemExit(f"{fmt}: {read} records read, {expected} written:\n{run.output}")
    return {"format": fmt, "years": years, "records": count, "bytes": size,
            "seconds": run.seconds, "cpu": run.cpu, "peak_mb": run.peak_mb,
            "output": run.output.strip()}


def run(years_list, formats, workdir, python=sys.executable, provinces=PROVINCES,
        communes=COMMUNES):
    results = []
    for years in years_list:
        for fmt in formats:
            if fmt == "site":
                result = measure_site(workdir, years, python, provinces, communes)
            else:
                result = measure_format(workdir, fmt, years, python, provinces, communes)
            print(f"   {fmt:5} {years:2} years: {result['records']:,} records, "
                  f"{result['bytes'] / 1e6:.1f} MB, {result['seconds']:.2f} s "
                  f"({result['cpu']:.2f} s CPU), peak {result['peak_mb']:.0f} MB", flush=True)
            results.append(result)
    return results


def render(results, command, provinces=PROVINCES, communes=COMMUNES):
    lines = [
        "## The national case: figures from spreadsheets (issue 21)",
        "",
        f"{provinces} provinces + {communes:,} communes (and the central association), ten "
        "indicators per unit and year (fund, organisation, five learning models, two kinds "
        "of support, an award), one file per province and dataset; each reading is "
        "`datasets.read` (every converter and rule, as the build and `make check`) in a "
        "process of its own. Floor: Python's `csv` module reading the same CSV rows into "
        "lists, nothing checked. Whole site: `python -m khuyenhoc.build pelicanconf.py` "
        "from scratch of a site of the CSV data and five articles, every page written, the "
        "statistics page of every unit included. Peak memory: proportional set size of "
        "the process (and its workers). Ratios are of CPU time (user + system), which "
        "other processes on a shared machine disturb less than the wall time.",
        "",
        "| source | years | records | files' size | wall time | CPU | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"floor": "csv module (floor)", "csv": "CSV", "xlsx": "XLSX", "yaml": "YAML",
             "site": "whole site from CSV (`khuyenhoc.build`)"}
    for r in results:
        size = (f"{r['bytes'] / 1e6:.1f} MB" if r["format"] != "site" else
                f"output {r['bytes'] / 1e6:.0f} MB, {r['files']:,} files, "
                f"{r['unit_pages']:,} unit pages")
        lines.append(f"| {names[r['format']]} | {r['years']} | {r['records']:,} | "
                     f"{size} | {r['seconds']:.2f} s | {r['cpu']:.2f} s | "
                     f"{r['peak_mb']:.0f} MB |")
    # Ratios of CPU time (user + system): on a shared machine the wall time
    # also counts the other processes' turns.
    by = {(r["format"], r["years"]): r for r in results}
    notes = []
    for (fmt, years), r in sorted(by.items()):
        csv_run = by.get(("csv", years))
        if fmt in ("xlsx", "yaml") and csv_run:
            notes.append(f"{fmt.upper()} / CSV at {years} years: "
                         f"{r['cpu'] / csv_run['cpu']:.2f}× the CPU")
        if fmt == "csv" and ("floor", years) in by:
            notes.append(f"CSV / floor at {years} years: "
                         f"{r['cpu'] / by[('floor', years)]['cpu']:.1f}× the CPU")
    for fmt in ("csv", "xlsx", "site"):
        years_run = sorted(y for f, y in by if f == fmt)
        if len(years_run) >= 2:
            low, high = by[(fmt, years_run[0])], by[(fmt, years_run[-1])]
            notes.append(f"{names[fmt].split(' (')[0]} growth {years_run[0]} → "
                         f"{years_run[-1]} years: records "
                         f"×{high['records'] / low['records']:.2f}, CPU "
                         f"×{high['cpu'] / low['cpu']:.2f}")
    if notes:
        lines += ["", "; ".join(notes) + "."]
    lines += ["", f"Command: `{command}`", ""]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="10", help="comma-separated, e.g. 5,10")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--provinces", type=int, default=PROVINCES)
    parser.add_argument("--communes", type=int, default=COMMUNES)
    parser.add_argument("--workdir", default=str(PROJECT / "bench" / "out" / "national"))
    parser.add_argument("--output", default=None, help="write the Markdown table here")
    parser.add_argument("--read", metavar="DATA_DIR", help=argparse.SUPPRESS)
    parser.add_argument("--floor", metavar="DATA_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read:
        return read_checked(args.read)
    if args.floor:
        return read_floor(args.floor)
    years = [int(y) for y in args.years.split(",")]
    formats = [f for f in args.formats.split(",") if f]
    results = run(years, formats, args.workdir, sys.executable, args.provinces, args.communes)
    command = "python -m bench.national " + " ".join(argv if argv is not None else sys.argv[1:])
    report = render(results, command.strip(), args.provinces, args.communes)
    print("\n" + report)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
