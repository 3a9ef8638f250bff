//! Where each file of the dialect corpus lives in its repository, and
//! whether it is valid in its format: `tests/dialects/corpus.tsv`, written
//! once for the Rust tests and the comparison with agnix
//! (`tests/agnix/compare.py`).

use std::collections::HashMap;

/// The table's file.
pub const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/dialects/corpus.tsv");

/// Whether a corpus file is valid in its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No error expected.
    Valid,
    /// Not valid in its format: an error expected.
    Invalid,
    /// Valid, but rolekit still reports an error: a known gap, to close.
    Gap,
}

/// One corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialectFile {
    /// `owner/repo`.
    pub repository: String,
    /// The path in its repository (`.claude/agents/pm.md`), where its kind is decided.
    pub path: String,
    pub status: Status,
    /// Why a file is invalid or a gap.
    pub why: String,
}

/// The table, by corpus file (`claude-code-agents/2anki__server__.claude__agents__pm.md`).
/// Panics on a malformed line: test support.
pub fn table() -> HashMap<String, DialectFile> {
    let text = std::fs::read_to_string(TABLE).unwrap_or_else(|e| panic!("{TABLE}: {e}"));
    parse(&text).unwrap_or_else(|e| panic!("{TABLE}:{e}"))
}

fn parse(text: &str) -> Result<HashMap<String, DialectFile>, String> {
    let mut table = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, repository, path, status, rest @ ..] = cols.as_slice() else {
            return Err(format!("{}: fewer than four tab-separated columns", n + 1));
        };
        let status = match *status {
            "valid" => Status::Valid,
            "invalid" => Status::Invalid,
            "gap" => Status::Gap,
            other => return Err(format!("{}: unknown status {other:?} (valid, invalid or gap)", n + 1)),
        };
        let why = rest.first().copied().unwrap_or_default().to_string();
        if status != Status::Valid && why.is_empty() {
            return Err(format!("{}: say why the file is {status:?}", n + 1));
        }
        let entry = DialectFile { repository: repository.to_string(), path: path.to_string(), status, why };
        if table.insert(file.to_string(), entry).is_some() {
            return Err(format!("{}: {file} is listed twice", n + 1));
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_refuses_bad_ones() {
        let t = parse("# comment\na/x__y__.claude__agents__p.md\tx/y\t.claude/agents/p.md\tvalid\nb/z.md\tx/y\tz.md\tgap\tsaphyr\n")
            .unwrap();
        assert_eq!(t["a/x__y__.claude__agents__p.md"].path, ".claude/agents/p.md");
        assert_eq!(t["b/z.md"].status, Status::Gap);
        assert_eq!(t["b/z.md"].why, "saphyr");
        assert!(parse("a\tb\tc\tinvalid\n").unwrap_err().contains("say why"));
        assert!(parse("a\tb\tc\tfine\n").unwrap_err().contains("unknown status"));
        assert!(parse("a\tb\n").unwrap_err().contains("fewer"));
    }

    /// Every file of the corpus (full or sample) is in the table.
    #[test]
    fn every_corpus_file_is_listed() {
        let table = table();
        let corpus = crate::Corpus::get();
        let root = corpus.dir("dialects");
        let mut count = 0;
        for file in (crate::Corpus { root: root.clone(), kind: corpus.kind() }).markdown_files() {
            let key = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            assert!(table.contains_key(&key), "{key} is not in {TABLE}");
            count += 1;
        }
        assert!(count >= 10, "{count}");
    }
}
