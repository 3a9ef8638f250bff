//! Checking a document: every rule, in one pass over the parsed model.
//!
//! [`check`] checks a document alone; [`check_in`] checks it as part of a
//! project: with the schemas the configuration chose, and with the project's
//! names ([`ProjectIndex`]) for the rules that look across files (a command's
//! agent, a pipeline's prompts, a prompt's id against its folder).

pub mod body;
mod commands;
mod config;
mod consistency;
pub(crate) mod dialects;
pub mod index;
pub mod inherits;
mod loader;
mod mojibake;
mod prompts;
pub mod references;
pub mod registry;
mod schema_rules;
pub mod suggest;
mod suppress;
mod syntax_rules;
mod token_budget;

use std::sync::{Arc, OnceLock};

pub use config::{RuleConfig, RuleLevel};
pub use index::{Lookup, NoIndex, ProjectIndex, Target};
pub use inherits::{resolve, resolved_role, Resolution};
pub use mojibake::find_mojibake;
pub use suggest::closest;
pub use token_budget::BudgetCheck;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::policy::{Family, Kind, Schemas};
use crate::rules::RuleId;

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
    /// The `token-budget` rule's limits and counter; `None` (the default)
    /// skips the rule at no cost.
    pub token_budget: Option<BudgetCheck<'a>>,
}

impl Default for Context<'_> {
    fn default() -> Self {
        static DEFAULT_CONFIG: RuleConfig = RuleConfig::new();
        Context { file_stem: None, kind: Kind::Role, resolver: &NoParents, config: &DEFAULT_CONFIG, token_budget: None }
    }
}

impl Context<'_> {
    /// Templates (`_template.md`) have placeholder values: only syntax and
    /// encoding rules apply to them.
    pub fn is_template(&self) -> bool {
        self.kind.is_template()
    }

    /// The rule is not turned off: worth computing.
    fn runs(&self, rule: RuleId) -> bool {
        self.config.level(rule) != Some(RuleLevel::Off)
    }
}

/// The project around a document: the schemas in force, the names the
/// cross-file rules resolve against, and where the document sits.
#[derive(Clone, Copy)]
pub struct Project<'a> {
    pub schemas: &'a Schemas,
    pub index: &'a dyn ProjectIndex,
    /// The document's path relative to the project root, `/`-separated (or
    /// a playground tab's name): its place in a valora tree decides a
    /// prompt's expected id and which tree names resolve in.
    pub path: Option<&'a str>,
}

impl Default for Project<'_> {
    fn default() -> Self {
        Project { schemas: built_in_schemas(), index: &NoIndex, path: None }
    }
}

impl Project<'_> {
    /// The valora tree the document belongs to (`""` outside one).
    pub fn tree(&self) -> &str {
        self.path.and_then(crate::policy::layout).map_or("", |l| l.tree)
    }
}

/// The built-in schemas, shared.
pub fn built_in_schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(Schemas::built_in)
}

/// Whether [`check_in`] consults [`Project::index`] for a document of
/// `kind`: for a registry, and for a document whose schema marks references
/// (`x-references`). The others can be checked before the project's index
/// is complete: adapters check them in the pass that builds the index, so
/// each such file is read once.
pub fn uses_index(kind: Kind, schemas: &Schemas) -> bool {
    match kind {
        Kind::Registry(_) => true,
        Kind::Dialect(_) => false,
        _ if kind.is_template() => false,
        _ => schemas.for_kind(kind).is_some_and(|schema| schema.has_references()),
    }
}

/// Runs every rule on `doc` alone (built-in schemas, no other documents but
/// the parents `ctx.resolver` finds); diagnostics come sorted by position,
/// with suppressions and the configured severities applied.
pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    check_in(doc, ctx, &Project::default())
}

