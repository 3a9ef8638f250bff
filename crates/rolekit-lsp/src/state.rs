//! The server's state and every synchronous step: applying edits, checking
//! documents, answering feature requests. The async layer ([`crate::server`])
//! locks it, calls one method, unlocks, then talks to the client.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rolekit_core::analysis::{self, Parent};
use rolekit_core::ide::{self, RoleSummary};
use rolekit_core::{Document, LineIndex, PositionEncoding, TextRange};
use tower_lsp_server::ls_types as lsp;

use crate::config::{Config, FileConfig, Settings};
use crate::convert::{self, DiagnosticData, Lines};
use crate::fs::FileSystem;
use crate::index::{Index, RoleEntry};
use crate::uri;

/// What the client said it supports, reduced to what the server uses.
#[derive(Clone, Debug, Default)]
pub struct ClientCaps {
    pub snippets: bool,
    pub related_information: bool,
    pub hierarchical_symbols: bool,
    pub definition_links: bool,
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub watch_files_dynamic: bool,
    pub configuration: bool,
}

/// An open document and its last check.
pub struct OpenDoc {
    pub version: i32,
    pub doc: Arc<Document>,
    pub analysis: Analysis,
}

#[derive(Default)]
pub struct Analysis {
    /// A role file, or Markdown matched by the configured globs.
    pub in_scope: bool,
    pub diagnostics: Vec<rolekit_core::Diagnostic>,
    /// Shared with the pending publish: thousands of diagnostics are not copied.
    pub lsp: Arc<Vec<lsp::Diagnostic>>,
}

/// A `textDocument/publishDiagnostics` to send.
#[derive(Clone, Debug)]
pub struct Publish {
    pub uri: lsp::Uri,
    pub diagnostics: Arc<Vec<lsp::Diagnostic>>,
    pub version: Option<i32>,
}

/// What a state change asks the async layer to do.
#[derive(Debug, Default)]
pub struct Outcome {
    pub publish: Vec<Publish>,
    /// Pull mode: ask the client to pull again (other documents changed).
    pub refresh: bool,
    /// Messages for `window/logMessage` (warnings).
    pub log: Vec<String>,
    /// How many open documents were re-checked.
    pub rechecked: usize,
}

impl Outcome {
    fn merge(&mut self, other: Outcome) {
        self.publish.extend(other.publish);
        self.refresh |= other.refresh;
        self.log.extend(other.log);
        self.rechecked += other.rechecked;
    }
}

pub struct State {
    pub encoding: PositionEncoding,
    pub caps: ClientCaps,
    /// Push diagnostics (otherwise the client pulls them).
    pub push: bool,
    /// Workspace folder URIs, each ending in `/`.
    pub roots: Vec<String>,
    pub docs: HashMap<String, OpenDoc>,
    pub index: Index,
    pub file_config: FileConfig,
    pub settings: Settings,
    pub config: Config,
    /// Parsed files read from disk (parents), `None` for missing ones.
    disk: RefCell<HashMap<String, Option<Arc<Document>>>>,
    pub shutdown_requested: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            encoding: PositionEncoding::Utf16,
            caps: ClientCaps::default(),
            push: true,
            roots: Vec::new(),
            docs: HashMap::new(),
            index: Index::default(),
            file_config: FileConfig::default(),
            settings: Settings::default(),
            config: Config::default(),
            disk: RefCell::new(HashMap::new()),
            shutdown_requested: false,
        }
    }
}

/// Finds parents for `inherits`: open documents first, then files on disk
/// (`<name>.md` beside the child), parsed once and cached.
struct DocResolver<'a> {
    child: &'a str,
    docs: &'a HashMap<String, OpenDoc>,
    index: &'a Index,
    disk: &'a RefCell<HashMap<String, Option<Arc<Document>>>>,
    fs: &'a dyn FileSystem,
    found: RefCell<Vec<(String, Arc<Document>)>>,
}

