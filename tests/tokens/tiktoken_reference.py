"""Token counts from OpenAI's own `tiktoken`, to hold rolekit's counts to.

tiktoken downloads its vocabularies on first use, which this machine (and
CI) cannot do; the vocabularies compiled into rolekit (`bpe-openai`'s data
files) are given to its own constructors instead, after checking that they
are byte for byte the files tiktoken pins (the SHA-256 each constructor
passes). So the same vocabulary is counted by an independent implementation.

    python tiktoken_reference.py --data DIR references FILE [--write]
        # FILE: crates/rolekit-tokens/src/references.json, the counts the Rust
        # tests pin (strings and the seed). Checks them against tiktoken, or
        # rewrites them with --write. Prints "N passed, N failed".
    python tiktoken_reference.py --data DIR compare STATS.json
        # compares `rolekit stats --format json` (in the encoding it names)
        # with tiktoken, file by file, parts included. Prints "N passed, N failed".

DIR holds `o200k_base.tiktoken.gz` and `cl100k_base.tiktoken.gz`
(bpe-openai's `data/` folder; scripts/test.d/65-tokens.sh finds it with
`cargo metadata`).
"""

import argparse
import base64
import gzip
import hashlib
import json
import os
import sys

import tiktoken
import tiktoken_ext.openai_public as public

ENCODINGS = ("o200k_base", "cl100k_base")

def load(data_dir, name):
    """tiktoken's own constructor for `name`, given the local vocabulary in
    place of the download (after checking it against the hash the
    constructor pins)."""

    def local_bpe(url, expected_hash=None):
        path = os.path.join(data_dir, os.path.basename(url) + ".gz")
        with gzip.open(path, "rb") as f:
            raw = f.read()
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected_hash:
            sys.exit(f"{path}: SHA-256 {actual} is not tiktoken's {expected_hash}")
        return {base64.b64decode(tok): int(rank) for tok, rank in (line.split() for line in raw.splitlines() if line)}

    public.load_tiktoken_bpe = local_bpe
    return tiktoken.Encoding(**getattr(public, name)())


def count(enc, text):
    return len(enc.encode_ordinary(text))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    sub = parser.add_subparsers(dest="cmd", required=True)
    refs = sub.add_parser("references")
    refs.add_argument("file")
    refs.add_argument("--write", action="store_true")
    compare = sub.add_parser("compare")
    compare.add_argument("stats")
    args = parser.parse_args()

    passed = failed = 0
    if args.cmd == "references":
        encs = {name: load(args.data, name) for name in ENCODINGS}
        with open(args.file, encoding="utf-8") as f:
            refs = json.load(f)
        root = os.path.join(os.path.dirname(os.path.abspath(args.file)), "..", "..", "..")
        with open(os.path.join(root, refs["seed"]["path"]), encoding="utf-8") as f:
            seed = f.read()
        items = [(s, s["text"]) for s in refs["strings"]] + [(refs["seed"], seed)]
        for item, text in items:
            for name, enc in encs.items():
                want = count(enc, text)
                if item.get(name) == want:
                    passed += 1
                else:
                    failed += 1
                    label = item.get("name", item.get("path"))
                    print(f"{'set' if args.write else 'FAIL'} {label} {name}: pinned {item.get(name)}, tiktoken {want}")
                    item[name] = want
        refs["tiktoken"] = tiktoken.__version__
        if args.write:
            with open(args.file, "w", encoding="utf-8") as f:
                json.dump(refs, f, indent=2, ensure_ascii=False)
                f.write("\n")
            failed = 0
        print(f"references against tiktoken {tiktoken.__version__}: {passed} passed, {failed} failed")
    else:
        with open(args.stats, encoding="utf-8") as f:
            stats = json.load(f)
        enc = load(args.data, stats["encoding"])
        for file in stats["files"]:
            with open(file["path"], "rb") as f:
                text = f.read().decode("utf-8")
            expected = count(enc, text)
            parts = (file["frontmatter"] or 0) + file["other"] + sum(s["tokens"] for s in file["sections"])
            if file["tokens"] == expected and parts == expected:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {file['path']}: rolekit {file['tokens']} (parts {parts}), tiktoken {expected}")
        print(f"{stats['encoding']} against tiktoken {tiktoken.__version__}: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
