//! `rolekit mcp`: a Model Context Protocol server on stdio, so the coding
//! agents that write agent files can check them as they go.
//!
//! Tools: `check` (files, folders, or text standing for a file), `fix`,
//! `format` (`rolekit fmt`), `stats` (exact token counts), `explain` (a
//! rule's document), `rules` (the registry), `resolve` (a role with its
//! `inherits` chain merged) and `export` (a role as another tool's agent file). Each is the same code path as the
//! CLI (`Checker`, the project's `rolekit.toml`, the JSON report of
//! `rolekit check --format json`), run from the server's working directory.
//! stdout carries only the protocol.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{Implementation, ServerCapabilities, ServerConfig};
use rmcp::{tool, tool_handler, tool_router, ServerHandler, ServiceExt};
use std::collections::HashMap;

use rolekit_core::analysis;
use rolekit_core::analysis::registry::{self, RegisteredFile};
use rolekit_core::export::Target as ExportTarget;
use rolekit_core::policy::{Family, Kind};
use rolekit_core::project::NameIndex;
use rolekit_core::rules::{self, RULES};
use rolekit_core::tokens::Encoding;
use rolekit_tokens::Tokenizer;
use rolekit_wire as wire;
use serde::Deserialize;

use super::{fmt, stats, Failure};
use crate::checker::{build_index, Checker, FileResult, Loaded};
use crate::cli::Format;
use crate::config::Project;
use crate::discover::{self, printable, Target};
use crate::output::{self, FileReport, Summary};
use crate::resolver::ParentCache;

