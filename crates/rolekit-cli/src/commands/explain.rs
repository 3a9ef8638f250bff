//! `rolekit explain <ID>`: one rule's documentation.

use std::io::{self, Write};
use std::process::ExitCode;

use rolekit_core::rules::{self, RULES};

use super::Failure;
use crate::cli::ExplainArgs;

pub fn run(args: ExplainArgs) -> Result<ExitCode, Failure> {
    let Some(rule) = rules::find(args.id.trim()) else {
        let hint = closest(&args.id).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
        return Err(Failure::Message(format!("unknown rule `{}`{hint} (`rolekit rules` lists them all)", args.id)));
    };
    let mut out = io::stdout().lock();
    out.write_all(rule.markdown().as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The known rule id nearest to `id`, when it is near enough to be a typo.
fn closest(id: &str) -> Option<&'static str> {
    let id = id.trim().to_ascii_lowercase();
    RULES
        .iter()
        .map(|r| (strsim::normalized_damerau_levenshtein(&id, r.id.as_str()), r.id.as_str()))
        .chain(
            RULES
                .iter()
                .filter(|r| !id.is_empty() && r.id.as_str().contains(id.as_str()))
                .map(|r| (0.75, r.id.as_str())),
        )
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}