/// Runs every rule on `doc` as part of `project`.
pub fn check_in(doc: &Document, ctx: &Context, project: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Kind::Registry(family) = ctx.kind {
        // A registry checked alone: its JSON only (see `registry::check` for the rest).
        registry::check_syntax(doc, family, &mut out);
        ctx.config.apply(&mut out);
        crate::sort::sort_by_key(&mut out, |d| (d.range.start, d.range.end, d.rule));
        return out;
    }
    let family = ctx.kind.family();
    let syntax_ok = syntax_rules::check(doc, family, &mut out);
    let mut resolved = None;
    if syntax_ok.frontmatter && !ctx.is_template() {
        let schema = project.schemas.for_kind(ctx.kind);
        match family {
            Family::Role => {
                let sections = body::body_sections(doc);
                if let Some(json) = &syntax_ok.json {
                    let resolution = inherits::resolve(doc, ctx.resolver);
                    if let Some(schema) = schema {
                        schema_rules::check(doc, json, schema, false, &mut out);
                    }
                    inherits::check(doc, ctx, &resolution, schema.map(|s| &**s), &mut out);
                    loader::check(doc, &resolution, &mut out);
                    consistency::check(doc, &sections, json, &resolution, schema.map(|s| &**s), &mut out);
                    references::check(doc, json, schema.map(|s| &**s), project, &mut out);
                    resolved = Some(resolution);
                }
                body::check(doc, &sections, &mut out);
            }
            Family::Command => {
                if let Some(json) = &syntax_ok.json {
                    if let Some(schema) = schema {
                        schema_rules::check(doc, json, schema, true, &mut out);
                    }
                    commands::check(doc, ctx, &mut out);
                    references::check(doc, json, schema.map(|s| &**s), project, &mut out);
                }
                commands::check_body(doc, &mut out);
            }
            Family::Prompt => {
                if let Some(json) = &syntax_ok.json {
                    if let Some(schema) = schema {
                        schema_rules::check(doc, json, schema, true, &mut out);
                    }
                    prompts::check(doc, project, &mut out);
                    references::check(doc, json, schema.map(|s| &**s), project, &mut out);
                }
            }
            Family::Custom(_) => {
                if let (Some(json), Some(schema)) = (&syntax_ok.json, schema) {
                    schema_rules::check(doc, json, schema, true, &mut out);
                    references::check(doc, json, Some(schema), project, &mut out);
                }
            }
            Family::Dialect(dialect) => {
                if let (Some(json), Some(schema)) = (&syntax_ok.json, schema) {
                    dialects::check(doc, json, schema, dialect, project.path, &mut out);
                }
            }
        }
    }
    if let Some(budget) = ctx.token_budget.filter(|_| ctx.runs(RuleId::TokenBudget) && !ctx.is_template()) {
        token_budget::check(doc, &budget, resolved.as_ref(), &mut out);
    }
    mojibake::check(doc, &mut out);
    suppress::apply(doc, &mut out);
    ctx.config.apply(&mut out);
    crate::sort::sort_by_key(&mut out, |d| (d.range.start, d.range.end, d.rule));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{config::Config, schemas, Dialect};

    #[test]
    fn only_documents_that_name_others_wait_for_the_index() {
        let built_in = built_in_schemas();
        assert!(!uses_index(Kind::Role, built_in));
        assert!(!uses_index(Kind::RoleTemplate, built_in));
        assert!(uses_index(Kind::Command, built_in));
        assert!(!uses_index(Kind::CommandTemplate, built_in));
        assert!(uses_index(Kind::Prompt, built_in));
        assert!(uses_index(Kind::Registry(Family::Role), built_in));
        assert!(!uses_index(Kind::Dialect(Dialect::ClaudeAgent), built_in));

        // A project's own role schema that names other documents makes roles wait.
        let config = Config::parse("[schemas]\nrole = \"role.json\"\n").unwrap_or_else(|e| panic!("{e:?}"));
        let own = schemas::load(&config, &mut |_| {
            Ok(r#"{"type": "object", "properties": {"owner": {"x-references": "role"}}}"#.to_string())
        })
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(uses_index(Kind::Role, &own));
    }
}
