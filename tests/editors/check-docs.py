#!/usr/bin/env python3
"""docs/editors.md and README.md quote the editor configs the end-to-end tests load,
byte for byte: each file's whole content must appear in the docs as one fenced
block (```lang, the file's bytes, ```). The configs of editors no test can run
here (Helix, JetBrains' LSP4IJ: not in Debian's packages) are quoted in
docs/editors.md and checked for what the server needs: they parse, start
`rolekit lsp`, serve Markdown, and send only settings the server knows.
Prints one ok/FAIL line per check."""
import json
import pathlib
import sys
import tomllib

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

def check(what, ok, why):
    global failed
    if ok:
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}: {why}")


docs_only = [
    ("editors/helix/languages.toml", b"toml"),
    ("editors/jetbrains/rolekit/template.json", b"json"),
    ("editors/jetbrains/rolekit/settings.json", b"json"),
]
editors_md = (repo / "docs/editors.md").read_bytes()
for path, lang in docs_only:
    content = (repo / path).read_bytes()
    block = b"\n```" + lang + b"\n" + content + b"```\n"
    check(f"docs: docs/editors.md quotes {path} verbatim", block in editors_md, "paste the file between the fences")

# The settings the server reads (crates/rolekit-core/src/policy/config.rs, Settings::from_json).
SERVER_SETTINGS = {"rules", "roleGlobs"}
LEVELS = {"off", "error", "warning", "info", "hint"}


def settings_ok(settings):
    rolekit = settings.get("rolekit", {})
    unknown = set(rolekit) - SERVER_SETTINGS
    bad = {k: v for k, v in rolekit.get("rules", {}).items() if v not in LEVELS}
    return not unknown and not bad, f"unknown settings {sorted(unknown)} or levels {bad}"


helix = tomllib.loads((repo / "editors/helix/languages.toml").read_text())
server = helix.get("language-server", {}).get("rolekit", {})
check("helix: starts `rolekit lsp`", server.get("command") == "rolekit" and server.get("args") == ["lsp"], server)
check("helix: settings", *settings_ok(server.get("config", {})))
markdown = [l for l in helix.get("language", []) if l.get("name") == "markdown"]
check("helix: serves markdown", any("rolekit" in l.get("language-servers", []) for l in markdown), markdown)

template = json.loads((repo / "editors/jetbrains/rolekit/template.json").read_text())
check("lsp4ij: starts `rolekit lsp`", template.get("programArgs", {}).get("default") == "rolekit lsp", template)
maps = template.get("fileTypeMappings", [])
check("lsp4ij: serves *.md as markdown", any(m.get("languageId") == "markdown" and "*.md" in m.get("fileType", {}).get("patterns", []) for m in maps), maps)
check("lsp4ij: settings", *settings_ok(json.loads((repo / "editors/jetbrains/rolekit/settings.json").read_text())))
installer = json.loads((repo / "editors/jetbrains/rolekit/installer.json").read_text())
check("lsp4ij: installer configures `rolekit lsp`", installer["run"]["exec"]["onSuccess"]["configureServer"]["command"] == "rolekit lsp", installer)

sys.exit(1 if failed else 0)
