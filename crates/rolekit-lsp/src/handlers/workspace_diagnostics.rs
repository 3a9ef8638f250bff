//! `workspace/diagnostic`: the diagnostics of the project's files on disk
//! that are not open (the indexed roles, commands, prompts and vendor agent
//! files, and the valora `registry.json` beside them), for the editor's
//! problems list. Open documents are answered by
//! `textDocument/diagnostic`, at their current revision.
//!
//! Each file is read (skipped over [`MAX_FILE_BYTES`]), classified by the
//! policy (out of scope or excluded: skipped) and checked as an open document
//! is (`workspace::check::check`), outside the workspace lock. Each report
//! carries a `resultId`, a hash of what it says: a file whose report equals
//! the one the client holds (its `previousResultIds`) is answered
//! `unchanged`.
//!
//! Clients pull again as soon as an answer arrives (VS Code's every two
//! seconds), so a file is checked again only when something its check read
//! changed: its text, the policy, the project's names, or the text of a
//! parent it inherits from ([`Reports`] remembers each). When the editor
//! watches files, a file whose index entry is the one its report was made
//! with is not read at all. The server runs this off the message loop.
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use ls_types as lsp;
use rolekit_core::project::NameIndex;
use rolekit_core::Document;

use super::diagnostics;
use crate::fs::{FileSystem, MAX_FILE_BYTES};
use crate::session::Session;
use crate::to_json::to_json;
use crate::workspace::index::ProjectEntry;
use crate::workspace::policy::Policy;
use crate::workspace::{check, lock, Workspace};

/// The last report of each file and what its check read, kept between pulls.
#[derive(Default)]
pub struct Reports {
    files: HashMap<String, Report>,
}

struct Report {
    /// The index entry of the file when the report was made (replaced when
    /// the editor reports a change of the file).
    entry: Arc<ProjectEntry>,
    /// A hash of the file's text.
    text: u64,
    /// The policy and the names it was checked with (held, so their
    /// addresses are not reused while compared).
    policy: Arc<Policy>,
    names: Option<Arc<NameIndex>>,
    /// The parents its check read, each with a hash of its text.
    parents: Vec<(String, u64)>,
    result_id: String,
    items: Vec<lsp::Diagnostic>,
}

