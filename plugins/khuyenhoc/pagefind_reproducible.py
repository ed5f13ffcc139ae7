"""Pagefind's bundle, byte for byte the same for the same site.

Pagefind 1.5 writes each filter's values in the order of a Rust HashMap,
which changes from run to run, so the filter files, the language's metadata
file that names them and pagefind-entry.json that names that one differ
between two builds of the same sources (its page fragments and word index
do not). The same sources must give the same site (reproducible.py): the
values are put in order and those three files renamed after their content.

The files are a signature then CBOR, gzipped; Pagefind's search script reads
them by the names that the entry and the metadata give, whatever they are.
"""

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
# Positions in the metadata file: [version, pages, index chunks, filters, sorts, meta fields].
META_FILTERS, META_SORTS = 3, 4


def make_reproducible(bundle):
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        meta[META_FILTERS] = sorted(
            [name, _replace(bundle / "filter" / f"{old}.pf_filter", _in_order,
                            "{}.pf_filter", hash_length=7)]
            for name, old in meta[META_FILTERS])
        meta[META_SORTS] = sorted(meta[META_SORTS], key=lambda sort: sort[0])
        language["hash"] = _replace(meta_path, lambda _: meta, "pagefind.{}.pf_meta",
                                    hash_length=10)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _read(path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE):])


def _in_order(filter_file):
    name, values = filter_file
    return [name, sorted(values, key=lambda value: value[0])]


def _replace(path, change, name, hash_length):
    """Rewrite the file at ``path`` as ``change`` of its content, named
    ``name`` with a hash of its bytes (after the language: vi_0123abc);
    return that hash."""
    data = SIGNATURE + cbor2.dumps(change(_read(path)))
    language = path.name.removeprefix("pagefind.").split("_", 1)[0]
    digest = f"{language}_{hashlib.sha256(data).hexdigest()[:hash_length]}"
    path.unlink()
    path.with_name(name.format(digest)).write_bytes(gzip.compress(data, mtime=0))
    return digest
