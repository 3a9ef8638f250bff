//! Which corpus of real role files the tests read, decided in one place.
//!
//! - `ROLEKIT_CORPUS` set: the folder it names, the full corpus
//!   (`../shared/corpus` beside the repository; `scripts/test.sh` sets it
//!   when that folder exists, so CI runs it). A relative path is taken from
//!   the repository root (tests run in their crate's folder). A name that is
//!   not a folder fails the test, it never falls back to the sample.
//! - unset: the sample vendored in `tests/corpus-sample/` (the same layout,
//!   byte-exact copies, sources and licences in its README), so a clone with
//!   nothing beside it tests too.
//!
//! Thresholds and snapshot names that depend on the corpus go through
//! [`Corpus::pick`]. Test support only (a dev-dependency): a missing corpus is
//! a failed test, so this panics with a clear message instead of returning
//! errors.

pub mod dialects;

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable naming the full corpus folder.
pub const ENV_VAR: &str = "ROLEKIT_CORPUS";

/// The repository root, which a relative `ROLEKIT_CORPUS` starts from.
const REPOSITORY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The vendored sample (`tests/corpus-sample` at the repository root).
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus-sample");

/// The canonical example role file, valora.ai's `platform-engineer.md`
/// (byte-exact with `../shared/seed/platform-engineer.md`), kept in the
/// repository as the core's test fixture.
pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../rolekit-core/tests/fixtures/platform-engineer.md");

/// Which corpus a run reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The folder named by `ROLEKIT_CORPUS`.
    Full,
    /// `tests/corpus-sample`.
    Sample,
}

/// The corpus of this run: its root folder and which one it is.
#[derive(Debug, Clone)]
pub struct Corpus {
    root: PathBuf,
    kind: Kind,
}

impl Corpus {
    /// The corpus of this run (see the crate docs). Panics when
    /// `ROLEKIT_CORPUS` is set but names no folder.
    pub fn get() -> Corpus {
        match Corpus::from_env(env::var_os(ENV_VAR)) {
            Ok(corpus) => corpus,
            Err(message) => panic!("{message}"),
        }
    }