impl DocResolver<'_> {
    fn target(&self, name: &str) -> Option<String> {
        if let Some(s) = uri::sibling(self.child, name) {
            return Some(s);
        }
        // A document without a folder (untitled): any open role, then the index.
        self.docs
            .iter()
            .filter(|(u, d)| u.as_str() != self.child && d.doc.role() == Some(name))
            .map(|(u, _)| u.clone())
            .min()
            .or_else(|| self.index.by_name(name).map(|e| e.uri.clone()))
    }

    fn load(&self, target: &str) -> Option<Arc<Document>> {
        if let Some(open) = self.docs.get(target) {
            return Some(open.doc.clone());
        }
        let mut disk = self.disk.borrow_mut();
        if let Some(cached) = disk.get(target) {
            return cached.clone();
        }
        let doc = self.fs.read(target).map(|t| Arc::new(Document::new(t)));
        disk.insert(target.to_string(), doc.clone());
        doc
    }
}

impl analysis::Resolver for DocResolver<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        let target = self.target(name)?;
        let document = self.load(&target)?;
        self.found.borrow_mut().push((target.clone(), document.clone()));
        Some(Parent { document, location: target })
    }
}

fn parse_uri(s: &str) -> Option<lsp::Uri> {
    s.parse().ok()
}

impl State {
    pub fn new(encoding: PositionEncoding, caps: ClientCaps, roots: Vec<String>, push: bool) -> Self {
        let roots = roots.into_iter().map(|r| if r.ends_with('/') { r } else { format!("{r}/") }).collect();
        State { encoding, caps, push, roots, ..State::default() }
    }

    // ----- configuration and workspace -------------------------------------------------

    /// Reads `rolekit.toml` from the first workspace folder and rebuilds the config.
    pub fn load_config(&mut self, fs: &dyn FileSystem) -> Vec<String> {
        let mut errors = Vec::new();
        self.file_config = match self.roots.first().and_then(|r| fs.read(&format!("{r}rolekit.toml"))) {
            Some(text) => {
                let (file, problems) = FileConfig::parse(&text);
                errors.extend(problems);
                file
            }
            None => FileConfig::default(),
        };
        errors.extend(self.rebuild_config());
        errors
    }

    /// Applies the editor's settings; `None` when they are the ones in force
    /// (clients resend them unchanged at startup: nothing to recheck then).
    pub fn set_settings(&mut self, settings: Settings) -> Option<Vec<String>> {
        if self.settings == settings {
            return None;
        }
        self.settings = settings;
        Some(self.rebuild_config())
    }

    fn rebuild_config(&mut self) -> Vec<String> {
        let (config, errors) = Config::build(&self.file_config, &self.settings);
        self.config = config;
        errors
    }

    /// Indexes the role files under every workspace folder.
    pub fn index_workspace(&mut self, fs: &dyn FileSystem) {
        let mut index = Index::default();
        for root in &self.roots {
            for file in fs.list_markdown(root) {
                if let Some(text) = fs.read(&file) {
                    let doc = Document::new(text);
                    if let Some(entry) = RoleEntry::from_document(&file, &doc, self.encoding) {
                        index.insert(entry);
                    }
                }
            }
        }
        self.index = index;
    }

    fn reindex_file(&mut self, fs: &dyn FileSystem, file: &str) {
        match fs.read(file).map(Document::new).and_then(|doc| RoleEntry::from_document(file, &doc, self.encoding)) {
            Some(entry) => self.index.insert(entry),
            None => self.index.remove(file),
        }
    }

    fn relative_path(&self, file: &str) -> String {
        self.roots
            .iter()
            .find_map(|r| uri::relative(file, r))
            .unwrap_or_else(|| uri::path(file).trim_start_matches('/').to_string())
    }

    pub fn in_scope(&self, file: &str, doc: &Document) -> bool {
        let rel = self.relative_path(file);
        !self.config.excluded(&rel) && (doc.is_role_file() || self.config.included(&rel))
    }

