//! The documents a JavaScript host has open, and every question about them,
//! answered in plain Rust data with UTF-16 positions. The `#[wasm_bindgen]`
//! layer in `lib.rs` only converts these values to and from JS, so this file
//! is tested natively too.

use std::collections::BTreeMap;
use std::sync::Arc;

use rolekit_core::analysis::{self, Context, Parent, Resolver, RuleConfig};
use rolekit_core::ide::{self, RoleSummary};
use rolekit_core::{fix, Document, Edit, LineIndex, PositionEncoding, TextRange};
use serde_json::Value;

use crate::dto;

/// Open documents by name (`platform-engineer.md`); `inherits: x` finds `x.md`.
#[derive(Default)]
pub struct Workspace {
    docs: BTreeMap<String, Arc<Document>>,
    config: RuleConfig,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    NotOpen(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotOpen(name) => write!(f, "no document named `{name}` is open"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// The name without a trailing `.md` (and without any folder part).
pub fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".md").unwrap_or(base)
}

struct OpenDocs<'a>(&'a BTreeMap<String, Arc<Document>>);

impl OpenDocs<'_> {
    /// The open document whose file stem is `role`, preferring `role.md`.
    fn find(&self, role: &str) -> Option<(&String, &Arc<Document>)> {
        let exact = format!("{role}.md");
        self.0.get_key_value(&exact).or_else(|| self.0.iter().find(|(name, _)| file_stem(name) == role))
    }
}

impl Resolver for OpenDocs<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        self.find(name)
            .map(|(location, document)| Parent { document: Arc::clone(document), location: location.clone() })
    }
}

/// Converts byte ranges of one document to UTF-16 positions and back.
pub struct Positions<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl<'a> Positions<'a> {
    pub fn of(doc: &'a Document) -> Self {
        Self { text: doc.text(), index: doc.line_index() }
    }

    pub fn position(&self, offset: usize) -> dto::Position {
        let p = self.index.position(self.text, offset, PositionEncoding::Utf16);
        dto::Position { line: p.line, character: p.character }
    }

    pub fn range(&self, range: TextRange) -> dto::Range {
        dto::Range { start: self.position(range.start()), end: self.position(range.end()) }
    }

    pub fn offset(&self, p: dto::Position) -> usize {
        let p = rolekit_core::Position { line: p.line, character: p.character };
        self.index.offset(self.text, p, PositionEncoding::Utf16)
    }

    pub fn text_range(&self, r: dto::Range) -> TextRange {
        let (a, b) = (self.offset(r.start), self.offset(r.end));
        TextRange::new(a.min(b), a.max(b))
    }

    pub fn edit(&self, e: &Edit) -> dto::TextEdit {
        dto::TextEdit { range: self.range(e.range), new_text: e.new_text.clone() }
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens `name` with `text`, replacing any document of that name.
    pub fn open(&mut self, name: &str, text: String) {
        self.docs.insert(name.to_string(), Arc::new(Document::new(text)));
    }

    /// Same as [`Workspace::open`]: the whole text is re-parsed (a role file parses in microseconds).
    pub fn update(&mut self, name: &str, text: String) {
        self.open(name, text);
    }

    /// Closes `name`; returns whether it was open.
    pub fn close(&mut self, name: &str) -> bool {
        self.docs.remove(name).is_some()
    }

    pub fn names(&self) -> Vec<String> {
        self.docs.keys().cloned().collect()
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.docs.get(name).map(|d| d.text())
    }

    /// Sets a rule's level (`off`, `error`, `warning`, `info`, `hint`), as a config file would.
    pub fn set_rule_level(&mut self, rule: &str, level: &str) -> std::result::Result<(), String> {
        let level = analysis::RuleLevel::parse(level).ok_or_else(|| format!("unknown level `{level}`"))?;
        self.config.set(rule, level)
    }

    fn doc(&self, name: &str) -> Result<&Arc<Document>> {
        self.docs.get(name).ok_or_else(|| Error::NotOpen(name.to_string()))
    }

    fn raw_diagnostics(&self, name: &str, doc: &Document) -> Vec<rolekit_core::Diagnostic> {
        let resolver = OpenDocs(&self.docs);
        let stem = file_stem(name);
        let kind = if stem.starts_with('_') {
            rolekit_core::policy::Kind::RoleTemplate
        } else {
            rolekit_core::policy::Kind::Role
        };
        let ctx = Context { file_stem: Some(stem), kind, resolver: &resolver, config: &self.config };
        analysis::check(doc, &ctx)
    }

    /// The roles open in the workspace, for `inherits:` completion and hover.
    pub fn roles(&self) -> Vec<RoleSummary> {
        self.docs
            .iter()
            .filter(|(_, d)| d.is_role_file())
            .map(|(name, d)| RoleSummary {
                name: file_stem(name).to_string(),
                description: d.root().and_then(|r| r.get("description")).and_then(|n| n.as_str()).map(str::to_string),
                location: name.clone(),
            })
            .collect()
    }

    fn convert_diagnostic(&self, pos: &Positions, d: &rolekit_core::Diagnostic) -> dto::Diagnostic {
        dto::Diagnostic {
            rule: d.rule.to_string(),
            severity: d.severity.as_str(),
            message: d.message.clone(),
            range: pos.range(d.range),
            fix: d.fix.as_ref().map(|f| dto::Fix {
                description: f.description.clone(),
                edits: f.edits.iter().map(|e| pos.edit(e)).collect(),
                safe: f.safe,
            }),
            related: d
                .related
                .iter()
                .map(|r| {
                    let range = match &r.location {
                        None => Some(pos.range(r.range)),
                        Some(loc) => self.docs.get(loc).map(|other| Positions::of(other).range(r.range)),
                    };
                    dto::Related { message: r.message.clone(), location: r.location.clone(), range }
                })
                .collect(),
        }
    }

    pub fn diagnostics(&self, name: &str) -> Result<Vec<dto::Diagnostic>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        Ok(self.raw_diagnostics(name, doc).iter().map(|d| self.convert_diagnostic(&pos, d)).collect())
    }

