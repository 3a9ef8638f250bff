//! `rolekit export ROLE --to claude|copilot|cursor|skill`: a role, resolved
//! through `inherits` as `check` resolves it, written as another tool's
//! agent file by the core's `export` (the mapping and the notes are there).
//!
//! The file goes to stdout, to `-o PATH`, or under `--out-dir DIR` where it
//! lives in a repository (`DIR/.claude/agents/<name>.md`, ...). The notes
//! (what the target cannot express) go to stderr, or with the file into
//! `--format json` (`rolekit_wire::export::Export`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rolekit_core::analysis::{self, inherits::ChainError};
use rolekit_core::export::{self, Exported, Note, Target};
use rolekit_core::policy::{self, Family};
use rolekit_core::project::NameIndex;
use rolekit_wire::export::Export;

use super::Failure;
use crate::checker::{Checker, Loaded};
use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Project;
use crate::discover::printable;
use crate::resolver::ParentCache;

pub fn run(args: ExportArgs) -> Result<ExitCode, Failure> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let project = Project::load(args.config.as_deref(), &cwd)?;
    let parents = ParentCache::new();
    let index = NameIndex::new();
    let checker = Checker { project: &project, parents: &parents, index: &index };
    let (path, display) = role_path(&args.role, &project);
    let target = Target::from(args.to);
    let exported = export_file(&checker, &path, &display, target)?;
    let written = match (&args.output, &args.out_dir) {
        (Some(file), _) => Some(file.clone()),
        (None, Some(dir)) => Some(dir.join(&exported.path)),
        (None, None) => None,
    };
    if let Some(file) = &written {
        write(file, &exported.text)?;
    }
    let shown = written.as_ref().map(|p| p.to_string_lossy().replace('\\', "/"));
    let mut stdout = std::io::stdout().lock();
    match args.format {
        ExportFormat::Json => {
            let wire = Export::from_core(&exported, &display, shown);
            let json = serde_json::to_string_pretty(&wire).map_err(|e| e.to_string())?;
            writeln!(stdout, "{json}")?;
        }
        ExportFormat::Human => {
            if written.is_none() {
                stdout.write_all(exported.text.as_bytes())?;
            }
            stdout.flush()?;
            let mut stderr = std::io::stderr().lock();
            for note in &exported.notes {
                writeln!(stderr, "note: {}: {}", note.key, note.message)?;
            }
            if let Some(file) = &shown {
                writeln!(stderr, "wrote {} ({})", printable(file), target.dialect().describe())?;
            }
        }
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `role` as given when it names a file; else, for a bare name, the role
/// file of that name in the valora folders (`data/agents/`, ...) of the
/// current folder, then of the project root.
fn role_path(role: &Path, project: &Project) -> (PathBuf, String) {
    let given = (role.to_path_buf(), role.to_string_lossy().into_owned());
    let name = given.1.as_str();
    if role.exists() || name.contains(['/', '\\']) || name.ends_with(".md") {
        return given;
    }
    let bases = [project.cwd.as_path(), project.root.as_path()];
    for (base, root) in bases.iter().flat_map(|b| policy::VALORA_ROOTS.iter().map(move |r| (b, r))) {
        let candidate = base.join(root).join("agents").join(format!("{name}.md"));
        if candidate.is_file() {
            let shown = candidate.strip_prefix(&project.cwd).unwrap_or(&candidate).to_string_lossy().into_owned();
            return (candidate, shown);
        }
    }
    given
}

/// The role file at `path` (shown as `display`) exported to `target`; the
/// reason when it is no role file or cannot be read. A parent that cannot
/// be found is a note: the role is exported without its values.
pub fn export_file(checker: &Checker, path: &Path, display: &str, target: Target) -> Result<Exported, String> {
    let shown = printable(display);
    let doc = match checker.load(path, display) {
        Loaded::Role(doc, kind) if kind.family() == Family::Role && !kind.is_template() => doc,
        Loaded::Role(_, kind) if kind.is_template() => {
            return Err(format!("{shown}: a role template, not a role (its values are placeholders)"))
        }
        Loaded::Role(_, kind) => {
            return Err(format!(
                "{shown}: not a role file (a {}); only roles are exported",
                kind.describe(&checker.project.config)
            ))
        }
        Loaded::NotInScope(why) => return Err(format!("{shown}: not a role file ({})", why.describe())),
        Loaded::Failed(message) => return Err(message),
    };
    let resolution = analysis::resolve(&doc, &checker.resolver(path));
    let role = analysis::resolved_role(&doc, &resolution);
    let mut exported = export::export(&role, &doc.text()[doc.body_start()..], target);
    if let Some(error) = &resolution.error {
        let message = match error {
            ChainError::Unknown { name, .. } => {
                format!("no role `{name}` beside the file: exported without its values")
            }
            ChainError::Cycle { chain } => {
                format!("`inherits` runs in a cycle ({}): exported with the parents before it", chain.join(" → "))
            }
            ChainError::TooLong => "the `inherits` chain is too long: exported with the parents read".to_string(),
        };
        exported.notes.insert(0, Note { key: "inherits".to_string(), message });
    }
    Ok(exported)
}

/// Writes the exported file, making its folders.
fn write(file: &Path, text: &str) -> Result<(), Failure> {
    let shown = file.display();
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(file, text).map_err(|e| Failure::Message(format!("cannot write {shown}: {e}")))
}
