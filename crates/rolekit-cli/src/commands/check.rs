//! `rolekit check [PATH...]`: find the files, let the core's policy decide
//! what each is (from the start of each: a role, a command, a prompt, a
//! registry, or nothing to check), index the names of the valora trees they
//! belong to (one read of each file's start, in parallel), check the files in
//! parallel against that index, and write the results in path order as they
//! come (in chunks, so memory stays flat however many files there are).
//! Registries are checked last, against the values their files showed.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use rayon::prelude::*;
use rolekit_core::analysis::registry::{self, RegisteredFile};
use rolekit_core::policy::{self, Family, Kind, Scope};
use rolekit_core::project;
use rolekit_core::project::NameIndex;
use rolekit_core::Document;

use super::{Failure, EXIT_ERRORS, EXIT_USAGE};
use crate::checker::{index_and_classify, CheckNow, Checker, FileResult};
use crate::cli::{CheckArgs, ColorChoice, Format};
use crate::config::Project;
use crate::discover::{self, Target};
use crate::output::{self, Counts, FileReport, Output, Summary};
use crate::resolver::ParentCache;

/// Files checked in parallel before their results are written: enough that
/// the workers seldom wait for each other at a chunk's end, few enough that
/// the reports held stay small.
const CHUNK: usize = 2048;

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
    /// A registry: checked once every file it lists has been.
    Registry {
        display: String,
        doc: Box<Document>,
        family: Family,
        tree: String,
    },
}

/// What registries need from the files beside them, collected while those
/// are checked: per (tree, family), each file's values by name.
type Projections = Mutex<HashMap<(String, Family), HashMap<String, RegisteredFile>>>;