    // ----- document sync ---------------------------------------------------------------

    pub fn open(&mut self, fs: &dyn FileSystem, file: &str, version: i32, text: String) -> Outcome {
        self.forget_missing();
        let doc = Arc::new(Document::new(text));
        self.docs.insert(file.to_string(), OpenDoc { version, doc, analysis: Analysis::default() });
        self.recheck_with_dependents(fs, file)
    }

    /// Applies `changes` in order. Ranges are in the session's encoding; a
    /// change without a range replaces the whole text.
    pub fn change(
        &mut self,
        fs: &dyn FileSystem,
        file: &str,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
    ) -> Result<Outcome, String> {
        let encoding = self.encoding;
        let Some(open) = self.docs.get_mut(file) else {
            return Err(format!("didChange for a document that is not open: {file}"));
        };
        let mut text = open.doc.text().to_string();
        for (i, change) in changes.into_iter().enumerate() {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let fresh;
                    let index = if i == 0 {
                        open.doc.line_index()
                    } else {
                        fresh = LineIndex::new(&text);
                        &fresh
                    };
                    let lines = Lines { text: &text, index, encoding };
                    let r = lines.text_range(range);
                    let (start, end) = (r.start(), r.end());
                    if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                        return Err(format!("didChange: range {range:?} does not fit {file}"));
                    }
                    text.replace_range(start..end, &change.text);
                }
            }
        }
        open.doc = Arc::new(Document::new(text));
        open.version = version;
        Ok(self.recheck_with_dependents(fs, file))
    }

    pub fn save(&mut self, fs: &dyn FileSystem, file: &str, text: Option<String>) -> Outcome {
        self.forget_missing();
        self.disk.borrow_mut().remove(file);
        if let Some(open) = self.docs.get_mut(file) {
            if let Some(text) = text {
                open.doc = Arc::new(Document::new(text));
            }
            let entry = RoleEntry::from_document(file, &open.doc, self.encoding);
            let in_root = self.roots.iter().any(|r| file.starts_with(r.as_str()));
            match entry {
                Some(e) if in_root => self.index.insert(e),
                _ => self.index.remove(file),
            }
        }
        self.recheck_with_dependents(fs, file)
    }

    pub fn close(&mut self, fs: &dyn FileSystem, file: &str) -> Outcome {
        let mut out = Outcome::default();
        if self.docs.remove(file).is_none() {
            return out;
        }
        if self.push {
            if let Some(uri) = parse_uri(file) {
                out.publish.push(Publish { uri, diagnostics: Arc::default(), version: None });
            }
        }
        out.merge(self.recheck_dependents(fs, file));
        out
    }

    /// `workspace/didChangeWatchedFiles`: keeps the index, the parent cache
    /// and the configuration current, and re-checks open documents affected.
    pub fn watched(&mut self, fs: &dyn FileSystem, changes: &[(String, bool)]) -> Outcome {
        let mut out = Outcome::default();
        let mut config_changed = false;
        let mut folders: Vec<String> = Vec::new();
        for (file, deleted) in changes {
            self.disk.borrow_mut().remove(file);
            if uri::file_name(file) == "rolekit.toml" {
                config_changed = true;
                continue;
            }
            let in_root = self.roots.iter().any(|r| file.starts_with(r.as_str()));
            if *deleted || !in_root {
                self.index.remove(file);
            } else {
                self.reindex_file(fs, file);
            }
            folders.push(uri::folder(file).to_string());
        }
        self.forget_missing();
        if config_changed {
            out.log.extend(self.load_config(fs));
            out.merge(self.recheck_all(fs));
            return out;
        }
        folders.sort();
        folders.dedup();
        let affected: Vec<String> = self
            .docs
            .iter()
            .filter(|(u, d)| folders.iter().any(|f| uri::folder(u) == f) && d.doc.inherits().is_some())
            .map(|(u, _)| u.clone())
            .collect();
        for file in affected {
            out.merge(self.recheck(fs, &file));
        }
        if !self.push && out.rechecked > 0 {
            out.refresh = true;
        }
        out
    }

    pub fn recheck_all(&mut self, fs: &dyn FileSystem) -> Outcome {
        let mut out = Outcome::default();
        let mut files: Vec<String> = self.docs.keys().cloned().collect();
        files.sort();
        for file in files {
            out.merge(self.recheck(fs, &file));
        }
        if !self.push {
            out.refresh = true;
        }
        out
    }

    /// Drops cached "file missing" answers (a file may have appeared).
    fn forget_missing(&self) {
        self.disk.borrow_mut().retain(|_, d| d.is_some());
    }

    fn recheck_with_dependents(&mut self, fs: &dyn FileSystem, file: &str) -> Outcome {
        let mut out = self.recheck(fs, file);
        out.merge(self.recheck_dependents(fs, file));
        out
    }

    /// Re-checks the other open documents in the folder of `file` that
    /// inherit (their chain may run through `file`).
    fn recheck_dependents(&mut self, fs: &dyn FileSystem, file: &str) -> Outcome {
        let folder = uri::folder(file);
        let mut dependents: Vec<String> = self
            .docs
            .iter()
            .filter(|(u, d)| {
                u.as_str() != file && d.doc.inherits().is_some() && (folder.is_empty() || uri::folder(u) == folder)
            })
            .map(|(u, _)| u.clone())
            .collect();
        dependents.sort();
        let mut out = Outcome::default();
        for d in dependents {
            out.merge(self.recheck(fs, &d));
        }
        if !self.push && out.rechecked > 0 {
            out.refresh = true;
        }
        out
    }

    /// Checks one open document and stores the result; returns what to publish.
    fn recheck(&mut self, fs: &dyn FileSystem, file: &str) -> Outcome {
        let mut out = Outcome::default();
        let Some(open) = self.docs.get(file) else { return out };
        let doc = open.doc.clone();
        let version = open.version;
        let analysis = self.analyze(fs, file, &doc, version);
        let publish = self.push.then(|| parse_uri(file)).flatten().map(|uri| Publish {
            uri,
            diagnostics: analysis.lsp.clone(),
            version: Some(version),
        });
        if let Some(open) = self.docs.get_mut(file) {
            open.analysis = analysis;
        }
        out.publish.extend(publish);
        out.rechecked += 1;
        out
    }

    /// Parents for `file`: open documents first, then the index and the disk.
    fn resolver<'a>(&'a self, fs: &'a dyn FileSystem, file: &'a str) -> DocResolver<'a> {
        DocResolver {
            child: file,
            docs: &self.docs,
            index: &self.index,
            disk: &self.disk,
            fs,
            found: RefCell::new(Vec::new()),
        }
    }

    fn analyze(&self, fs: &dyn FileSystem, file: &str, doc: &Document, version: i32) -> Analysis {
        if !self.in_scope(file, doc) {
            return Analysis::default();
        }
        let resolver = self.resolver(fs, file);
        let stem = uri::file_stem(file);
        let kind = if stem.as_deref().is_some_and(|s| s.starts_with('_')) {
            rolekit_core::policy::Kind::RoleTemplate
        } else {
            rolekit_core::policy::Kind::Role
        };
        let ctx = analysis::Context {
            file_stem: stem.as_deref(),
            kind,
            resolver: &resolver,
            config: &self.config.rules,
            token_budget: None,
        };
        let diagnostics = analysis::check(doc, &ctx);
        let Some(this_uri) = parse_uri(file) else {
            return Analysis { in_scope: true, diagnostics, lsp: Arc::default() };
        };
        let lines = Lines::of(doc, self.encoding);
        let found = resolver.found.borrow();
        let encoding = self.encoding;
        let other = |location: &str, range: TextRange| -> Option<lsp::Location> {
            let (_, parent) = found.iter().find(|(l, _)| l == location)?;
            Some(lsp::Location { uri: parse_uri(location)?, range: Lines::of(parent, encoding).range(range) })
        };
        let lsp = diagnostics
            .iter()
            .enumerate()
            .map(|(i, d)| convert::diagnostic(d, (i, version), lines, &this_uri, &other, self.caps.related_information))
            .collect();
        Analysis { in_scope: true, diagnostics, lsp: Arc::new(lsp) }
    }

    // ----- features ----------------------------------------------------------------------

    /// The role with its parent chain merged in (open document, else the file).
    pub fn resolved_role(&self, fs: &dyn FileSystem, file: &str) -> Option<serde_json::Value> {
        let doc = match self.docs.get(file) {
            Some(d) => d.doc.clone(),
            None => Arc::new(Document::new(fs.read(file)?)),
        };
        let resolver = self.resolver(fs, file);
        let resolution = analysis::resolve(&doc, &resolver);
        Some(analysis::resolved_role(&doc, &resolution))
    }

    fn open_doc(&self, file: &str) -> Option<&OpenDoc> {
        self.docs.get(file)
    }

    /// The open document when it is in scope.
    fn scoped(&self, file: &str) -> Option<&OpenDoc> {
        self.open_doc(file).filter(|d| d.analysis.in_scope)
    }

    /// Roles `inherits` may name from `file`: role files in its folder.
    pub fn roles_for(&self, file: &str) -> Vec<RoleSummary> {
        let folder = uri::folder(file);
        let mut by_name: BTreeMap<String, RoleSummary> = BTreeMap::new();
        let mut add = |name: &str, description: Option<String>, location: &str| {
            by_name.entry(name.to_string()).or_insert_with(|| RoleSummary {
                name: name.to_string(),
                description,
                location: location.to_string(),
            });
        };
        let mut open: Vec<(&String, &OpenDoc)> = self
            .docs
            .iter()
            .filter(|(u, _)| u.as_str() != file && uri::folder(u) == folder && !folder.is_empty())
            .collect();
        open.sort_by(|a, b| a.0.cmp(b.0));
        for (u, d) in open {
            if let Some(e) = RoleEntry::from_document(u, &d.doc, self.encoding) {
                add(&e.name, e.description, u);
            }
        }
        if !folder.is_empty() {
            for e in self.index.in_folder(folder) {
                if e.uri != file && !self.docs.contains_key(&e.uri) {
                    add(&e.name, e.description.clone(), &e.uri);
                }
            }
        }
        by_name.into_values().collect()
    }

    pub fn diagnostics(&self, file: &str) -> Option<(i32, Vec<lsp::Diagnostic>)> {
        self.open_doc(file).map(|d| (d.version, d.analysis.lsp.as_ref().clone()))
    }

    pub fn completion(&self, file: &str, position: lsp::Position) -> Option<lsp::CompletionResponse> {
        let open = self.open_doc(file)?;
        // An empty Markdown file may become a role file: offer the skeleton there.
        if !open.analysis.in_scope && !open.doc.text().trim().is_empty() {
            return None;
        }
        let lines = Lines::of(&open.doc, self.encoding);
        let offset = lines.offset(position);
        let roles = self.roles_for(file);
        let items = ide::completions(&open.doc, offset, &roles);
        Some(lsp::CompletionResponse::Array(
            items.iter().map(|i| convert::completion(i, lines, self.caps.snippets)).collect(),
        ))
    }

    pub fn hover(&self, file: &str, position: lsp::Position) -> Option<lsp::Hover> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        let offset = lines.offset(position);
        let roles = self.roles_for(file);
        ide::hover(&open.doc, offset, &open.analysis.diagnostics, &roles).map(|h| convert::hover(&h, lines))
    }

    pub fn symbols(&self, file: &str) -> Option<lsp::DocumentSymbolResponse> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        let symbols = ide::document_symbols(&open.doc);
        if self.caps.hierarchical_symbols {
            Some(lsp::DocumentSymbolResponse::Nested(symbols.iter().map(|s| convert::symbol(s, lines)).collect()))
        } else {
            let uri = parse_uri(file)?;
            let mut flat = Vec::new();
            convert::flat_symbols(&symbols, lines, &uri, None, &mut flat);
            Some(lsp::DocumentSymbolResponse::Flat(flat))
        }
    }

    pub fn folding(&self, file: &str) -> Option<Vec<lsp::FoldingRange>> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        Some(ide::folding_ranges(&open.doc).iter().filter_map(|f| convert::folding(f, lines)).collect())
    }

    pub fn selection(&self, file: &str, positions: &[lsp::Position]) -> Option<Vec<lsp::SelectionRange>> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        Some(
            positions
                .iter()
                .map(|p| {
                    let offset = lines.offset(*p);
                    convert::selection(&ide::selection_ranges(&open.doc, offset), offset, lines)
                })
                .collect(),
        )
    }

    /// The range of `role:`'s value in another document (open or on disk).
    fn role_range(&self, fs: &dyn FileSystem, target: &str) -> lsp::Range {
        let doc = match self.docs.get(target) {
            Some(d) => Some(d.doc.clone()),
            None => {
                let cached = self.disk.borrow().get(target).cloned().flatten();
                cached.or_else(|| fs.read(target).map(|t| Arc::new(Document::new(t))))
            }
        };
        doc.and_then(|d| {
            let node = d.root()?.get("role")?;
            Some(Lines::of(&d, self.encoding).range(node.range))
        })
        .unwrap_or_default()
    }

    pub fn definition(
        &self,
        fs: &dyn FileSystem,
        file: &str,
        position: lsp::Position,
    ) -> Option<lsp::GotoDefinitionResponse> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        let roles = self.roles_for(file);
        let link = ide::definition(&open.doc, lines.offset(position), &roles)?;
        let target_uri = parse_uri(&link.target)?;
        let target_range = self.role_range(fs, &link.target);
        if self.caps.definition_links {
            Some(lsp::GotoDefinitionResponse::Link(vec![lsp::LocationLink {
                origin_selection_range: Some(lines.range(link.range)),
                target_uri,
                target_range,
                target_selection_range: target_range,
            }]))
        } else {
            Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location { uri: target_uri, range: target_range }))
        }
    }

    pub fn links(&self, file: &str) -> Option<Vec<lsp::DocumentLink>> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        let roles = self.roles_for(file);
        Some(
            ide::document_links(&open.doc, &roles)
                .iter()
                .filter_map(|l| {
                    Some(lsp::DocumentLink {
                        range: lines.range(l.range),
                        target: Some(parse_uri(&l.target)?),
                        tooltip: None,
                        data: None,
                    })
                })
                .collect(),
        )
    }

    /// The roles that inherit the one at the cursor: the `inherits` value's
    /// parent when the cursor is on it, otherwise this document's role.
    pub fn references(
        &self,
        file: &str,
        position: lsp::Position,
        include_declaration: bool,
    ) -> Option<Vec<lsp::Location>> {
        let open = self.scoped(file)?;
        let lines = Lines::of(&open.doc, self.encoding);
        let offset = lines.offset(position);
        let folder = uri::folder(file);
        let (name, declaration) = match open.doc.inherits() {
            Some(node) if node.range.touches(offset) => {
                let name = node.as_str()?.to_string();
                let target = uri::sibling(file, &name);
                (name, target)
            }
            _ => (open.doc.role()?.to_string(), Some(file.to_string())),
        };
        let mut found: BTreeMap<String, lsp::Range> = BTreeMap::new();
        for (u, d) in &self.docs {
            if folder.is_empty() || uri::folder(u) != folder {
                continue;
            }
            if let Some(node) = d.doc.inherits().filter(|n| n.as_str() == Some(name.as_str())) {
                found.insert(u.clone(), Lines::of(&d.doc, self.encoding).range(node.range));
            }
        }
        if !folder.is_empty() {
            for e in self.index.in_folder(folder) {
                if self.docs.contains_key(&e.uri) {
                    continue;
                }
                if let (Some((parent, _)), Some(range)) = (&e.inherits, e.inherits_range) {
                    if *parent == name {
                        found.insert(e.uri.clone(), range);
                    }
                }
            }
        }
        let mut out = Vec::new();
        if include_declaration {
            if let Some(decl) = declaration {
                let range = match self.docs.get(&decl) {
                    Some(d) => d
                        .doc
                        .root()
                        .and_then(|r| r.get("role"))
                        .map(|n| Lines::of(&d.doc, self.encoding).range(n.range)),
                    None => None,
                };
                if let (Some(uri), Some(range)) = (parse_uri(&decl), range) {
                    out.push(lsp::Location { uri, range });
                }
            }
        }
        out.extend(found.into_iter().filter_map(|(u, range)| Some(lsp::Location { uri: parse_uri(&u)?, range })));
        Some(out)
    }

    pub fn code_actions(&self, file: &str, params: &lsp::CodeActionParams) -> Option<lsp::CodeActionResponse> {
        let open = self.scoped(file)?;
        let uri = params.text_document.uri.clone();
        let wanted = |kind: &lsp::CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter()
                    .any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str())))
            })
        };
        let mut out: lsp::CodeActionResponse = Vec::new();
        // Quick fixes carried by the diagnostics themselves.
        for d in &params.context.diagnostics {
            if d.source.as_deref() != Some("rolekit") {
                continue;
            }
            let Some(data) = d.data.clone().and_then(|v| serde_json::from_value::<DiagnosticData>(v).ok()) else {
                continue;
            };
            let Some(mut fix) = data.fix else { continue };
            if !wanted(&lsp::CodeActionKind::QUICKFIX) {
                continue;
            }
            if let (Some(index), Some(version)) = (fix.index, fix.version) {
                // A large fix, kept here: only valid for the version it was computed on.
                let cached = open
                    .analysis
                    .diagnostics
                    .get(index)
                    .filter(|c| c.rule.as_str() == data.rule && version == open.version);
                let Some(core_fix) = cached.and_then(|c| c.fix.as_ref()) else { continue };
                fix.edits = convert::edits(&core_fix.edits, Lines::of(&open.doc, self.encoding));
            }
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: fix.title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(convert::workspace_edit(&uri, fix.edits)),
                is_preferred: Some(fix.safe),
                ..Default::default()
            }));
        }
        // The core's other actions (missing sections, required keys, constraints form).
        let lines = Lines::of(&open.doc, self.encoding);
        let range = lines.text_range(params.range);
        let diagnostics = &open.analysis.diagnostics;
        for action in ide::code_actions(&open.doc, range, diagnostics) {
            let linked = action.diagnostic.and_then(|i| diagnostics.get(i).map(|d| (i, d)));
            if let Some((_, d)) = linked {
                // Already offered from `Diagnostic.data`.
                if d.fix.as_ref().is_some_and(|f| f.description == action.title) {
                    continue;
                }
            }
            let kind = convert::action_kind(action.kind);
            if !wanted(&kind) {
                continue;
            }
            let edits = action
                .edits
                .iter()
                .map(|e| lsp::TextEdit { range: lines.range(e.range), new_text: e.new_text.clone() })
                .collect();
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: action.title.clone(),
                kind: Some(kind),
                diagnostics: linked.and_then(|(i, _)| open.analysis.lsp.get(i).cloned()).map(|d| vec![d]),
                edit: Some(convert::workspace_edit(&uri, edits)),
                is_preferred: action.preferred.then_some(true),
                ..Default::default()
            }));
        }
        Some(out)
    }
}
