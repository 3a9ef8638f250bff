//! `rolekit fmt [PATH...]`: the core's formatter ([`rolekit_core::format`])
//! over the files `check` would check (same discovery, configuration and
//! scope), in parallel, written in place the way `check --fix` writes
//! (atomically, never over a file that changed since it was read, hard links
//! kept). `--check` lists the files that are not formatted, `--diff` prints
//! what would change, `--stdin-filename NAME` formats standard input.
//!
//! Exit codes: 0 done (or nothing to change); 1 with `--check`/`--diff` when
//! a file is not formatted; 2 when a file could not be read, formatted
//! (YAML errors, ...) or written, or on a usage error.

use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use rayon::prelude::*;
use rolekit_core::format::{self, Formatted};
use rolekit_core::policy::{self, Kind, Scope};
use rolekit_core::project::NameIndex;
use rolekit_core::Document;
use similar::TextDiff;

use super::check::{flush_quietly, to_stderr, write_or_close};
use super::{Failure, EXIT_ERRORS, EXIT_USAGE};
use crate::checker::{Checker, Loaded};
use crate::cli::FmtArgs;
use crate::config::Project;
use crate::discover::{self, printable, Target};
use crate::fix::{write_fixed, WriteError};
use crate::fsio;
use crate::resolver::ParentCache;

/// Files formatted in parallel before their results are written.
const CHUNK: usize = 512;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Write,
    Check,
    Diff,
}

/// What one file came to.
pub(crate) enum Outcome {
    /// A walked Markdown file that is not a role file.
    Skipped,
    /// A role file already formatted (`notes` say what was left alone).
    Unchanged {
        notes: Vec<String>,
    },
    /// Formatted (written, or would be with `--check`/`--diff`).
    Changed {
        notes: Vec<String>,
        diff: String,
    },
    /// A message for stderr: `note: ...` (nothing done) or `error: ...`.
    Note(String),
    Failed(String),
}

