//! `rolekit check [PATH...]`: find the files, check them in parallel, write
//! the results in path order as they come (in chunks, so memory stays flat
//! however many files there are).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;
use rolekit_core::analysis::{self, Context, RuleConfig};
use rolekit_core::Document;

use super::{Failure, EXIT_ERRORS, EXIT_USAGE};
use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::config::Config;
use crate::discover::{self, Target};
use crate::fix;
use crate::output::{self, Counts, FileReport, Output, Summary};
use crate::resolver::{DirResolver, ParentCache};

/// Files checked in parallel before their results are written.
const CHUNK: usize = 512;

/// What one file came to.
enum Outcome {
    /// A walked Markdown file that is not a role file.
    Skipped,
    Checked {
        rendered: String,
        counts: Counts,
        fixed: usize,
    },
    /// An I/O or encoding error, already worded.
    Failed(String),
}

/// Everything a worker needs, shared read-only.
struct Job<'a> {
    output: &'a dyn Output,
    rules: &'a RuleConfig,
    parents: &'a ParentCache,
    fix: bool,
    roles_only: bool,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let config = Config::load(args.config.as_deref(), &cwd)?;

    let mut errors = Vec::new();
    let targets = discover::collect(&args.paths, &config.filter, &mut errors);
    let mut failures = errors.len();
    for e in &errors {
        eprintln!("error: {e}");
    }

    let color = use_color(args.color, args.format);
    let mut output = output::new(args.format, color, &cwd);
    let parents = ParentCache::new();
    let mut summary = Summary::default();
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(64 * 1024, stdout.lock());
    output.begin(&mut w)?;
    for chunk in targets.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = {
            let job = Job {
                output: &*output,
                rules: &config.rules,
                parents: &parents,
                fix: args.fix,
                roles_only: args.roles_only,
            };
            chunk.par_iter().map(|t| check_file(t, &job)).collect()
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Skipped => {}
                Outcome::Checked { rendered, counts, fixed } => {
                    summary.add(counts, fixed);
                    output.write_file(&mut w, &rendered)?;
                }
                Outcome::Failed(message) => {
                    w.flush()?;
                    eprintln!("error: {message}");
                    failures += 1;
                }
            }
        }
    }
    output.end(&mut w, &summary)?;
    w.flush()?;

    if failures > 0 {
        Ok(ExitCode::from(EXIT_USAGE))
    } else if summary.errors > 0 {
        Ok(ExitCode::from(EXIT_ERRORS))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn use_color(choice: ColorChoice, format: Format) -> bool {
    if format != Format::Human || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal(),
    }
}

fn check_file(target: &Target, job: &Job) -> Outcome {
    let shown = &target.display;
    let bytes = match std::fs::read(&target.path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("{shown}: cannot read: {}", discover::describe(&e))),
    };
    let only_roles = !target.explicit || job.roles_only;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.into_bytes();
            if only_roles && !looks_like_role(&String::from_utf8_lossy(&bytes)) {
                return Outcome::Skipped;
            }
            return Outcome::Failed(invalid_utf8(shown, &bytes));
        }
    };
    if only_roles && !looks_like_role(&text) {
        return Outcome::Skipped;
    }
    let doc = Document::new(text);
    let stem = target.path.file_stem().and_then(|s| s.to_str());
    let dir = match target.path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let resolver = DirResolver { dir, cache: job.parents };
    let ctx = Context { file_stem: stem, resolver: &resolver, config: job.rules };
    let (doc, diagnostics, fixed) = if job.fix {
        fix::fix_document(doc, &ctx)
    } else {
        let diagnostics = analysis::check(&doc, &ctx);
        (doc, diagnostics, 0)
    };
    if fixed > 0 {
        if let Err(e) = fix::write_atomically(&target.path, doc.text().as_bytes()) {
            return Outcome::Failed(format!("{shown}: cannot write the fixes: {}", discover::describe(&e)));
        }
    }
    let rendered = job.output.render(&FileReport { path: shown, doc: &doc, diagnostics: &diagnostics });
    Outcome::Checked { rendered, counts: Counts::of(&diagnostics), fixed }
}

/// A cheap test before parsing: the text opens with a `---` fence and a line
/// of the frontmatter starts with a `role` key. It only looks at the
/// frontmatter's bytes (no full parse of files that are not role files).
fn looks_like_role(text: &str) -> bool {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !t.starts_with("---") {
        return false;
    }
    let Some(first_break) = t.find('\n') else { return false };
    let fence = t[..first_break].trim_end_matches('\r');
    if !fence.strip_prefix("---").is_some_and(|rest| rest.bytes().all(|b| b == b' ' || b == b'\t')) {
        return false;
    }
    let rest = &t[first_break..];
    // Up to the closing fence: a line starting with `---` (or the end).
    let frontmatter = match rest.find("\n---") {
        Some(end) => &rest[..end + 1],
        None => rest,
    };
    ["\nrole:", "\nrole :", "\n\"role\"", "\n'role'"].iter().any(|k| frontmatter.contains(k))
}

fn invalid_utf8(shown: &str, bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    format!("{shown}: invalid UTF-8 at line {line} (byte offset {valid}); role files must be UTF-8")
}

#[cfg(test)]
mod tests {
    use super::looks_like_role;

    #[test]
    fn role_files_are_recognised_by_their_frontmatter() {
        assert!(looks_like_role("---\nrole: qa\n---\n# QA\n"));
        assert!(looks_like_role("\u{feff}---\r\nversion: 1\r\nrole: qa\r\n---\r\n"));
        assert!(looks_like_role("---\nrole: qa\n"), "unterminated frontmatter");
        assert!(looks_like_role("---  \nrole:\n---\n"), "empty role value");
    }

    #[test]
    fn other_markdown_is_not() {
        assert!(!looks_like_role("# README\n\nrole: not frontmatter\n"));
        assert!(!looks_like_role("---\nname: agent\n---\nrole: in the body\n"));
        assert!(!looks_like_role("---\nmeta:\n  role: nested\n---\n"));
        assert!(!looks_like_role("----\nrole: qa\n----\n"), "not a fence");
        assert!(!looks_like_role(""));
        assert!(!looks_like_role("---"));
    }
}
