#!/usr/bin/env python3
"""docs/editors.md and README.md quote the editor configs the end-to-end tests load,
byte for byte: each file's whole content must appear in the docs as one fenced
block (```lang, the file's bytes, ```). Prints one ok/FAIL line per file."""
import pathlib
import sys

repo = pathlib.Path(__file__).resolve().parents[2]
configs = [("editors/nvim/rolekit.lua", b"lua"), ("editors/emacs/rolekit-eglot.el", b"elisp")]

failed = 0
for doc_name in ("docs/editors.md", "README.md"):
  docs = (repo / doc_name).read_bytes()
  for path, lang in configs:
      content = (repo / path).read_bytes()
      block = b"\n```" + lang + b"\n" + content + b"```\n"
      if not content.endswith(b"\n") or b"```" in content:
          failed += 1
          print(f"FAIL docs: {path} must end with a newline and hold no ``` fence")
      elif block in docs:
          print(f"ok   docs: {doc_name} quotes {path} verbatim")
      else:
          failed += 1
          print(f"FAIL docs: {doc_name} does not quote {path} verbatim as a ```{lang.decode()} block;"
                f" paste the file's content between the fences")
sys.exit(1 if failed else 0)