pub fn run(args: FmtArgs) -> Result<ExitCode, Failure> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let project = Project::load(args.config.as_deref(), &cwd)?;
    let mode = if args.diff {
        Mode::Diff
    } else if args.check {
        Mode::Check
    } else {
        Mode::Write
    };
    if let Some(name) = &args.stdin_filename {
        let named = args.paths.len() != 1 || args.paths[0] != Path::new(".");
        if named {
            return Err(Failure::Message("--stdin-filename formats standard input: name no PATH".into()));
        }
        return stdin(name, &project, mode);
    }

    let parents = ParentCache::new();
    // Formatting needs no other document's names.
    let index = NameIndex::new();
    let checker = Checker { project: &project, parents: &parents, index: &index };
    let mut errors = Vec::new();
    let targets = discover::collect(&args.paths, &project, &mut errors);
    let mut failures = errors.len();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let (mut changed, mut unchanged) = (0usize, 0usize);
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut stdout_open = true;
    for chunk in targets.chunks(CHUNK) {
        let outcomes: Vec<Outcome> =
            chunk.par_iter().map(|t| format_file(t, &checker, mode, args.roles_only)).collect();
        for (target, outcome) in chunk.iter().zip(outcomes) {
            let shown = printable(&target.display);
            match outcome {
                Outcome::Skipped => {}
                Outcome::Unchanged { notes } => {
                    unchanged += 1;
                    notes_to_stderr(&mut w, &mut stdout_open, &shown, &notes);
                }
                Outcome::Changed { notes, diff } => {
                    changed += 1;
                    notes_to_stderr(&mut w, &mut stdout_open, &shown, &notes);
                    if stdout_open {
                        let line = match mode {
                            Mode::Write => format!("formatted {shown}\n"),
                            Mode::Check => format!("{shown}\n"),
                            Mode::Diff => diff,
                        };
                        stdout_open = write_or_close(w.write_all(line.as_bytes()))?;
                    }
                }
                Outcome::Note(message) => {
                    to_stderr(&mut w, &mut stdout_open, "note", &message);
                }
                Outcome::Failed(message) => {
                    to_stderr(&mut w, &mut stdout_open, "error", &message);
                    failures += 1;
                }
            }
        }
    }
    if stdout_open {
        write_or_close(w.flush())?;
    }
    let total = changed + unchanged;
    let files = |n: usize| if n == 1 { "1 file".to_string() } else { format!("{n} files") };
    match mode {
        Mode::Write => eprintln!("{} formatted, {} already formatted", files(changed), unchanged),
        Mode::Check | Mode::Diff if changed > 0 => {
            eprintln!("{} of {} not formatted (run `rolekit fmt` to format)", files(changed), total)
        }
        Mode::Check | Mode::Diff => eprintln!("{} formatted", files(total)),
    }
    Ok(if failures > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if changed > 0 && mode != Mode::Write {
        ExitCode::from(EXIT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn notes_to_stderr(w: &mut impl Write, open: &mut bool, shown: &str, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    flush_quietly(w, open);
    for n in notes {
        eprintln!("note: {shown}: {n}");
    }
}

/// Formats the file `target` names (in place with `Mode::Write`).
pub(crate) fn format_file(target: &Target, checker: &Checker, mode: Mode, roles_only: bool) -> Outcome {
    let shown = printable(&target.display);
    let (doc, kind) = match checker.load(&target.path, &target.display) {
        // A registry is JSON: `rolekit fmt` writes Markdown documents only.
        Loaded::Role(_, Kind::Registry(_)) => return Outcome::Skipped,
        Loaded::Role(doc, kind) => (doc, kind),
        Loaded::NotInScope(why) => {
            let note = target.out_of_scope(why, roles_only, "role, command or prompt file", "left as it is");
            return note.map_or(Outcome::Skipped, Outcome::Note);
        }
        Loaded::Failed(message) => return Outcome::Failed(message),
    };
    let out = format::format_in(&doc, kind, &checker.project.config, &checker.project.schemas);
    outcome(&shown, &target.path, doc.text(), out, mode)
}

fn outcome(shown: &str, path: &Path, original: &str, out: Formatted, mode: Mode) -> Outcome {
    if let Some(why) = &out.refused {
        return Outcome::Failed(format!("{shown}: not formatted: {why}"));
    }
    if !out.changed {
        return Outcome::Unchanged { notes: out.notes };
    }
    let diff = if mode == Mode::Diff { unified_diff(shown, original, &out.text) } else { String::new() };
    if mode == Mode::Write {
        if let Err(e) = write_fixed(path, original.as_bytes(), out.text.as_bytes()) {
            return Outcome::Failed(match e {
                WriteError::Changed => {
                    format!(
                        "{shown}: the file changed on disk while it was being formatted; not overwritten (run again)"
                    )
                }
                WriteError::Io(e) => format!("{shown}: cannot write: {}", fsio::describe(&e)),
            });
        }
    }
    Outcome::Changed { notes: out.notes, diff }
}

/// A unified diff (three lines of context) from `a/PATH` to `b/PATH`.
fn unified_diff(shown: &str, before: &str, after: &str) -> String {
    let diff = TextDiff::configure().timeout(Duration::from_secs(2)).diff_lines(before, after);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .missing_newline_hint(true)
        .to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// `--stdin-filename NAME`: standard input to standard output.
fn stdin(name: &Path, project: &Project, mode: Mode) -> Result<ExitCode, Failure> {
    let mut bytes = Vec::new();
    io::stdin()
        .take(policy::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > policy::MAX_FILE_BYTES {
        return Err(Failure::Message("standard input is larger than the limit for a role file".into()));
    }
    let display = name.to_string_lossy().into_owned();
    let shown = printable(&display).into_owned();
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: invalid UTF-8; role files must be UTF-8"))?;
    let parents = ParentCache::new();
    let index = NameIndex::new();
    let checker = Checker { project, parents: &parents, index: &index };
    let mut w = io::stdout().lock();
    let kind = match checker.classify(name, &display, &text) {
        Scope::In(kind) => kind,
        Scope::Out(why) => {
            eprintln!("note: {shown}: not a role, command or prompt file ({}); left as it is", why.describe());
            if mode == Mode::Write {
                write_or_close(w.write_all(text.as_bytes()))?;
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    let doc = Document::new(text);
    let out = format::format_in(&doc, kind, &project.config, &project.schemas);
    for n in &out.notes {
        eprintln!("note: {shown}: {n}");
    }
    if let Some(why) = &out.refused {
        eprintln!("error: {shown}: not formatted: {why}");
        if mode == Mode::Write {
            write_or_close(w.write_all(doc.text().as_bytes()))?;
        }
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    match mode {
        Mode::Write => {
            write_or_close(w.write_all(out.text.as_bytes()))?;
        }
        Mode::Check if out.changed => {
            write_or_close(w.write_all(format!("{shown}\n").as_bytes()))?;
        }
        Mode::Diff if out.changed => {
            write_or_close(w.write_all(unified_diff(&shown, doc.text(), &out.text).as_bytes()))?;
        }
        Mode::Check | Mode::Diff => {}
    }
    Ok(if out.changed && mode != Mode::Write { ExitCode::from(EXIT_ERRORS) } else { ExitCode::SUCCESS })
}