    pub fn complete(&self, name: &str, at: dto::Position) -> Result<Vec<dto::CompletionItem>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        let items = ide::completions(doc, pos.offset(at), &self.roles());
        Ok(items
            .into_iter()
            .map(|c| dto::CompletionItem {
                label: c.label,
                kind: c.kind,
                detail: c.detail,
                documentation: c.documentation,
                insert_text: c.insert_text,
                is_snippet: c.is_snippet,
                range: pos.range(c.range),
                sort_text: c.sort_text,
                preselect: c.preselect,
            })
            .collect())
    }

    pub fn hover(&self, name: &str, at: dto::Position) -> Result<Option<dto::Hover>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        let diagnostics = self.raw_diagnostics(name, doc);
        let hover = ide::hover(doc, pos.offset(at), &diagnostics, &self.roles());
        Ok(hover.map(|h| dto::Hover { range: pos.range(h.range), markdown: h.markdown }))
    }

    pub fn symbols(&self, name: &str) -> Result<Vec<dto::Symbol>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        fn convert(pos: &Positions, s: ide::Symbol) -> dto::Symbol {
            dto::Symbol {
                name: s.name,
                detail: s.detail,
                kind: s.kind,
                range: pos.range(s.range),
                selection_range: pos.range(s.selection_range),
                children: s.children.into_iter().map(|c| convert(pos, c)).collect(),
            }
        }
        Ok(ide::document_symbols(doc).into_iter().map(|s| convert(&pos, s)).collect())
    }

    pub fn code_actions(&self, name: &str, range: dto::Range) -> Result<Vec<dto::CodeAction>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        let diagnostics = self.raw_diagnostics(name, doc);
        let actions = ide::code_actions(doc, pos.text_range(range), &diagnostics);
        Ok(actions
            .into_iter()
            .map(|a| dto::CodeAction {
                title: a.title,
                kind: a.kind,
                edits: a.edits.iter().map(|e| pos.edit(e)).collect(),
                diagnostic: a.diagnostic.and_then(|i| diagnostics.get(i)).map(|d| self.convert_diagnostic(&pos, d)),
                preferred: a.preferred,
            })
            .collect())
    }

    pub fn folding_ranges(&self, name: &str) -> Result<Vec<dto::Fold>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        Ok(ide::folding_ranges(doc)
            .into_iter()
            .map(|f| dto::Fold { range: pos.range(f.range), kind: f.kind })
            .collect())
    }

    pub fn definition(&self, name: &str, at: dto::Position) -> Result<Option<dto::Link>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        let link = ide::definition(doc, pos.offset(at), &self.roles());
        Ok(link.map(|l| dto::Link { range: pos.range(l.range), target: l.target }))
    }

    pub fn links(&self, name: &str) -> Result<Vec<dto::Link>> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        Ok(ide::document_links(doc, &self.roles())
            .into_iter()
            .map(|l| dto::Link { range: pos.range(l.range), target: l.target })
            .collect())
    }

    /// The text of `name` with `edits` applied (positions in the current text).
    /// Overlapping edits after the first are skipped. The workspace is not changed.
    pub fn apply_edits(&self, name: &str, edits: &[dto::TextEdit]) -> Result<String> {
        let doc = self.doc(name)?;
        let pos = Positions::of(doc);
        let edits: Vec<Edit> =
            edits.iter().map(|e| Edit::replace(pos.text_range(e.range), e.new_text.clone())).collect();
        Ok(fix::apply_edits(doc.text(), &edits).0)
    }

    /// The text of `name` with every safe fix applied, as `rolekit check --fix` does.
    pub fn fix_all(&self, name: &str) -> Result<String> {
        let doc = self.doc(name)?;
        let diagnostics = self.raw_diagnostics(name, doc);
        Ok(fix::apply_safe_fixes(doc.text(), &diagnostics).0)
    }

    /// The frontmatter as JSON (`null` without a frontmatter or when it does not parse to a value).
    pub fn parsed(&self, name: &str) -> Result<Value> {
        let doc = self.doc(name)?;
        Ok(doc.yaml().to_json().unwrap_or(Value::Null))
    }

    /// The role after `inherits`: parents first, this document's keys over them.
    pub fn resolved(&self, name: &str) -> Result<dto::Resolved> {
        let doc = self.doc(name)?;
        let resolver = OpenDocs(&self.docs);
        let resolution = analysis::resolve(doc, &resolver);
        let error = resolution.error.as_ref().map(|e| match e {
            analysis::inherits::ChainError::Unknown { name, .. } => format!("no role `{name}` is open"),
            analysis::inherits::ChainError::Cycle { chain } => format!("inheritance cycle: {}", chain.join(" → ")),
            analysis::inherits::ChainError::TooLong => "the parent chain is too long".to_string(),
        });
        Ok(dto::Resolved {
            role: analysis::resolved_role(doc, &resolution),
            chain: resolution.parents.iter().map(|p| p.location.clone()).collect(),
            error,
        })
    }
}

