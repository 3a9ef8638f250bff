//! One file, from disk (or from text standing for a file) to its
//! diagnostics: read safely, let the core's policy decide what it is (a
//! role, a command, a prompt, a document of a kind of your own, a registry),
//! check it with its parents from disk and against the project's index of
//! names, and optionally apply the proven fixes. `rolekit check` runs this
//! over a tree; `rolekit mcp` over what an agent asks.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rolekit_core::analysis::{self, BudgetCheck, Context};
use rolekit_core::policy::{self, Family, Kind, NotInScope, Scope};
use rolekit_core::project::{self, NameIndex};
use rolekit_core::tokens::TokenCounter;
use rolekit_core::{fix, Diagnostic, Document};

use crate::config::Project;
use crate::discover::{self, printable};
use crate::fix::write_fixed;
use crate::fsio;
use crate::resolver::{DirResolver, ParentCache};

/// What checking one file came to.
pub enum FileResult {
    /// Not rolekit's business, and why.
    NotInScope(NotInScope),
    Checked {
        doc: Box<Document>,
        diagnostics: Vec<Diagnostic>,
        /// Fixes applied (and written, for a file on disk).
        fixed: usize,
        /// What the policy decided the file is.
        kind: Kind,
    },
    /// A valora `registry.json`: checked once every file it lists has been
    /// (see `rolekit_core::analysis::registry::check`).
    Registry {
        doc: Box<Document>,
        family: Family,
        /// The valora tree it belongs to (`data`, `.ai`, ...).
        tree: String,
    },
    /// An I/O or encoding error, already worded with the path.
    Failed(String),
}

/// A file read from disk, as the policy sees it.
// Returned once per file and matched at once: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// Not rolekit's business, and why.
    NotInScope(NotInScope),
    /// A document rolekit checks (a role, a command, a prompt, a document
    /// of a kind of your own, or a registry read as JSON), parsed.
    Role(Document, Kind),
    /// An I/O or encoding error, already worded with the path.
    Failed(String),
}

/// Checks files of one project, sharing the parsed parents and the index
/// of names between them.
pub struct Checker<'a> {
    pub project: &'a Project,
    pub parents: &'a ParentCache,
    /// The names cross-file rules resolve against (see [`build_index`]).
    pub index: &'a NameIndex,
}

/// The text parsed as what `kind` is: JSON for a registry, else Markdown.
fn parse(text: String, kind: Kind) -> Document {
    if kind.is_markdown() {
        Document::new(text)
    } else {
        Document::json(text)
    }
}

