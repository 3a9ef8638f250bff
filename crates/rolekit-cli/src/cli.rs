//! Command-line arguments. Each subcommand has its own module under `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "rolekit",
    version,
    about = "Check, fix and explain role files (Markdown + YAML frontmatter defining an AI agent role)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check role files and directories of role files.
    Check(CheckArgs),
    /// Count tokens per file, section, resolved role, folder and in total.
    Stats(StatsArgs),
    /// Format role files in place (or check that they are formatted).
    Fmt(FmtArgs),
    /// List every rule: id, default severity, whether `--fix` can fix it, summary.
    Rules(RulesArgs),
    /// Print the documentation of one rule.
    Explain(ExplainArgs),
    /// Write a role (resolved through `inherits`) as a Claude Code subagent, a GitHub Copilot custom agent, a Cursor rule or an Agent Skill.
    Export(ExportArgs),
    /// Run the language server on stdio (for editors; see docs/editors.md).
    Lsp(LspArgs),
    /// Run a Model Context Protocol server on stdio (tools for coding agents: check, fix, explain, rules, resolve).
    Mcp,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for clients that pass it (vscode-languageclient and others); stdio is the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories. Directories are walked (respecting .gitignore) for
    /// `*.md` files whose frontmatter has a `role:` key; files named here are always checked.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Apply the safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,

    /// Use this configuration file instead of looking for `rolekit.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// When to colour human output (NO_COLOR always disables it).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Skip files named on the command line too when their frontmatter has no
    /// `role:` key (the pre-commit hook passes every Markdown file).
    #[arg(long)]
    pub roles_only: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or directories, found as `check` finds them (files named here
    /// that are not role files get a note and are left alone).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Write nothing; list the files that are not formatted and exit 1 if any.
    #[arg(long)]
    pub check: bool,

    /// Write nothing; print a unified diff of what would change and exit 1 if anything would.
    #[arg(long)]
    pub diff: bool,

    /// Format standard input to standard output; NAME decides the kind of
    /// file and the configuration (it is not read).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Use this configuration file instead of looking for `rolekit.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Skip files named on the command line too when they are not role files
    /// (the pre-commit hook passes every Markdown file).
    #[arg(long)]
    pub roles_only: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The role file, or the name of a role in the project's `data/agents/` (`.ai/agents/`, `.valora/agents/`).
    #[arg(value_name = "ROLE")]
    pub role: PathBuf,

    /// The format to write.
    #[arg(long, value_enum)]
    pub to: ExportTarget,

    /// Write the file here instead of to stdout.
    #[arg(short = 'o', long = "output", value_name = "PATH", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,

    /// Write the file under DIR where the target keeps it (`DIR/.claude/agents/<name>.md`, ...).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// `human`: the file (unless written) on stdout, the notes on stderr; `json`: both as one JSON object.
    #[arg(long, value_enum, default_value_t = ExportFormat::Human)]
    pub format: ExportFormat,

    /// Use this configuration file instead of looking for `rolekit.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// A Claude Code subagent (`.claude/agents/<name>.md`).
    Claude,
    /// A GitHub Copilot custom agent (`.github/agents/<name>.agent.md`).
    Copilot,
    /// A Cursor rule (`.cursor/rules/<name>.mdc`).
    Cursor,
    /// An Agent Skill (`<name>/SKILL.md`).
    Skill,
}

impl From<ExportTarget> for rolekit_core::export::Target {
    fn from(t: ExportTarget) -> Self {
        use rolekit_core::export::Target;
        match t {
            ExportTarget::Claude => Target::Claude,
            ExportTarget::Copilot => Target::Copilot,
            ExportTarget::Cursor => Target::Cursor,
            ExportTarget::Skill => Target::Skill,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The file on stdout (unless written), the notes on stderr.
    Human,
    /// `{version, source, target, kind, path, written, text, notes}` (see docs/export.md).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames with the line and a caret, then a summary.
    Human,
    /// The stable JSON contract (docs/json-format.md).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Files or directories, found as `check` finds them.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Human)]
    pub format: StatsFormat,

    /// The encoding to count in [default: `encoding` of `[token-budget]` in rolekit.toml, else o200k_base].
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,

    /// Use this configuration file instead of looking for `rolekit.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Skip files named on the command line too when they are not role files.
    #[arg(long)]
    pub roles_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Each file's parts, then totals per folder and overall.
    Human,
    /// The JSON contract of docs/stats-format.md.
    Json,
}

/// A token encoding, by its `tiktoken` name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// GPT-4o, GPT-4.1, o-series, GPT-5.
    #[value(name = "o200k_base")]
    O200kBase,
    /// GPT-4, GPT-3.5-turbo.
    #[value(name = "cl100k_base")]
    Cl100kBase,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// Every rule with its documentation, as JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, as listed by `rolekit rules`.
    #[arg(value_name = "ID")]
    pub id: String,
}