pub fn rules() -> Vec<dto::RuleInfo> {
    rolekit_core::rules::RULES
        .iter()
        .map(|r| dto::RuleInfo {
            id: r.id.as_str(),
            category: r.category,
            severity: r.severity.as_str(),
            summary: r.summary,
            why: r.why,
            bad: r.bad,
            good: r.good,
            safe_fix: r.safe_fix,
            markdown: r.markdown(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARENT: &str = "---\nrole: base\ndescription: The base role\ntone: concise-technical\n---\n# Base\n";
    const CHILD: &str = "---\nrole: child\ninherits: base\n---\n# Child\n";

    #[test]
    fn stems_drop_folders_and_md() {
        assert_eq!(file_stem("platform-engineer.md"), "platform-engineer");
        assert_eq!(file_stem("a/b/x.md"), "x");
        assert_eq!(file_stem("notes"), "notes");
    }

    #[test]
    fn inherits_finds_open_documents() {
        let mut ws = Workspace::new();
        ws.open("child.md", CHILD.into());
        let unknown = ws.diagnostics("child.md").unwrap_or_default();
        assert!(unknown.iter().any(|d| d.rule == "inherits-unknown-parent"));
        ws.open("base.md", PARENT.into());
        let known = ws.diagnostics("child.md").unwrap_or_default();
        assert!(!known.iter().any(|d| d.rule == "inherits-unknown-parent"), "{known:?}");
        let resolved = ws.resolved("child.md").ok().map(|r| r.role);
        assert_eq!(resolved.as_ref().and_then(|r| r.get("tone")).and_then(Value::as_str), Some("concise-technical"));
        assert_eq!(resolved.as_ref().and_then(|r| r.get("role")).and_then(Value::as_str), Some("child"));
        assert!(ws.close("base.md"));
        assert!(!ws.close("base.md"));
    }

    #[test]
    fn unknown_names_are_errors_not_panics() {
        let ws = Workspace::new();
        assert_eq!(ws.diagnostics("nope.md").err(), Some(Error::NotOpen("nope.md".into())));
        assert!(ws.hover("nope.md", dto::Position { line: 0, character: 0 }).is_err());
    }

    #[test]
    fn positions_are_utf16_and_clamp() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ndescription: 🎯 é\ntone: nope\n---\n".into());
        let ds = ws.diagnostics("x.md").unwrap_or_default();
        let tone = ds.iter().find(|d| d.rule == "invalid-enum");
        assert_eq!(tone.map(|d| d.range.start), Some(dto::Position { line: 3, character: 6 }));
        // Out-of-range positions clamp rather than panic.
        let far = dto::Position { line: 99, character: 99 };
        assert!(ws.complete("x.md", far).is_ok());
        assert!(ws.hover("x.md", far).is_ok());
        let edits = [dto::TextEdit { range: dto::Range { start: far, end: far }, new_text: "!".into() }];
        assert!(ws.apply_edits("x.md", &edits).is_ok_and(|t| t.ends_with("---\n!")));
    }

    #[test]
    fn edits_round_trip_through_utf16_positions() {
        let mut ws = Workspace::new();
        ws.open("x.md", "---\nrole: x\ndescription: 🎯 ab\n---\n".into());
        let start = dto::Position { line: 2, character: 16 };
        let end = dto::Position { line: 2, character: 18 };
        let edits = [dto::TextEdit { range: dto::Range { start, end }, new_text: "cd".into() }];
        assert_eq!(ws.apply_edits("x.md", &edits).ok().as_deref(), Some("---\nrole: x\ndescription: 🎯 cd\n---\n"));
    }

    #[test]
    fn rules_are_all_listed() {
        assert_eq!(rules().len(), rolekit_core::rules::RULES.len());
    }
}