impl Checker<'_> {
    /// Reads the file at `path` (shown as `display`) and lets the policy
    /// decide what it is: what `check` and `stats` start from.
    pub fn load(&self, path: &Path, display: &str) -> Loaded {
        self.load_classified(path, display, None)
    }

    /// [`load`](Self::load), with what the policy already decided of the file
    /// when the index pass read its head ([`index_and_classify`]): then its
    /// head is not read and classified again.
    pub fn load_classified(&self, path: &Path, display: &str, known: Option<Scope>) -> Loaded {
        let shown = printable(display);
        if let Some(Scope::Out(why)) = known {
            return Loaded::NotInScope(why);
        }
        let mut file = match fsio::open_regular(path) {
            Ok(f) => f,
            Err(e) => return Loaded::Failed(format!("{shown}: cannot read: {e}")),
        };
        let (kind, head) = match known {
            Some(Scope::In(kind)) => (kind, Vec::new()),
            _ => {
                let head = match file.read_head(policy::HEAD_BYTES) {
                    Ok(h) => h,
                    Err(e) => return Loaded::Failed(format!("{shown}: cannot read: {}", fsio::describe(&e))),
                };
                match self.classify(path, display, &policy::head_text(&head)) {
                    Scope::In(kind) => (kind, head),
                    Scope::Out(why) => return Loaded::NotInScope(why),
                }
            }
        };
        let bytes = match file.read_rest(head, policy::MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(e) => return Loaded::Failed(format!("{shown}: cannot read: {e}")),
        };
        match String::from_utf8(bytes) {
            Ok(text) => Loaded::Role(parse(text, kind), kind),
            Err(e) => Loaded::Failed(invalid_utf8(&shown, e.as_bytes())),
        }
    }

    /// Checks the file at `path` (shown as `display`); with `fix`, applies the
    /// safe fixes and writes the file when any applied.
    pub fn check_path(&self, path: &Path, display: &str, fix: bool) -> FileResult {
        self.check_classified(path, display, fix, None)
    }

    /// [`check_path`](Self::check_path) with what the index pass decided of
    /// the file (see [`load_classified`](Self::load_classified)).
    pub fn check_classified(&self, path: &Path, display: &str, fix: bool, known: Option<Scope>) -> FileResult {
        match self.load_classified(path, display, known) {
            Loaded::Role(doc, kind) => self.check_loaded(doc, kind, path, display, fix),
            Loaded::NotInScope(why) => FileResult::NotInScope(why),
            Loaded::Failed(message) => FileResult::Failed(message),
        }
    }

    /// Checks `doc`, read from the file at `path` and found to be of `kind`;
    /// with `fix`, applies the safe fixes and writes the file when any applied.
    pub fn check_loaded(&self, doc: Document, kind: Kind, path: &Path, display: &str, fix: bool) -> FileResult {
        if let Kind::Registry(family) = kind {
            return self.registry(doc, family, path, display);
        }
        let original = fix.then(|| doc.text().as_bytes().to_vec());
        let result = self.analyze(doc, path, display, kind, fix);
        if let (FileResult::Checked { doc, fixed, .. }, Some(original)) = (&result, original) {
            if *fixed > 0 {
                if let Err(e) = write_fixed(path, &original, doc.text().as_bytes()) {
                    return FileResult::Failed(format!("{}: {e}", printable(display)));
                }
            }
        }
        result
    }

    /// Checks `text` as if it were the file at `path` (its kind, its name and
    /// its parents beside it); with `fix`, returns the fixed text, writing nothing.
    pub fn check_text(&self, text: String, path: &Path, fix: bool) -> FileResult {
        match self.load_text(text, path) {
            Loaded::Role(doc, Kind::Registry(family)) => self.registry(doc, family, path, &path.to_string_lossy()),
            Loaded::Role(doc, kind) => self.analyze(doc, path, &path.to_string_lossy(), kind, fix),
            Loaded::NotInScope(why) => FileResult::NotInScope(why),
            Loaded::Failed(message) => FileResult::Failed(message),
        }
    }

    /// `text` standing for the file at `path`: its kind decided as for that file on disk.
    pub fn load_text(&self, text: String, path: &Path) -> Loaded {
        match self.classify(path, &path.to_string_lossy(), &text) {
            Scope::In(kind) => Loaded::Role(parse(text, kind), kind),
            Scope::Out(why) => Loaded::NotInScope(why),
        }
    }

    /// The kind of the file at `path` (`display` as shown) from its first bytes, or why it is left alone.
    pub fn classify(&self, path: &Path, display: &str, head: &str) -> Scope {
        policy::classify(&self.project.config, Some(&self.name(path, display)), head)
    }

    /// The name the policy knows the file by: its path relative to the
    /// project root, or as shown when it lies outside.
    pub fn name(&self, path: &Path, display: &str) -> String {
        self.project.relative(path).unwrap_or_else(|| display.to_string())
    }

    fn registry(&self, doc: Document, family: Family, path: &Path, display: &str) -> FileResult {
        let tree = policy::layout(&self.name(path, display)).map_or(String::new(), |l| l.tree.to_string());
        FileResult::Registry { doc: Box::new(doc), family, tree }
    }

    /// Parents of the file at `path`: beside it, inside the project, read whole.
    pub fn resolver<'p>(&'p self, path: &'p Path) -> DirResolver<'p> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        DirResolver { dir, real_root: &self.project.real_root, cache: self.parents, whole: true }
    }

    fn analyze(&self, doc: Document, path: &Path, display: &str, kind: Kind, fix: bool) -> FileResult {
        // The tokenizer is loaded (once) only when a budget is set; only
        // then are parents read past their frontmatter.
        let budget = &self.project.config.token_budget;
        let resolver = DirResolver { whole: budget.is_set(), ..self.resolver(path) };
        let token_budget = budget.is_set().then(|| BudgetCheck {
            budget,
            counter: rolekit_tokens::Tokenizer::get(budget.encoding) as &dyn TokenCounter,
        });
        let ctx = Context {
            file_stem: Some(policy::file_stem(display)),
            kind,
            resolver: &resolver,
            config: &self.project.config.rules,
            token_budget,
        };
        let name = self.name(path, display);
        let in_project = analysis::Project { schemas: &self.project.schemas, index: self.index, path: Some(&name) };
        if fix {
            let out = fix::fix_all_in(doc, &ctx, &in_project);
            FileResult::Checked { doc: Box::new(out.document), diagnostics: out.diagnostics, fixed: out.applied, kind }
        } else {
            let diagnostics = analysis::check_in(&doc, &ctx, &in_project);
            FileResult::Checked { doc: Box::new(doc), diagnostics, fixed: 0, kind }
        }
    }
}

fn invalid_utf8(shown: &str, bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("{shown}: invalid UTF-8 at line {line} (byte offset {valid}); role files must be UTF-8")
}

