"""The national case (issue 21): 34 provinces and 3,321 communes, ten years
of ten indicators (335,500 records), read and checked from CSV, from XLSX
and from YAML, beside Python's csv module reading the same rows (the floor).

    python -m bench.national                    # 10 years: CSV, XLSX, YAML, floor
    python -m bench.national --years 5 --formats csv,floor
    BENCH_QUICK=1 make bench                    # runs it with 2 years

The ten indicators per unit and year are today's datasets: the fund
ledger, branches and members, five learning models, two kinds of support
and an award. Each dataset is written one file per province
(``data/<dataset>/tinh-01.csv``), as the provinces' associations would
send them, and ``units`` as one file. Seeded: the same files every time.
Each reading runs in a process of its own (``python -m bench.national
--read DIR``: ``datasets.read``, as the build and ``make check`` do), timed
with its peak memory (proportional set size) by ``measure.timed``.
"""

import argparse
import csv
import os
import random
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
FORMATS = ("floor", "csv", "xlsx", "yaml")

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
        "lists, nothing checked. Peak memory: proportional set size of the process.",
        "",
        "| source | years | records | files' size | wall time | CPU | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"floor": "csv module (floor)", "csv": "CSV", "xlsx": "XLSX", "yaml": "YAML"}
    for r in results:
        lines.append(f"| {names[r['format']]} | {r['years']} | {r['records']:,} | "
                     f"{r['bytes'] / 1e6:.1f} MB | {r['seconds']:.2f} s | {r['cpu']:.2f} s | "
                     f"{r['peak_mb']:.0f} MB |")
    by = {(r["format"], r["years"]): r for r in results}
    notes = []
    for (fmt, years), r in sorted(by.items()):
        csv_run = by.get(("csv", years))
        if fmt == "xlsx" and csv_run:
            notes.append(f"XLSX / CSV at {years} years: {r['seconds'] / csv_run['seconds']:.2f}×")
        if fmt == "yaml" and csv_run:
            notes.append(f"YAML / CSV at {years} years: {r['seconds'] / csv_run['seconds']:.2f}×")
        if fmt == "csv" and ("floor", years) in by:
            notes.append(f"CSV / floor at {years} years: "
                         f"{r['seconds'] / by[('floor', years)]['seconds']:.1f}×")
    csv_years = sorted(y for f, y in by if f == "csv")
    if len(csv_years) >= 2:
        low, high = by[("csv", csv_years[0])], by[("csv", csv_years[-1])]
        notes.append(f"CSV growth {csv_years[0]} → {csv_years[-1]} years: records "
                     f"×{high['records'] / low['records']:.2f}, time "
                     f"×{high['seconds'] / low['seconds']:.2f}")
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