/// Everything a worker needs, shared read-only.
struct Job<'a> {
    output: &'a dyn Output,
    project: &'a Project,
    parents: &'a ParentCache,
    index: &'a NameIndex,
    /// The (tree, family) pairs that have a registry to check.
    registries: &'a HashSet<(String, Family)>,
    projections: &'a Projections,
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

    let files: Vec<(PathBuf, String)> = targets.iter().map(|t| (t.path.clone(), t.display.clone())).collect();
    let registries: HashSet<(String, Family)> = targets
        .iter()
        .filter(|t| t.path.file_name().is_some_and(|name| name == "registry.json"))
        .filter_map(|t| {
            let rel = project.relative(&t.path)?;
            let layout = policy::layout(&rel)?;
            Some((layout.tree.to_string(), layout.family))
        })
        .collect();
    let projections: Projections = Mutex::new(HashMap::new());
    let mut deferred = Vec::new();

    let color = use_color(args.color, args.format);
    let mut output = output::new(args.format, color, &cwd);
    let parents = ParentCache::new();

    // The pass that indexes the project's names checks the files that need
    // none of them (roles, vendor agent files) as it reads them: each is read
    // once. Not with `--fix`: a fix is written once its report is kept.
    let no_index = NameIndex::new();
    let check_now = |slot: usize, doc: Document, kind: Kind| -> Option<Outcome> {
        let target = targets.get(slot)?;
        let job = Job {
            output: &*output,
            project: &project,
            parents: &parents,
            index: &no_index,
            registries: &registries,
            projections: &projections,
            fix: false,
            roles_only: args.roles_only,
            render: true,
        };
        let checker = Checker { project: &project, parents: &parents, index: &no_index };
        match report(target, checker.check_loaded(doc, kind, &target.path, &target.display, false), &job) {
            // Too large to keep until its turn: checked again then.
            Outcome::Large { .. } => None,
            outcome => Some(outcome),
        }
    };
    let first = index_and_classify(&files, &project, (!args.fix).then_some(&check_now as CheckNow<Outcome>));
    let (index, scopes, mut checked) = (first.index, first.scopes, first.checked);

    let mut summary = Summary::default();
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(64 * 1024, stdout.lock());
    // The reader of stdout may go away (`rolekit check | head`): checking
    // goes on without output, so the exit code still tells the truth.
    let mut stdout_open = write_or_close(output.begin(&mut w))?;
    for ((chunk, known), done) in targets.chunks(CHUNK).zip(scopes.chunks(CHUNK)).zip(checked.chunks_mut(CHUNK)) {
        let outcomes: Vec<Outcome> = {
            let job = Job {
                output: &*output,
                project: &project,
                parents: &parents,
                index: &index,
                registries: &registries,
                projections: &projections,
                fix: args.fix,
                roles_only: args.roles_only,
                render: stdout_open,
            };
            chunk
                .par_iter()
                .zip(known)
                .zip(done)
                .map(|((t, &known), done)| done.take().unwrap_or_else(|| check_file(t, known, &job)))
                .collect()
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Skipped => {}
                Outcome::Note(message) => {
                    to_stderr(&mut w, &mut stdout_open, "note", &message);
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
                    to_stderr(&mut w, &mut stdout_open, "error", &message);
                    failures += 1;
                }
                registry @ Outcome::Registry { .. } => deferred.push(registry),
            }
        }
    }
    let projections = projections.into_inner().unwrap_or_else(|e| e.into_inner());
    let empty = HashMap::new();
    // Each registry against the values its files showed, in parallel; written in path order.
    let registries: Vec<(Counts, String)> = deferred
        .par_iter()
        .filter_map(|outcome| {
            let Outcome::Registry { display, doc, family, tree } = outcome else { return None };
            let files = projections.get(&(tree.clone(), *family)).unwrap_or(&empty);
            let mut diagnostics = registry::check(doc, *family, tree, &index, files);
            project.config.rules.apply(&mut diagnostics);
            let report = FileReport { path: display, doc, diagnostics: &diagnostics };
            let rendered = if stdout_open { output.render(&report) } else { String::new() };
            Some((Counts::of(&diagnostics), rendered))
        })
        .collect();
    for (counts, rendered) in registries {
        summary.add(counts, 0);
        if stdout_open {
            stdout_open = write_or_close(output.write_file(&mut w, &rendered))?;
        }
    }
    if stdout_open {
        stdout_open = write_or_close(output.end(&mut w, &summary))?;
    }
    if stdout_open {
        write_or_close(w.flush())?;
    }
    // The process ends here: the index, the parents and the registry values
    // of 30,000 files take a tenth of a second to free one by one, for
    // nothing. The operating system takes the memory back whole.
    std::mem::forget((index, parents, projections, targets, files));

    if failures > 0 {
        Ok(ExitCode::from(EXIT_USAGE))
    } else if summary.errors > 0 {
        Ok(ExitCode::from(EXIT_ERRORS))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// `Ok(true)` when written, `Ok(false)` when the reader has gone (broken pipe).
pub(super) fn write_or_close(result: io::Result<()>) -> Result<bool, Failure> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// A `note:` or `error:` line on stderr, after what stdout holds so far
/// (so the two streams stay in order on a terminal).
pub(super) fn to_stderr(w: &mut impl Write, open: &mut bool, level: &str, message: &str) {
    flush_quietly(w, open);
    eprintln!("{level}: {message}");
}

pub(super) fn flush_quietly(w: &mut impl Write, open: &mut bool) {
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

fn check_file(target: &Target, known: Option<Scope>, job: &Job) -> Outcome {
    let checker = Checker { project: job.project, parents: job.parents, index: job.index };
    report(target, checker.check_classified(&target.path, &target.display, job.fix, known), job)
}

/// What checking `target` came to, rendered (and its values kept for the
/// registry beside it).
fn report(target: &Target, result: FileResult, job: &Job) -> Outcome {
    let (doc, diagnostics, fixed, kind) = match result {
        FileResult::Checked { doc, diagnostics, fixed, kind } => (doc, diagnostics, fixed, kind),
        FileResult::Registry { doc, family, tree } => {
            return Outcome::Registry { display: target.display.clone(), doc, family, tree }
        }
        FileResult::NotInScope(why) => {
            let note = target.out_of_scope(why, job.roles_only, "role, command or prompt file", "skipped");
            return note.map_or(Outcome::Skipped, Outcome::Note);
        }
        FileResult::Failed(message) => return Outcome::Failed(message),
    };
    let checker = Checker { project: job.project, parents: job.parents, index: job.index };
    collect_projection(job, &checker.name(&target.path, &target.display), kind, &doc, &target.display);
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

/// Keeps what the registry beside `doc` compares, when there is one.
fn collect_projection(job: &Job, rel: &str, kind: Kind, doc: &Document, display: &str) {
    let Some(layout) = policy::layout(rel) else { return };
    // A file whose YAML is broken has no values to compare (its own diagnostic says why).
    if kind.is_template()
        || doc.yaml().error.is_some()
        || !job.registries.contains(&(layout.tree.to_string(), layout.family))
    {
        return;
    }
    let family = kind.family();
    let declared = doc.root().and_then(|r| r.get("id")).and_then(|n| n.as_str());
    let name = project::document_name(family, rel, declared);
    let Some(file) = registry::projection(family, doc, display.to_string()) else { return };
    if let Ok(mut map) = job.projections.lock() {
        map.entry((layout.tree.to_string(), family)).or_default().entry(name).or_insert(file);
    }
}