fn hash_text(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A hash of the current text of `location` (open, else on disk; 0 when missing).
fn current_text(workspace: &Mutex<Workspace>, fs: &dyn FileSystem, location: &str) -> u64 {
    // Hashed outside the lock.
    let open = lock(workspace).docs.get(location).map(|d| d.content.clone());
    match open {
        Some(content) => hash_text(content.text()),
        None => fs.read(location).map_or(0, |t| hash_text(&t)),
    }
}

/// The project's indexed files that are not open, by URI.
fn unopened(workspace: &Mutex<Workspace>) -> Vec<(String, Arc<ProjectEntry>)> {
    let w = lock(workspace);
    let mut files: Vec<(String, Arc<ProjectEntry>)> = w
        .index
        .projects()
        .filter(|(uri, _)| !w.docs.contains_key(*uri))
        .map(|(uri, e)| (uri.clone(), e.clone()))
        .collect();
    rolekit_core::sort::sort_by(&mut files, |a, b| a.0.cmp(&b.0));
    files
}

/// A stable name for a report: a hash of its diagnostics.
fn result_id(items: &[lsp::Diagnostic]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    to_json(items).as_bytes().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

pub fn workspace_diagnostics(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    session: &Session,
    reports: &Mutex<Reports>,
    previous: &[lsp::PreviousResultId],
) -> lsp::WorkspaceDiagnosticReport {
    let previous: HashMap<&str, &str> = previous.iter().map(|p| (p.uri.as_str(), p.value.as_str())).collect();
    let (policy, names) = {
        let mut w = lock(workspace);
        // Before the index is complete, no name has a verdict (as for open documents).
        let names = w.names_complete().then(|| w.names());
        (w.policy.clone(), names)
    };
    let mut reports = reports.lock().unwrap_or_else(|e| e.into_inner());
    let files = unopened(workspace);
    // Each parent's text is hashed once per pull, however many children it has.
    let mut parents: HashMap<String, u64> = HashMap::new();
    let mut items = Vec::new();
    let mut kept = HashMap::with_capacity(files.len());
    // With the editor watching files, a file whose index entry is the one
    // its report was made with has not changed on disk: it is not even read.
    let watched = session.caps.watch_files_dynamic;
    for (file, entry) in files {
        let Ok(uri) = file.parse::<lsp::Uri>() else { continue };
        let mut same_inputs = |r: &Report| {
            Arc::ptr_eq(&r.policy, &policy)
                && match (&r.names, &names) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
                && r.parents.iter().all(|(location, hash)| {
                    *parents.entry(location.clone()).or_insert_with(|| current_text(workspace, fs, location)) == *hash
                })
        };
        let cached = reports.files.remove(&file);
        let (same, text) = match cached {
            Some(r) if watched && Arc::ptr_eq(&r.entry, &entry) && same_inputs(&r) => (Some(r), None),
            cached => {
                let Some(text) = fs.read(&file).filter(|t| t.len() as u64 <= MAX_FILE_BYTES) else { continue };
                let text_hash = hash_text(&text);
                let same = cached
                    .filter(|r| r.text == text_hash && same_inputs(r))
                    .map(|r| Report { entry: entry.clone(), ..r });
                (same, Some((text, text_hash)))
            }
        };
        let report = match same {
            Some(report) => report,
            None => {
                let Some((text, text_hash)) = text else { continue };
                let scope = policy.scope(&file, &text);
                if scope.kind().is_none() {
                    continue;
                }
                let doc = Arc::new(Document::new(text));
                let checked = check::check(workspace, fs, &file, 0, &doc, scope, &policy);
                let found = diagnostics::items(uri.clone(), &doc, &checked, session);
                Report {
                    entry,
                    text: text_hash,
                    policy: policy.clone(),
                    names: names.clone(),
                    parents: checked.parents.iter().map(|(l, d)| (l.clone(), hash_text(d.text()))).collect(),
                    result_id: result_id(&found),
                    items: found,
                }
            }
        };
        let held = previous.get(file.as_str()) == Some(&report.result_id.as_str());
        items.push(file_report(uri, report.result_id.clone(), held, || report.items.clone()));
        kept.insert(file, report);
    }
    // Files gone, opened or out of scope are forgotten.
    reports.files = kept;
    for (file, found) in registries(workspace, fs, session, &policy) {
        let Ok(uri) = file.parse::<lsp::Uri>() else { continue };
        let id = result_id(&found);
        let held = previous.get(file.as_str()) == Some(&id.as_str());
        items.push(file_report(uri, id, held, || found));
    }
    lsp::WorkspaceDiagnosticReport { items }
}

/// The valora `registry.json` files beside the project's files that are
/// not open (one per family folder of a tree the index holds files of),
/// each checked as an open registry is (against the index, reading none of
/// its files); checked at every pull, since what they say depends on every
/// file of their family.
fn registries(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    session: &Session,
    policy: &Arc<Policy>,
) -> Vec<(String, Vec<lsp::Diagnostic>)> {
    // Sorted and deduplicated (through the core's one compiled sort, not a `BTreeSet`'s own).
    let mut candidates: Vec<String> = {
        let w = lock(workspace);
        w.index
            .projects()
            .filter_map(|(uri, e)| {
                let summary = &e.summary;
                let folder = summary.kind.family().folder().filter(|_| !summary.tree.is_empty())?;
                let root = policy.roots.iter().find(|r| uri.starts_with(r.as_str()))?;
                let path: Vec<String> =
                    summary.tree.split('/').chain([folder, "registry.json"]).map(crate::uri::encode).collect();
                Some(format!("{root}{}", path.join("/")))
            })
            .filter(|registry| !w.docs.contains_key(registry))
            .collect()
    };
    rolekit_core::sort::sort_by(&mut candidates, |a, b| a.cmp(b));
    candidates.dedup();
    let mut out = Vec::new();
    for file in candidates {
        let Ok(uri) = file.parse::<lsp::Uri>() else { continue };
        let Some(text) = fs.read(&file).filter(|t| t.len() as u64 <= MAX_FILE_BYTES) else { continue };
        let scope = policy.scope(&file, &text);
        if !matches!(scope.kind(), Some(rolekit_core::policy::Kind::Registry(_))) {
            continue;
        }
        let doc = Arc::new(Document::new(text));
        let checked = check::check(workspace, fs, &file, 0, &doc, scope, policy);
        out.push((file, diagnostics::items(uri, &doc, &checked, session)));
    }
    out
}

/// A file's report: `unchanged` when the client holds `id` already, else
/// the whole report (its items built only then).
fn file_report(
    uri: lsp::Uri,
    id: String,
    held: bool,
    items: impl FnOnce() -> Vec<lsp::Diagnostic>,
) -> lsp::WorkspaceDocumentDiagnosticReport {
    if held {
        lsp::WorkspaceDocumentDiagnosticReport::Unchanged(lsp::WorkspaceUnchangedDocumentDiagnosticReport {
            uri,
            version: None,
            unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport { result_id: id },
        })
    } else {
        lsp::WorkspaceDocumentDiagnosticReport::Full(lsp::WorkspaceFullDocumentDiagnosticReport {
            uri,
            version: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id: Some(id), items: items() },
        })
    }
}

#[cfg(test)]
mod tests {
    use rolekit_core::policy::Settings;
    use rolekit_core::PositionEncoding;

    use super::*;
    use crate::fs::MemoryFs;
    use crate::workspace::indexer::{self, Budget, Slice};

    const ROOT: &str = "file:///w/";

    fn ids(report: &lsp::WorkspaceDiagnosticReport) -> Vec<(String, String)> {
        report
            .items
            .iter()
            .map(|i| match i {
                lsp::WorkspaceDocumentDiagnosticReport::Full(f) => (
                    f.uri.as_str().to_string(),
                    f.full_document_diagnostic_report.result_id.clone().unwrap_or_default(),
                ),
                lsp::WorkspaceDocumentDiagnosticReport::Unchanged(u) => (
                    u.uri.as_str().to_string(),
                    format!("unchanged {}", u.unchanged_document_diagnostic_report.result_id),
                ),
            })
            .collect()
    }

    fn indexed(fs: &MemoryFs) -> Mutex<Workspace> {
        let (policy, _) = Policy::load(fs, vec![ROOT.to_string()].into(), &Settings::default());
        let w = Mutex::new(Workspace::new(PositionEncoding::Utf16, policy));
        lock(&w).start_indexing();
        while indexer::slice(&w, fs, Budget { files: 100, ms: 1e9 }, &|| None) == Slice::More {}
        w
    }

    #[test]
    fn with_watched_files_an_unchanged_entry_is_not_read_again() {
        let fs = MemoryFs::new();
        let uri = format!("{ROOT}qa.md");
        fs.insert(uri.clone(), "---\nrole: qa\nversion: 1.0.0\n---\n# QA\n");
        let w = indexed(&fs);
        let mut session = Session::default();
        session.caps.watch_files_dynamic = true;
        let reports = Mutex::new(Reports::default());
        let first = ids(&workspace_diagnostics(&w, &fs, &session, &reports, &[]));
        // Changed on disk, unannounced: the watched workspace trusts its index.
        fs.insert(uri.clone(), "---\nrole: qa\nversion: 1.0.0\ntone: nope\n---\n# QA\n");
        assert_eq!(ids(&workspace_diagnostics(&w, &fs, &session, &reports, &[])), first);
        // Announced: a new index entry, so the file is read and checked again.
        let policy = lock(&w).policy.clone();
        let entry = crate::workspace::index::FileEntry::read(&fs, &uri, PositionEncoding::Utf16, &policy);
        let _ = lock(&w).files_changed(vec![(uri.clone(), entry)]);
        assert_ne!(ids(&workspace_diagnostics(&w, &fs, &session, &reports, &[])), first);
    }

    #[test]
    fn a_registry_beside_indexed_files_is_reported() {
        let fs = MemoryFs::new();
        let command = "---\nname: plan\ndescription: Plan\nmodel: claude-sonnet-4.6\nallowed-tools: [Read]\nprompts:\n  pipeline: []\n---\n# Plan\n";
        fs.insert(format!("{ROOT}data/commands/plan.md"), command);
        let registry = format!("{ROOT}data/commands/registry.json");
        fs.insert(registry.clone(), "{\"commands\": {\"plan\": {}, \"gone\": {}}}\n");
        let w = indexed(&fs);
        let reports = Mutex::new(Reports::default());
        let report = workspace_diagnostics(&w, &fs, &Session::default(), &reports, &[]);
        let found: Vec<(String, Vec<String>)> = report
            .items
            .iter()
            .filter_map(|i| match i {
                lsp::WorkspaceDocumentDiagnosticReport::Full(f) => Some((
                    f.uri.as_str().to_string(),
                    f.full_document_diagnostic_report
                        .items
                        .iter()
                        .map(|d| format!("{}:{} {}", d.range.start.line, d.range.start.character, d.message))
                        .collect(),
                )),
                lsp::WorkspaceDocumentDiagnosticReport::Unchanged(_) => None,
            })
            .filter(|(u, _)| *u == registry)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, ["0:26 the registry lists `gone`, but no such file is in `commands/`"]);
        // Pulled again with its result id: unchanged.
        let id = ids(&report).into_iter().find(|(u, _)| *u == registry).map(|(_, id)| id).unwrap_or_default();
        let previous = [lsp::PreviousResultId { uri: registry.parse().expect("a URI"), value: id.clone() }];
        let again = ids(&workspace_diagnostics(&w, &fs, &Session::default(), &reports, &previous));
        assert!(again.contains(&(registry.clone(), format!("unchanged {id}"))), "{again:?}");
    }

    #[test]
    fn a_file_is_checked_again_only_when_its_text_or_a_parents_changes() {
        let fs = MemoryFs::new();
        let base = "---\nrole: base\nversion: 1.0.0\ndescription: Base\n---\n# Base\n";
        fs.insert(format!("{ROOT}base.md"), base);
        fs.insert(format!("{ROOT}kid.md"), "---\nrole: kid\ninherits: base\nversion: 1.0.0\n---\n# Kid\n");
        let w = indexed(&fs);
        let session = Session::default();
        let reports = Mutex::new(Reports::default());
        let first = workspace_diagnostics(&w, &fs, &session, &reports, &[]);
        let kid = format!("{ROOT}kid.md");
        assert_eq!(
            ids(&first).iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(),
            [format!("{ROOT}base.md"), kid.clone()]
        );
        // A report kept is reused as it is: marked here, the mark comes back.
        if let Some(r) = reports.lock().unwrap_or_else(|e| e.into_inner()).files.get_mut(&kid) {
            r.result_id = "kept".to_string();
        }
        let again = workspace_diagnostics(&w, &fs, &session, &reports, &[]);
        assert_eq!(ids(&again)[1], (kid.clone(), "kept".to_string()));
        // The parent's text changes (the index and the names do not know yet): checked again.
        fs.insert(format!("{ROOT}base.md"), base.replace("description: Base\n", ""));
        lock(&w).disk.clear();
        let after = workspace_diagnostics(&w, &fs, &session, &reports, &[]);
        let (_, id) = &ids(&after)[1];
        assert_ne!(id, "kept");
        assert_ne!(ids(&first)[1].1, *id, "the missing description is reported");
    }
}
