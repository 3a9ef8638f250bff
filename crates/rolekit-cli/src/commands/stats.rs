//! `rolekit stats [PATH...]`: how many tokens each role file costs — its
//! frontmatter, each `##` section, the whole file, and the role with every
//! file it inherits — then totals per folder and overall. Files are found,
//! scoped and read exactly as `check` finds them (`discover`, the project's
//! `rolekit.toml`, [`Checker::load`]), counted in parallel, and written in
//! path order as they come.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;
use rolekit_core::policy::Kind;
use rolekit_core::project::NameIndex;
use rolekit_core::tokens::{self, Encoding};
use rolekit_core::{analysis, Document};
use rolekit_tokens::Tokenizer;
use rolekit_wire::stats::{FileStats, FolderStats, Total};

use super::check::{to_stderr, write_or_close};
use super::{Failure, EXIT_USAGE};
use crate::checker::{Checker, Loaded};
use crate::cli::{EncodingArg, StatsArgs, StatsFormat};
use crate::config::Project;
use crate::discover::{self, Target};
use crate::output::stats::{self as render, StatsOutput};
use crate::resolver::ParentCache;

/// Files counted in parallel before their results are written.
const CHUNK: usize = 512;

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Self {
        match e {
            EncodingArg::O200kBase => Encoding::O200kBase,
            EncodingArg::Cl100kBase => Encoding::Cl100kBase,
        }
    }
}

enum Outcome {
    Skipped,
    Note(String),
    Counted { folder: String, tokens: usize, resolved: usize, rendered: String },
    Failed(String),
}

struct Job<'a> {
    checker: Checker<'a>,
    counter: &'a Tokenizer,
    output: &'a dyn StatsOutput,
    roles_only: bool,
}

pub fn run(args: StatsArgs) -> Result<ExitCode, Failure> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let project = Project::load(args.config.as_deref(), &cwd)?;
    let encoding = args.encoding.map_or(project.config.token_budget.encoding, Encoding::from);

    let mut errors = Vec::new();
    let targets = discover::collect(&args.paths, &project, &mut errors);
    let mut failures = errors.len();
    for e in &errors {
        eprintln!("error: {e}");
    }

    let mut output = render::new(args.format == StatsFormat::Json);
    let parents = ParentCache::new();
    let counter = Tokenizer::get(encoding);
    let mut folders: BTreeMap<String, FolderStats> = BTreeMap::new();
    let mut total = Total::default();
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut stdout_open = write_or_close(output.begin(&mut w, encoding))?;
    // Token counts need no other document's names.
    let index = NameIndex::new();
    for chunk in targets.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = {
            let job = Job {
                checker: Checker { project: &project, parents: &parents, index: &index },
                counter,
                output: &*output,
                roles_only: args.roles_only,
            };
            chunk.par_iter().map(|t| count_file(t, &job)).collect()
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Skipped => {}
                Outcome::Note(message) => {
                    to_stderr(&mut w, &mut stdout_open, "note", &message);
                }
                Outcome::Failed(message) => {
                    to_stderr(&mut w, &mut stdout_open, "error", &message);
                    failures += 1;
                }
                Outcome::Counted { folder, tokens, resolved, rendered } => {
                    let f = folders.entry(folder).or_default();
                    for (files, t, r) in [
                        (&mut f.files, &mut f.tokens, &mut f.resolved),
                        (&mut total.files, &mut total.tokens, &mut total.resolved),
                    ] {
                        *files += 1;
                        *t += tokens;
                        *r += resolved;
                    }
                    if stdout_open {
                        stdout_open = write_or_close(output.write_file(&mut w, &rendered))?;
                    }
                }
            }
        }
    }
    let folders: Vec<FolderStats> = folders.into_iter().map(|(path, f)| FolderStats { path, ..f }).collect();
    if stdout_open {
        stdout_open = write_or_close(output.end(&mut w, &folders, &total))?;
    }
    if stdout_open {
        write_or_close(w.flush())?;
    }
    Ok(if failures > 0 { ExitCode::from(EXIT_USAGE) } else { ExitCode::SUCCESS })
}

fn count_file(target: &Target, job: &Job) -> Outcome {
    let (doc, kind) = match job.checker.load(&target.path, &target.display) {
        // A registry is JSON: no tokens of a document to count.
        Loaded::Role(_, Kind::Registry(_)) => return Outcome::Skipped,
        Loaded::Role(doc, kind) => (doc, kind),
        Loaded::NotInScope(why) => {
            return target
                .out_of_scope(why, job.roles_only, "role file", "skipped")
                .map_or(Outcome::Skipped, Outcome::Note)
        }
        Loaded::Failed(message) => return Outcome::Failed(message),
    };
    let stats = file_stats(&job.checker, job.counter, &target.path, &target.display, &doc, kind);
    Outcome::Counted {
        folder: folder_of(&target.display).to_string(),
        tokens: stats.tokens,
        resolved: stats.resolved_tokens(),
        rendered: job.output.render(&stats),
    }
}

/// The token counts of one file (`display` as shown), with what it inherits
/// through parents beside `path`.
pub(crate) fn file_stats(
    checker: &Checker,
    counter: &Tokenizer,
    path: &Path,
    display: &str,
    doc: &Document,
    kind: Kind,
) -> FileStats {
    let counts = tokens::file_tokens(doc, counter);
    // A template's `inherits` is a placeholder: it is counted alone.
    let resolved = (!kind.is_template()).then(|| {
        let resolution = analysis::resolve(doc, &checker.resolver(path));
        tokens::resolved_tokens(counts.file, &resolution, counter)
    });
    FileStats::from_core(display, kind.is_template(), doc, &counts, resolved.as_ref())
}

/// The folder part of a shown path (`.` when it has none).
fn folder_of(display: &str) -> &str {
    match display.rsplit_once('/') {
        Some(("", _)) => "/",
        Some((folder, _)) => folder,
        None => ".",
    }
}

#[cfg(test)]
mod tests {
    use super::folder_of;

    #[test]
    fn folders_of_shown_paths() {
        assert_eq!(folder_of("roles/qa.md"), "roles");
        assert_eq!(folder_of("a/b/qa.md"), "a/b");
        assert_eq!(folder_of("qa.md"), ".");
        assert_eq!(folder_of("/qa.md"), "/");
    }
}
