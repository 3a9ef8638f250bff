"""Token counts from OpenAI's own `tiktoken`, to hold rolekit's counts to.

tiktoken downloads its vocabularies on first use, which this machine (and
CI) cannot do; the vocabularies compiled into rolekit (`bpe-openai`'s data
files) are given to it instead, after checking that they are byte for byte
the files tiktoken pins (the SHA-256 in `tiktoken_ext.openai_public`). So the
same vocabulary is counted by an independent implementation.

    python tiktoken_reference.py --data DIR strings        # JSON: counts of the pinned reference strings
    python tiktoken_reference.py --data DIR files F...     # JSON: {path: {encoding: count}}
    python tiktoken_reference.py --data DIR compare STATS.json
        # compares `rolekit stats --format json` (any encoding it names) with
        # tiktoken, file by file; prints "N passed, N failed"; exit 1 on a mismatch

DIR holds `o200k_base.tiktoken.gz` and `cl100k_base.tiktoken.gz`
(bpe-openai's `data/` folder, found by `cargo metadata`).
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

# The strings the Rust unit tests pin (crates/rolekit-tokens/src/tests.rs).
STRINGS = {
    "empty": "",
    "hello": "Hello, world!",
    "ascii": "You are a senior platform engineer. Design resilient, observable infrastructure; review Terraform and Kubernetes changes.\n",
    "code": "```yaml\ncapabilities:\n  can_write_code: true\n  can_review_code: false\n```\n",
    "spaces": "a  b   c\n\n\n   \t x  \r\n  y   ",
    "numbers": "Version 1.0.0, 12345 files, 3.14159 ratio, 2024-05-01.",
    "contractions": "It's what they'll say: we've, I'm, you'd, THEY'RE, don't.",
    "emoji": "- ✅ **Can write code** 🚀🔥 — ≥70% coverage 👩‍💻",
    "mojibake": "- ‚úÖ **Can write knowledge documentation** ‚â•70%",
    "cjk": "你是一名资深平台工程师。负责设计可靠的基础设施。日本語のテキストも数えます。한국어 문장도 있습니다.",
    "mixed": "Ünïcödé façade naïve café — Zürich, Ελληνικά, Русский текст, עברית, العربية.",
}


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
    sub.add_parser("strings")
    files = sub.add_parser("files")
    files.add_argument("paths", nargs="+")
    compare = sub.add_parser("compare")
    compare.add_argument("stats")
    args = parser.parse_args()

    if args.cmd == "strings":
        encs = {name: load(args.data, name) for name in ENCODINGS}
        out = {key: {name: count(enc, text) for name, enc in encs.items()} for key, text in STRINGS.items()}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif args.cmd == "files":
        encs = {name: load(args.data, name) for name in ENCODINGS}
        out = {}
        for p in args.paths:
            with open(p, encoding="utf-8") as f:
                text = f.read()
            out[p] = {name: count(enc, text) for name, enc in encs.items()}
        print(json.dumps(out, indent=2))
    else:
        with open(args.stats, encoding="utf-8") as f:
            stats = json.load(f)
        enc = load(args.data, stats["encoding"])
        passed = failed = 0
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