/// The project index: every document of `files` and of the valora trees of
/// the project (their `agents/`, `commands/` and `prompts/` folders, and
/// those the files belong to), from the start of each file, read in
/// parallel: its frontmatter, never more than [`policy::HEAD_BYTES`].
/// Files are told apart by their path in the project (no `canonicalize`,
/// which cost a system call per folder of the path).
pub fn build_index(files: &[(PathBuf, String)], project: &Project) -> NameIndex {
    index_and_classify::<()>(files, project, None).index
}

/// Checks a document of `files` (by its position there) in the pass that
/// builds the index: `None` leaves it for later.
pub type CheckNow<'a, T> = &'a (dyn Fn(usize, Document, Kind) -> Option<T> + Sync);

/// What the pass that builds the index made of `files`.
pub struct FirstPass<T> {
    pub index: NameIndex,
    /// What the policy decided of each file whose head was read (`None`
    /// for the others), for [`Checker::check_classified`]: each head is
    /// read and classified once.
    pub scopes: Vec<Option<Scope>>,
    /// The files checked already, by position in `files`.
    pub checked: Vec<Option<T>>,
}

/// [`build_index`], and what the policy decided of each of `files`. With
/// `check_now`, a file whose kind consults no index
/// ([`analysis::uses_index`]: a role, a vendor agent file, a template) is
/// read on to its end and handed over at once, so it is read once.
pub fn index_and_classify<T: Send>(
    files: &[(PathBuf, String)],
    project: &Project,
    check_now: Option<CheckNow<'_, T>>,
) -> FirstPass<T> {
    let unchecked = || (0..files.len()).map(|_| None).collect::<Vec<Option<T>>>();
    let mut trees: HashSet<String> = HashSet::new();
    // The project's own valora trees, whatever is checked (a kind of your own
    // may name its commands), and those of the files.
    for root in policy::VALORA_ROOTS {
        if project.root.join(root).is_dir() {
            trees.insert((*root).to_string());
        }
    }
    // The files outside the project root are not indexed (their slot in the
    // scopes stays `None`); `positions` maps each listed file to its slot.
    let mut listed: Vec<(String, &Path, &str)> = Vec::with_capacity(files.len());
    let mut positions: Vec<usize> = Vec::with_capacity(files.len());
    for (i, (path, display)) in files.iter().enumerate() {
        let Some(rel) = project.relative(path) else { continue };
        if let Some(layout) = policy::layout(&rel) {
            trees.insert(layout.tree.to_string());
        }
        listed.push((rel, path, display));
        positions.push(i);
    }
    // Names are used only by commands, prompts, registries and kinds of your
    // own: with no valora tree and no `[[kinds]]`, nothing reads the index,
    // so no file is read twice for it.
    if trees.is_empty() && project.config.kinds.is_empty() {
        return FirstPass { index: NameIndex::new(), scopes: vec![None; files.len()], checked: unchecked() };
    }
    let mut trees: Vec<String> = trees.into_iter().collect();
    trees.sort();
    // The listed files are read while the trees are listed for the files
    // the walk did not list.
    let (found, listed_reads) = rayon::join(
        || unlisted_tree_files(project, &trees, &listed),
        || {
            listed
                .par_iter()
                .zip(&positions)
                .map(|((rel, path, display), &slot)| {
                    first_read(project, rel, path, display, check_now.map(|c| (slot, c)))
                })
                .collect::<Vec<FirstRead<T>>>()
        },
    );
    let found_reads: Vec<FirstRead<T>> =
        found.par_iter().map(|(rel, path, display)| first_read(project, rel, path, display, None)).collect();
    let mut scopes = vec![None; files.len()];
    let mut checked = unchecked();
    let mut summaries = Vec::with_capacity(listed_reads.len() + found_reads.len());
    // Listed files first: of two documents with one name, the first indexed wins.
    for (first, &slot) in listed_reads.into_iter().zip(&positions) {
        scopes[slot] = first.scope;
        checked[slot] = first.checked;
        summaries.extend(first.summary);
    }
    summaries.extend(found_reads.into_iter().filter_map(|first| first.summary));
    FirstPass { index: NameIndex::from_summaries(summaries), scopes, checked }
}

