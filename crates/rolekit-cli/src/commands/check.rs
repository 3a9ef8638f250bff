//! `rolekit check [PATH...]`: find the files, let the core's policy decide
//! which are role files (from the start of each), check those in parallel,
//! and write the results in path order as they come (in chunks, so memory
//! stays flat however many files there are).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use rayon::prelude::*;
use rolekit_core::Document;

use super::{Failure, EXIT_ERRORS, EXIT_USAGE};
use crate::checker::{Checker, FileResult};
use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::config::Project;
use crate::discover::{self, printable, Target};
use crate::output::{self, Counts, FileReport, Output, Summary};
use crate::resolver::ParentCache;

/// Files checked in parallel before their results are written.
const CHUNK: usize = 512;

/// What one file came to.
enum Outcome {
    /// A walked Markdown file that is not a role file.
    Skipped,
    /// A named file that is not a role file: said once, not checked.
    Note(String),
    Checked {
        rendered: String,
        counts: Counts,
        fixed: usize,
    },
    /// A file with very many diagnostics: written by the main thread in
    /// slices, never rendered whole (bounded memory for a 1 MB pathological file).
    Large {
        display: String,
        doc: Box<Document>,
        diagnostics: Vec<rolekit_core::Diagnostic>,
        counts: Counts,
        fixed: usize,
    },
    /// An I/O or encoding error, already worded.
    Failed(String),
}

/// Everything a worker needs, shared read-only.
struct Job<'a> {
    output: &'a dyn Output,
    project: &'a Project,
    parents: &'a ParentCache,
    fix: bool,
    roles_only: bool,
    /// Render reports (false once the reader of stdout has gone).
    render: bool,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, Failure> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let project = Project::load(args.config.as_deref(), &cwd)?;

    let mut errors = Vec::new();
    let targets = discover::collect(&args.paths, &project, &mut errors);
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
    // The reader of stdout may go away (`rolekit check | head`): checking
    // goes on without output, so the exit code still tells the truth.
    let mut stdout_open = write_or_close(output.begin(&mut w))?;
    for chunk in targets.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = {
            let job = Job {
                output: &*output,
                project: &project,
                parents: &parents,
                fix: args.fix,
                roles_only: args.roles_only,
                render: stdout_open,
            };
            chunk.par_iter().map(|t| check_file(t, &job)).collect()
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Skipped => {}
                Outcome::Note(message) => {
                    flush_quietly(&mut w, &mut stdout_open);
                    eprintln!("note: {message}");
                }
                Outcome::Checked { rendered, counts, fixed } => {
                    summary.add(counts, fixed);
                    if stdout_open {
                        stdout_open = write_or_close(output.write_file(&mut w, &rendered))?;
                    }
                }
                Outcome::Large { display, doc, diagnostics, counts, fixed } => {
                    summary.add(counts, fixed);
                    if stdout_open {
                        let report = FileReport { path: &display, doc: &doc, diagnostics: &diagnostics };
                        stdout_open = write_or_close(output.write_large(&mut w, &report))?;
                    }
                }
                Outcome::Failed(message) => {
                    flush_quietly(&mut w, &mut stdout_open);
                    eprintln!("error: {message}");
                    failures += 1;
                }
            }
        }
    }
    if stdout_open {
        stdout_open = write_or_close(output.end(&mut w, &summary))?;
    }
    if stdout_open {
        write_or_close(w.flush())?;
    }

    if failures > 0 {
        Ok(ExitCode::from(EXIT_USAGE))
    } else if summary.errors > 0 {
        Ok(ExitCode::from(EXIT_ERRORS))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// `Ok(true)` when written, `Ok(false)` when the reader has gone (broken pipe).
fn write_or_close(result: io::Result<()>) -> Result<bool, Failure> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn flush_quietly(w: &mut impl Write, open: &mut bool) {
    if *open && w.flush().is_err() {
        *open = false;
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
    let checker = Checker { project: job.project, parents: job.parents };
    let (doc, diagnostics, fixed) = match checker.check_path(&target.path, &target.display, job.fix) {
        FileResult::Checked { doc, diagnostics, fixed } => (doc, diagnostics, fixed),
        FileResult::NotInScope(_) if !target.explicit || job.roles_only => return Outcome::Skipped,
        FileResult::NotInScope(why) => {
            return Outcome::Note(format!(
                "{}: not a role file ({}); skipped",
                printable(&target.display),
                why.describe()
            ))
        }
        FileResult::Failed(message) => return Outcome::Failed(message),
    };
    let counts = Counts::of(&diagnostics);
    if job.render && diagnostics.len() > output::LARGE {
        return Outcome::Large { display: target.display.clone(), doc, diagnostics, counts, fixed };
    }
    let rendered = if job.render {
        job.output.render(&FileReport { path: &target.display, doc: &doc, diagnostics: &diagnostics })
    } else {
        String::new()
    };
    Outcome::Checked { rendered, counts, fixed }
}
