"""rolekit against agnix on the dialect corpus.

Lays the corpus out as in its repositories (tests/dialects/corpus.tsv:
`<owner>/<repo>/<path>`), runs `agnix --format json` and
`rolekit check --format json` on the same tree, and requires every agnix
error to be reported by rolekit (same file, a rule of the same meaning
(RULES below), within LINES lines) or listed in docs/agnix.md's
"Deliberate differences" table. Prints every agnix error with its verdict,
the rolekit errors agnix does not report, and agnix's warnings by rule.
Exits 1 when an agnix error is neither matched nor listed.

    python3 tests/agnix/compare.py --agnix BIN --rolekit BIN --corpus DIR
"""

import argparse
import collections
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# agnix rule -> the rolekit rules of the same meaning.
RULES = {
    "CC-AG-001": {"missing-required-key"},  # a subagent without `name`
    "CC-AG-002": {"missing-required-key"},  # a subagent without `description`
    "CC-AG-007": {"frontmatter-missing"},  # no frontmatter in an agents folder
    "AS-001": {"frontmatter-missing"},
    "AS-002": {"missing-required-key"},
    "AS-003": {"missing-required-key"},
    "AS-004": {"invalid-pattern", "invalid-length"},  # skill name format
    "AS-008": {"invalid-length"},  # description 1-1024 characters
    "AS-017": {"skill-name-mismatch"},
    "COP-007": {"missing-required-key"},  # a Copilot agent without `description`
}
LINES = 3


def read_table(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            rows[cols[0]] = (cols[1], cols[2], cols[3])
    return rows


def read_differences(path):
    """The rows of docs/agnix.md's table under "## Deliberate differences": (rule, file glob, reason)."""
    rows, inside = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip() == "## Deliberate differences"
                continue
            if not inside or not line.startswith("|"):
                continue
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if len(cells) < 3 or cells[0] in ("agnix rule", "") or set(cells[0]) <= set("-: "):
                continue
            rows.append((cells[0], cells[1], cells[2]))
    return rows


def lay_out(corpus, table, into):
    count = 0
    for folder in sorted(os.listdir(corpus)):
        for name in sorted(os.listdir(os.path.join(corpus, folder))):
            key = f"{folder}/{name}"
            if key not in table:
                sys.exit(f"{key} is not in tests/dialects/corpus.tsv")
            repository, path, _ = table[key]
            target = os.path.join(into, repository, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(corpus, folder, name), target)
            count += 1
    return count


def run_json(cmd, cwd):
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {out.returncode}\n{out.stderr}")
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--agnix", required=True)
    ap.add_argument("--rolekit", required=True)
    ap.add_argument("--corpus", required=True, help="the dialects folder of the corpus")
    ap.add_argument("--table", default=os.path.join(REPO, "tests/dialects/corpus.tsv"))
    ap.add_argument("--doc", default=os.path.join(REPO, "docs/agnix.md"))
    args = ap.parse_args()
    args.agnix, args.rolekit = os.path.abspath(args.agnix), os.path.abspath(args.rolekit)

    table = read_table(args.table)
    differences = read_differences(args.doc)
    if not differences:
        sys.exit(f"{args.doc}: no rows under '## Deliberate differences'")
    work = tempfile.mkdtemp()
    try:
        files = lay_out(args.corpus, table, work)
        agnix = run_json([args.agnix, "--format", "json", "."], work)
        rolekit = run_json([args.rolekit, "check", "--format", "json", "."], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ours = collections.defaultdict(list)  # file -> [(rule, 1-based line, severity)]
    for f in rolekit["files"]:
        for d in f["diagnostics"]:
            ours[f["path"]].append((d["rule"], d["range"]["start"]["line"] + 1, d["severity"]))

    print(f"{files} files; agnix {agnix['version']}: {agnix['summary']}; rolekit: {rolekit['summary']}")
    unmatched, used, matched_ours = 0, set(), set()
    for d in sorted(agnix["diagnostics"], key=lambda d: (d["file"], d["line"], d["rule"])):
        if d["level"] != "error":
            continue
        where = f"{d['file']}:{d['line']} {d['rule']}"
        same = RULES.get(d["rule"], set())
        hit = next(
            (o for o in ours.get(d["file"], []) if o[0] in same and abs(o[1] - d["line"]) <= LINES),
            None,
        )
        if hit:
            matched_ours.add((d["file"], hit[0], hit[1]))
            print(f"  matched  {where}: rolekit {hit[0]} ({hit[2]}) at line {hit[1]}")
            continue
        listed = next(
            (r for r in differences if r[0] == d["rule"] and fnmatch.fnmatch(d["file"], r[1])), None
        )
        if listed:
            used.add(listed)
            print(f"  listed   {where}: {listed[2].split('. ')[0]}")
            continue
        unmatched += 1
        print(f"  MISSING  {where}: {d['message']}")

    print("rolekit errors agnix does not report:")
    for path, diags in sorted(ours.items()):
        for rule, line, severity in diags:
            if severity == "error" and (path, rule, line) not in matched_ours:
                print(f"  {path}:{line} {rule}")
    warnings = collections.Counter(d["rule"] for d in agnix["diagnostics"] if d["level"] == "warning")
    print("agnix warnings by rule: " + ", ".join(f"{r} {n}" for r, n in sorted(warnings.items())))
    for r in differences:
        if r not in used:
            print(f"note: the listed difference {r[0]} ({r[1]}) matched no agnix error on this corpus")
    if unmatched:
        print(
            f"{unmatched} agnix errors neither reported by rolekit nor listed in docs/agnix.md "
            "(add the rule to rolekit, its meaning to RULES here, or a row with the reason to the doc)"
        )
        return 1
    print("every agnix error is reported by rolekit or listed in docs/agnix.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