/// The files of the valora `trees` that are not `listed` (a subfolder named
/// alone, a file ignored by git), as (path in the project, path, shown as),
/// named from the tree as text, so a listed file costs one set lookup. Two
/// trees never list the same file (each lists its own two folders deep at most).
fn unlisted_tree_files(
    project: &Project,
    trees: &[String],
    listed: &[(String, &Path, &str)],
) -> Vec<(String, PathBuf, String)> {
    let seen: HashSet<&str> = listed.iter().map(|(rel, _, _)| rel.as_str()).collect();
    let mut found = Vec::new();
    for tree in trees {
        let dir = project.root.join(tree);
        for sub in discover::valora_tree_files(&dir) {
            let rel = if tree.is_empty() { sub.clone() } else { format!("{tree}/{sub}") };
            if seen.contains(rel.as_str()) || project.config.exclude.matches_path_or_parent(&rel) {
                continue;
            }
            let path = dir.join(&sub);
            let display = discover::display_from(&project.cwd, &path);
            found.push((rel, path, display));
        }
    }
    found
}

/// What the first pass made of one file.
struct FirstRead<T> {
    scope: Option<Scope>,
    summary: Option<project::Summary>,
    checked: Option<T>,
}

/// Reads the start of the file at `rel` (`path` on disk), classifies and
/// summarises it; with `now` (its slot among the listed files and what to
/// do with it), checks it at once when its kind consults no index.
fn first_read<T>(
    project: &Project,
    rel: &str,
    path: &Path,
    display: &str,
    now: Option<(usize, CheckNow<'_, T>)>,
) -> FirstRead<T> {
    let nothing = FirstRead { scope: None, summary: None, checked: None };
    if !rel.ends_with(".md") && !rel.ends_with(".mdc") && !rel.ends_with(".markdown") {
        return nothing;
    }
    let Ok(mut file) = fsio::open_regular(path) else { return nothing };
    let Ok(head) = file.read_deciding_head() else { return nothing };
    let (scope, summary) = {
        let text = policy::head_text(&head);
        let (scope, frontmatter) = policy::classify_read(&project.config, Some(rel), &text);
        let summary = match scope {
            Scope::In(kind) => project::summarize_classified(kind, frontmatter.as_ref(), rel, display),
            Scope::Out(_) => None,
        };
        (scope, summary)
    };
    let checked = match (scope, now) {
        (Scope::In(kind), Some((slot, check_now))) if !analysis::uses_index(kind, &project.schemas) => file
            .read_rest(head, policy::MAX_FILE_BYTES)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| check_now(slot, parse(text, kind), kind)),
        // Read again in full when checked, errors worded then.
        _ => None,
    };
    FirstRead { scope: Some(scope), summary, checked }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use rolekit_core::analysis::{Lookup, ProjectIndex};

    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(root)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }

    /// The pass that builds the index checks roles as it reads them (read
    /// once), leaves commands for the second pass, and indexes both, and the
    /// files of the tree that were not listed.
    #[test]
    fn roles_are_checked_in_the_index_pass_and_commands_wait() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::create_dir(root.join(".git")).unwrap_or_else(|e| panic!("{e}"));
        write(root, "data/agents/lead.md", "---\nrole: lead\nversion: 1.0.0\n---\n# Lead\n");
        write(root, "data/agents/qa.md", "---\nrole: qa\nversion: 1.0.0\n---\n# QA\n");
        write(root, "data/commands/plan.md", "---\nname: plan\nagent: lead\n---\n# Plan\n");
        let project = Project::load(None, root).unwrap_or_else(|e| panic!("{e}"));
        // `qa.md` is not listed: indexed from the tree, never checked here.
        let files: Vec<(PathBuf, String)> = ["data/agents/lead.md", "data/commands/plan.md"]
            .iter()
            .map(|rel| (root.join(rel), rel.to_string()))
            .collect();
        let seen = Mutex::new(Vec::new());
        let check_now = |slot: usize, doc: Document, kind: Kind| -> Option<(usize, Kind)> {
            seen.lock().unwrap_or_else(|e| e.into_inner()).push(slot);
            assert!(doc.text().ends_with("# Lead\n"), "read to its end");
            Some((slot, kind))
        };
        let first = index_and_classify(&files, &project, Some(&check_now as CheckNow<(usize, Kind)>));
        assert_eq!(*seen.lock().unwrap_or_else(|e| e.into_inner()), [0]);
        assert_eq!(first.checked[0], Some((0, Kind::Role)));
        assert_eq!(first.checked[1], None);
        assert_eq!(first.scopes, [Some(Scope::In(Kind::Role)), Some(Scope::In(Kind::Command))]);
        for (family, name) in [(Family::Role, "lead"), (Family::Role, "qa"), (Family::Command, "plan")] {
            assert!(matches!(first.index.lookup(family, "data", name), Lookup::Found(_)), "{name}");
        }
        // Without a check to run, nothing is checked and the index is the same.
        let index = build_index(&files, &project);
        assert!(matches!(index.lookup(Family::Role, "data", "qa"), Lookup::Found(_)));
    }
}