    /// The decision itself, for a given value of `ROLEKIT_CORPUS`.
    fn from_env(value: Option<OsString>) -> Result<Corpus, String> {
        let Some(value) = value else {
            return Ok(Corpus { root: PathBuf::from(SAMPLE), kind: Kind::Sample });
        };
        if value.is_empty() {
            return Err(format!(
                "{ENV_VAR} is set but empty: name the full corpus folder (e.g. ../shared/corpus), \
                 or unset it to test with the sample in tests/corpus-sample"
            ));
        }
        let root = Path::new(REPOSITORY).join(value);
        if !root.is_dir() {
            return Err(format!(
                "{ENV_VAR}={} is not a folder: name the full corpus folder (e.g. ../shared/corpus), \
                 or unset it to test with the sample in tests/corpus-sample",
                root.display()
            ));
        }
        Ok(Corpus { root, kind: Kind::Full })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn is_full(&self) -> bool {
        self.kind == Kind::Full
    }

    /// `full` with the full corpus, `sample` with the sample: for thresholds
    /// ("more than 100 files") and snapshot names that depend on the corpus.
    pub fn pick<T>(&self, full: T, sample: T) -> T {
        match self.kind {
            Kind::Full => full,
            Kind::Sample => sample,
        }
    }

    /// A folder of the corpus (`valora/agents`, `wild`, `dialects`). Panics
    /// when it is missing.
    pub fn dir(&self, sub: &str) -> PathBuf {
        let dir = self.root.join(sub);
        assert!(dir.is_dir(), "the corpus ({:?}, {}) has no folder {sub}", self.kind, self.root.display());
        dir
    }

    /// Every Markdown file (`.md`, `.mdc`) under the root, at any depth, sorted.
    pub fn markdown_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![self.root.clone()];
        while let Some(dir) = dirs.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => panic!("cannot read {}: {e}", dir.display()),
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md" || e == "mdc") {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }
}

/// The regression input of the core's corpus tests: every Markdown file of
/// this run's corpus, then the seed. Panics when the corpus holds fewer
/// Markdown files than expected (more than 100 in the full corpus, more than
/// 25 in the sample).
pub fn files() -> Vec<PathBuf> {
    let corpus = Corpus::get();
    let mut files = corpus.markdown_files();
    let min = corpus.pick(100, 25);
    assert!(
        files.len() > min,
        "only {} Markdown files in the corpus ({:?}, {}); expected more than {min}",
        files.len(),
        corpus.kind(),
        corpus.root().display()
    );
    files.push(PathBuf::from(SEED));
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn unset_means_the_sample() {
        let corpus = Corpus::from_env(None).unwrap();
        assert_eq!(corpus.kind(), Kind::Sample);
        assert!(corpus.root().is_dir(), "{}", corpus.root().display());
        assert_eq!(corpus.pick("full", "sample"), "sample");
    }

    #[test]
    fn a_folder_means_the_full_corpus() {
        let corpus = Corpus::from_env(Some(SAMPLE.into())).unwrap();
        assert_eq!(corpus.kind(), Kind::Full);
        assert!(corpus.is_full());
        assert_eq!(corpus.pick("full", "sample"), "full");
    }

    #[test]
    fn a_relative_name_starts_from_the_repository_root() {
        let corpus = Corpus::from_env(Some("tests/corpus-sample".into())).unwrap();
        assert!(corpus.is_full());
        assert_eq!(corpus.root().canonicalize().unwrap(), Path::new(SAMPLE).canonicalize().unwrap());
    }

    #[test]
    fn a_missing_or_empty_name_fails_loudly() {
        let missing = Path::new(SAMPLE).join("no-such-folder");
        let err = Corpus::from_env(Some(missing.clone().into())).unwrap_err();
        assert!(err.starts_with("ROLEKIT_CORPUS=") && err.contains(&missing.display().to_string()), "{err}");
        let file = Path::new(SAMPLE).join("README.md");
        assert!(Corpus::from_env(Some(file.into())).unwrap_err().contains("is not a folder"));
        assert!(Corpus::from_env(Some(OsString::new())).unwrap_err().contains("set but empty"));
    }

    #[test]
    #[should_panic(expected = "has no folder nowhere")]
    fn a_missing_sub_folder_fails_loudly() {
        Corpus::from_env(None).unwrap().dir("nowhere");
    }

    #[test]
    fn the_seed_is_there() {
        let seed = std::fs::read_to_string(SEED).unwrap();
        assert!(seed.starts_with("---\nrole: platform-engineer\n"), "{}", &seed[..40.min(seed.len())]);
    }

    /// `git hash-object`: the id git gives a file's bytes.
    fn blob_id(bytes: &[u8]) -> String {
        let mut h = sha1_smol::Sha1::new();
        h.update(format!("blob {}\0", bytes.len()).as_bytes());
        h.update(bytes);
        h.digest().to_string()
    }

    /// The cells of the Markdown table under `## {heading}` in `text` (header
    /// and separator rows left out), with the backticks stripped.
    fn table(text: &str, heading: &str) -> Vec<Vec<String>> {
        let start = text.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
        let section = &text[start + 1..];
        let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
        section
            .lines()
            .filter(|l| l.starts_with('|'))
            .skip(2)
            .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().trim_matches('`').to_string()).collect())
            .collect()
    }

    /// Every file of the sample is listed in its README with its source and
    /// licence, its bytes are the listed git blob (byte-exact copies), and
    /// every licence has its text in `LICENSES/`.
    #[test]
    fn the_sample_readme_lists_every_file_with_its_blob_and_licence() {
        let readme = std::fs::read_to_string(Path::new(SAMPLE).join("README.md")).unwrap();
        let licences: BTreeMap<String, String> = table(&readme, "Licence texts (`LICENSES/`)")
            .into_iter()
            .map(|row| (row[0].clone(), row[1].clone()))
            .collect();
        assert!(licences.len() >= 2, "{licences:?}");
        for file in licences.values() {
            assert!(Path::new(SAMPLE).join(file).is_file(), "licence text {file} is missing");
        }

        let rows = table(&readme, "Files, sources and licences");
        let mut listed = BTreeSet::new();
        for row in &rows {
            let [file, repo, path, commit, blob, licence] = &row[..] else { panic!("bad row {row:?}") };
            assert!(!repo.is_empty() && !path.is_empty() && commit.len() == 40, "{row:?}");
            let bytes = std::fs::read(Path::new(SAMPLE).join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            let id = blob_id(&bytes);
            assert!(blob.len() >= 12 && id.starts_with(blob.as_str()), "{file} is blob {id}, the README says {blob}");
            assert!(licences.contains_key(licence), "{file}: no licence text for {licence}");
            listed.insert(file.clone());
        }

        let corpus = Corpus::from_env(None).unwrap();
        let mut present: BTreeSet<String> = ["valora", "wild", "dialects"]
            .iter()
            .flat_map(|sub| Corpus { root: corpus.dir(sub), kind: Kind::Sample }.markdown_files())
            .map(|p| p.strip_prefix(SAMPLE).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        // The valora project: every file (Markdown, schemas, registries).
        let mut dirs = vec![corpus.dir("valora-project")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    present.insert(path.strip_prefix(SAMPLE).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        assert_eq!(listed, present, "the README's table and the sample's files differ");
    }

    /// The sample has what the corpus tests need: templates, a role and its
    /// parent, each sub-folder of `valora/`, `wild/` and every dialect.
    #[test]
    fn the_sample_has_the_corpus_layout() {
        let corpus = Corpus::from_env(None).unwrap();
        for name in ["_template.md", "platform-engineer.md", "secops-engineer.md", "asserter.md"] {
            assert!(corpus.dir("valora/agents").join(name).is_file(), "valora/agents/{name}");
        }
        for sub in [
            "valora/commands",
            "valora/prompts",
            "wild",
            "dialects/agent-skills",
            "dialects/claude-code-agents",
            "dialects/copilot-agents",
            "dialects/copilot-prompts",
            "dialects/cursor-rules",
        ] {
            assert!(
                !Corpus { root: corpus.dir(sub), kind: Kind::Sample }.markdown_files().is_empty(),
                "{sub} is empty"
            );
        }
        assert!(files().len() > 25);
    }
}