pub fn run() -> Result<ExitCode, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("rolekit mcp: cannot start the runtime: {e}"))?;
    runtime.block_on(async {
        let server =
            RolekitMcp::new().serve(rmcp::transport::stdio()).await.map_err(|e| format!("rolekit mcp: {e}"))?;
        server.waiting().await.map_err(|e| format!("rolekit mcp: {e}"))?;
        Ok::<_, String>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct CheckParams {
    /// Files or folders to check, relative to the server's working directory
    /// (folders are walked for role files). Defaults to `.` when `text` is not given.
    #[serde(default)]
    paths: Vec<String>,
    /// The text of one file to check instead of reading it from disk (a draft
    /// the agent is about to write). Needs `filename`.
    #[serde(default)]
    text: Option<String>,
    /// Where `text` would live (its name decides the kind of file, `role:` must
    /// match it, and `inherits` finds parents beside it).
    #[serde(default)]
    filename: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct StatsParams {
    #[serde(flatten)]
    files: CheckParams,
    /// `o200k_base` (GPT-4o and later; the default, or `[token-budget] encoding`) or `cl100k_base`.
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct ExplainParams {
    /// A rule id, as in a diagnostic's `rule` (`invalid-enum`, `mojibake`, ...).
    rule: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct ResolveParams {
    /// The role file to resolve, relative to the server's working directory.
    path: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct ExportParams {
    /// The role file to export, relative to the server's working directory.
    path: String,
    /// `claude` (Claude Code subagent), `copilot` (GitHub Copilot custom agent), `cursor` (Cursor rule) or `skill` (Agent Skill).
    to: String,
}

#[derive(Clone)]
struct RolekitMcp {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl RolekitMcp {
    fn new() -> Self {
        RolekitMcp { tool_router: Self::tool_router() }
    }

    /// Check role files: every diagnostic with its rule, severity, message, exact
    /// range (0-based lines, UTF-16 columns) and fix, as the JSON report of
    /// `rolekit check --format json`. Pass `paths`, or `text` with `filename`.
    #[tool]
    async fn check(&self, Parameters(p): Parameters<CheckParams>) -> Result<String, String> {
        run_check(p, false)
    }

    /// Apply the safe fixes (each proven: no new error, no lost comment, anchor
    /// or line ending) and report what remains. With `paths` the files are
    /// rewritten in place; with `text` + `filename` nothing is written and the
    /// fixed text is returned under `text` in the report.
    #[tool]
    async fn fix(&self, Parameters(p): Parameters<CheckParams>) -> Result<String, String> {
        run_check(p, true)
    }

    /// Format role files as `rolekit fmt` does (one YAML style, tidy headings,
    /// section numbers; every result proven to mean what the file meant). With
    /// `paths` the files are rewritten in place and the changed ones listed;
    /// with `text` + `filename` nothing is written and `text` is returned
    /// formatted, with `refused` saying why when it was left as it is.
    #[tool]
    async fn format(&self, Parameters(p): Parameters<CheckParams>) -> Result<String, String> {
        run_format(p)
    }

    /// Exact token counts (as OpenAI's tiktoken counts) per file: the
    /// frontmatter, each `##` section, the whole file and the role with
    /// everything it inherits, as `rolekit stats --format json`'s file entries.
    #[tool]
    async fn stats(&self, Parameters(p): Parameters<StatsParams>) -> Result<String, String> {
        run_stats(p)
    }

    /// The documentation of one rule: what it checks, why, a bad and a good example.
    #[tool]
    async fn explain(&self, Parameters(p): Parameters<ExplainParams>) -> Result<String, String> {
        rules::find(p.rule.trim())
            .map(|r| r.markdown())
            .ok_or_else(|| format!("unknown rule `{}`; the `rules` tool lists them", p.rule))
    }

    /// Every rule rolekit checks: id, category, default severity, summary, and
    /// whether `fix` can apply it unasked.
    #[tool]
    async fn rules(&self) -> Result<String, String> {
        let list: Vec<serde_json::Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id.as_str(),
                    "category": format!("{:?}", r.category).to_lowercase(),
                    "severity": r.severity.as_str(),
                    "summary": r.summary,
                    "safe_fix": r.safe_fix,
                })
            })
            .collect();
        serde_json::to_string_pretty(&list).map_err(|e| e.to_string())
    }

    /// A role (resolved through `inherits`) written as a Claude Code subagent,
    /// a GitHub Copilot custom agent, a Cursor rule or an Agent Skill: the
    /// file's text, where it lives (`path`), and `notes` on what the target
    /// cannot express. Nothing is written.
    #[tool]
    async fn export(&self, Parameters(p): Parameters<ExportParams>) -> Result<String, String> {
        Self::run_export(p)
    }

    /// A role as a loader that honours `inherits` sees it: the parent chain merged
    /// (nearest role wins, mappings merged key by key), as JSON.
    #[tool]
    async fn resolve(&self, Parameters(p): Parameters<ResolveParams>) -> Result<String, String> {
        let project = project()?;
        let parents = ParentCache::new();
        let index = NameIndex::new();
        let checker = Checker { project: &project, parents: &parents, index: &index };
        let path = PathBuf::from(&p.path);
        let doc = match checker.check_path(&path, &p.path, false) {
            FileResult::Checked { doc, kind, .. } if kind.family() == Family::Role => doc,
            FileResult::Checked { .. } | FileResult::Registry { .. } => {
                return Err(format!("{}: not a role file (`resolve` merges a role's `inherits` chain)", p.path))
            }
            FileResult::NotInScope(why) => return Err(format!("{}: not a role file ({})", p.path, why.describe())),
            FileResult::Failed(message) => return Err(message),
        };
        let resolver = checker.resolver(&path);
        let resolution = analysis::resolve(&doc, &resolver);
        let role = analysis::resolved_role(&doc, &resolution);
        serde_json::to_string_pretty(&role).map_err(|e| e.to_string())
    }
}

impl RolekitMcp {
    fn run_export(p: ExportParams) -> Result<String, String> {
        let target = ExportTarget::by_name(p.to.trim())
            .ok_or_else(|| format!("unknown target `{}` (expected `claude`, `copilot`, `cursor` or `skill`)", p.to))?;
        let project = project()?;
        let parents = ParentCache::new();
        let index = NameIndex::new();
        let checker = Checker { project: &project, parents: &parents, index: &index };
        let exported = super::export::export_file(&checker, Path::new(&p.path), &p.path, target)?;
        serde_json::to_string_pretty(&wire::export::Export::from_core(&exported, &p.path, None))
            .map_err(|e| e.to_string())
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for RolekitMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("rolekit", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "rolekit checks AI agent role files (Markdown + YAML frontmatter). Run `check` on the files \
                 you write, `fix` to apply the proven safe fixes, `format` to format them, `stats` for their \
                 token counts, `explain` for a rule's documentation.",
            )
    }
}

fn project() -> Result<Project, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    Project::load(None, &cwd)
}

/// `check` and `fix`: the JSON report of `rolekit check --format json`, plus
/// `notes` (files left alone and why) and, for `fix`, `fixed` (fixes applied)
/// and `text` (the fixed text of a `text` input).
fn run_check(p: CheckParams, fix: bool) -> Result<String, String> {
    let project = project()?;
    let parents = ParentCache::new();
    // The files asked for, found before the index so their names are in it.
    let targets = match &p.text {
        Some(_) => Vec::new(),
        None => targets(&p.paths, &project)?,
    };
    let files: Vec<(PathBuf, String)> = targets.iter().map(|t| (t.path.clone(), t.display.clone())).collect();
    let index = build_index(&files, &project);
    let checker = Checker { project: &project, parents: &parents, index: &index };
    let mut json = output::new(Format::Json, false, &project.cwd);
    let mut out: Vec<u8> = Vec::new();
    let mut summary = Summary::default();
    let mut notes = Vec::new();
    let mut fixed_text = None;
    json.begin(&mut out).map_err(|e| e.to_string())?;
    let mut report = |display: &str, result: FileResult, summary: &mut Summary, out: &mut Vec<u8>| match result {
        FileResult::Checked { doc, diagnostics, fixed, .. } => {
            summary.add(output::Counts::of(&diagnostics), fixed);
            let rendered = json.render(&FileReport { path: display, doc: &doc, diagnostics: &diagnostics });
            json.write_file(out, &rendered).map_err(|e| e.to_string())?;
            Ok(Some(doc.into_text()))
        }
        FileResult::Registry { doc, family, tree } => {
            // Entries against the files beside it; the values the files
            // show are compared by `rolekit check`, which reads them all.
            let no_values: HashMap<String, RegisteredFile> = HashMap::new();
            let mut diagnostics = registry::check(&doc, family, &tree, &index, &no_values);
            project.config.rules.apply(&mut diagnostics);
            summary.add(output::Counts::of(&diagnostics), 0);
            let rendered = json.render(&FileReport { path: display, doc: &doc, diagnostics: &diagnostics });
            json.write_file(out, &rendered).map_err(|e| e.to_string())?;
            Ok(None)
        }
        FileResult::NotInScope(why) => {
            notes.push(format!(
                "{}: not a role, command or prompt file ({}); skipped",
                printable(display),
                why.describe()
            ));
            Ok(None)
        }
        FileResult::Failed(message) => Err(message),
    };
    match (p.text, p.filename) {
        (Some(text), Some(filename)) => {
            let result = checker.check_text(text, Path::new(&filename), fix);
            fixed_text = report(&filename, result, &mut summary, &mut out)?;
        }
        (Some(_), None) => return Err("`text` needs a `filename` (where the file would live)".to_string()),
        (None, _) => {
            let mut errors = Vec::new();
            for t in &targets {
                match report(&t.display, checker.check_path(&t.path, &t.display, fix), &mut summary, &mut out) {
                    Ok(_) => {}
                    Err(message) => errors.push(message),
                }
            }
            if !errors.is_empty() {
                return Err(errors.join("\n"));
            }
        }
    }
    json.end(&mut out, &summary).map_err(|e| e.to_string())?;
    let mut value: serde_json::Value = serde_json::from_slice(&out).map_err(|e| e.to_string())?;
    if let Some(object) = value.as_object_mut() {
        if !notes.is_empty() {
            object.insert("notes".into(), notes.into());
        }
        if fix {
            object.insert("fixed".into(), summary.fixed.into());
            if let Some(text) = fixed_text {
                object.insert("text".into(), text.into());
            }
        }
    }
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

/// The files a tool names: `paths` (walked as `rolekit check` walks them; `.`
/// when empty), or an error for the first path that cannot be walked.
fn targets(paths: &[String], project: &Project) -> Result<Vec<Target>, String> {
    let paths: Vec<PathBuf> =
        if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.iter().map(PathBuf::from).collect() };
    let mut errors = Vec::new();
    let targets = discover::collect(&paths, project, &mut errors);
    match errors.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(targets),
    }
}

/// `format`: `{ "formatted": [paths], "unchanged": n, "notes": [...] }` for
/// `paths`; `{ "text", "changed", "refused", "notes" }` for `text`.
fn run_format(p: CheckParams) -> Result<String, String> {
    let project = project()?;
    let parents = ParentCache::new();
    let index = NameIndex::new();
    let checker = Checker { project: &project, parents: &parents, index: &index };
    let value = match (p.text, p.filename) {
        (Some(text), Some(filename)) => match checker.load_text(text, Path::new(&filename)) {
            Loaded::Role(doc, kind) => {
                let out: wire::Formatted =
                    rolekit_core::format::format_in(&doc, kind, &project.config, &project.schemas).into();
                serde_json::to_value(out).map_err(|e| e.to_string())?
            }
            Loaded::NotInScope(why) => return Err(format!("{filename}: not a role file ({})", why.describe())),
            Loaded::Failed(message) => return Err(message),
        },
        (Some(_), None) => return Err("`text` needs a `filename` (where the file would live)".to_string()),
        (None, _) => {
            let (mut formatted, mut unchanged, mut notes, mut errors) = (Vec::new(), 0, Vec::new(), Vec::new());
            for t in targets(&p.paths, &project)? {
                let shown = printable(&t.display).into_owned();
                match fmt::format_file(&t, &checker, fmt::Mode::Write, false) {
                    fmt::Outcome::Skipped => {}
                    fmt::Outcome::Unchanged { notes: n } => {
                        unchanged += 1;
                        notes.extend(n.into_iter().map(|n| format!("{shown}: {n}")));
                    }
                    fmt::Outcome::Changed { notes: n, .. } => {
                        notes.extend(n.into_iter().map(|n| format!("{shown}: {n}")));
                        formatted.push(shown);
                    }
                    fmt::Outcome::Note(message) => notes.push(message),
                    fmt::Outcome::Failed(message) => errors.push(message),
                }
            }
            if !errors.is_empty() {
                return Err(errors.join("\n"));
            }
            serde_json::json!({ "formatted": formatted, "unchanged": unchanged, "notes": notes })
        }
    };
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

/// `stats`: `{ "encoding", "files": [FileStats...], "notes": [...] }`.
fn run_stats(p: StatsParams) -> Result<String, String> {
    let project = project()?;
    let encoding = match p.encoding.as_deref() {
        None => project.config.token_budget.encoding,
        Some(name) => Encoding::parse(name)
            .ok_or_else(|| format!("unknown encoding `{name}` (expected `o200k_base` or `cl100k_base`)"))?,
    };
    let counter = Tokenizer::get(encoding);
    let parents = ParentCache::new();
    let index = NameIndex::new();
    let checker = Checker { project: &project, parents: &parents, index: &index };
    let (mut files, mut notes) = (Vec::new(), Vec::new());
    let mut count = |loaded: Loaded, path: &Path, display: &str| match loaded {
        // A registry is JSON: no tokens of a document to count.
        Loaded::Role(_, Kind::Registry(_)) => Ok(()),
        Loaded::Role(doc, kind) => {
            files.push(stats::file_stats(&checker, counter, path, display, &doc, kind));
            Ok(())
        }
        Loaded::NotInScope(why) => {
            notes.push(format!("{}: not a role file ({}); skipped", printable(display), why.describe()));
            Ok(())
        }
        Loaded::Failed(message) => Err(message),
    };
    match (p.files.text, p.files.filename) {
        (Some(text), Some(filename)) => {
            let path = Path::new(&filename);
            count(checker.load_text(text, path), path, &filename)?;
        }
        (Some(_), None) => return Err("`text` needs a `filename` (where the file would live)".to_string()),
        (None, _) => {
            for t in targets(&p.files.paths, &project)? {
                count(checker.load(&t.path, &t.display), &t.path, &t.display)?;
            }
        }
    }
    let value = serde_json::json!({ "encoding": encoding.as_str(), "files": files, "notes": notes });
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}
