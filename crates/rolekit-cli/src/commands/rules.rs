//! `rolekit rules`: the rule registry as a table or JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use rolekit_core::rules::RULES;
use rolekit_wire::RuleRecord;

use super::Failure;
use crate::cli::{ListFormat, RulesArgs};

pub fn run(args: RulesArgs) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    match args.format {
        ListFormat::Human => out.write_all(table().as_bytes())?,
        ListFormat::Json => {
            let records: Vec<RuleRecord> = RULES.iter().map(RuleRecord::from).collect();
            let json = serde_json::to_string_pretty(&records).map_err(|e| Failure::Message(e.to_string()))?;
            writeln!(out, "{json}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn table() -> String {
    let id_width = RULES.iter().map(|r| r.id.as_str().len()).max().unwrap_or(2).max("ID".len());
    let sev_width = "SEVERITY".len();
    let mut s = format!("{:id_width$}  {:sev_width$}  {:7}  SUMMARY\n", "ID", "SEVERITY", "FIXABLE");
    for r in RULES {
        let fixable = if r.safe_fix { "yes" } else { "no" };
        s.push_str(&format!("{:id_width$}  {:sev_width$}  {:7}  {}\n", r.id, r.severity.as_str(), fixable, r.summary));
    }
    s
}
