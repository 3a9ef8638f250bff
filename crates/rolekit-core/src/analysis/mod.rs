//! Checking a document: every rule, in one pass over the parsed model.

pub mod body;
mod config;
mod consistency;
pub mod inherits;
mod mojibake;
mod schema_rules;
mod suppress;
mod syntax_rules;

use std::sync::Arc;

pub use config::{RuleConfig, RuleLevel};
pub use inherits::{resolve, resolved_role, Resolution};
pub use mojibake::find_mojibake;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::policy::Kind;

/// A parsed parent role, found by name.
#[derive(Clone, Debug)]
pub struct Parent {
    pub document: Arc<Document>,
    /// Where it lives (a path or URI), shown in messages and used by editors.
    pub location: String,
}

/// Finds parent roles for `inherits`: the CLI reads `<name>.md` beside the
/// file, the language server looks at open documents and its index, the
/// playground at its tabs.
pub trait Resolver {
    fn parent(&self, name: &str) -> Option<Parent>;
}

/// A resolver that knows no other documents.
pub struct NoParents;

impl Resolver for NoParents {
    fn parent(&self, _name: &str) -> Option<Parent> {
        None
    }
}

/// What a check needs besides the document.
pub struct Context<'a> {
    /// The file's name without `.md`: `role` must match it. `None` when the
    /// document has no file name.
    pub file_stem: Option<&'a str>,
    /// What the document is checked as (see [`crate::policy::classify`]).
    pub kind: Kind,
    pub resolver: &'a dyn Resolver,
    pub config: &'a RuleConfig,
}

impl Default for Context<'_> {
    fn default() -> Self {
        static DEFAULT_CONFIG: RuleConfig = RuleConfig::new();
        Context { file_stem: None, kind: Kind::Role, resolver: &NoParents, config: &DEFAULT_CONFIG }
    }
}

impl Context<'_> {
    /// Templates (`_template.md`) have placeholder values: only syntax and
    /// encoding rules apply to them.
    pub fn is_template(&self) -> bool {
        self.kind.is_template()
    }
}

/// Runs every rule on `doc`; diagnostics come sorted by position, with
/// suppressions and the configured severities applied.
pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let syntax_ok = syntax_rules::check(doc, &mut out);
    if syntax_ok.frontmatter && !ctx.is_template() {
        let sections = body::body_sections(doc);
        if let Some(json) = &syntax_ok.json {
            let resolution = inherits::resolve(doc, ctx.resolver);
            schema_rules::check(doc, json, &mut out);
            inherits::check(doc, ctx, &resolution, &mut out);
            consistency::check(doc, &sections, json, &resolution, &mut out);
        }
        body::check(doc, &sections, &mut out);
    }
    mojibake::check(doc, &mut out);
    suppress::apply(doc, &mut out);
    ctx.config.apply(&mut out);
    out.sort_by_key(|d| (d.range.start, d.range.end, d.rule));
    out
}
