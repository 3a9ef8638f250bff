//! Agent-file formats other tools define (Claude Code subagents, Agent
//! Skills, Cursor rules, GitHub Copilot agents, prompts and instructions),
//! recognised by where they live, with no configuration.
//!
//! Each has a built-in schema (`schema/dialects/*.schema.json`) taken from
//! the vendor's documentation, plus fields real files use that the
//! documentation does not list yet. Vendors move fast, so an unknown key in
//! these formats is a warning (with did-you-mean), never an error.

/// A vendor format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    /// `.claude/agents/**/*.md`
    ClaudeAgent,
    /// `<skill>/SKILL.md`
    Skill,
    /// `.cursor/rules/**/*.mdc`
    CursorRule,
    /// `.github/agents/*.agent.md`, legacy `*.chatmode.md`
    CopilotAgent,
    /// `*.prompt.md`
    CopilotPrompt,
    /// `*.instructions.md`
    CopilotInstructions,
}

impl Dialect {
    pub const ALL: [Dialect; 6] = [
        Dialect::ClaudeAgent,
        Dialect::Skill,
        Dialect::CursorRule,
        Dialect::CopilotAgent,
        Dialect::CopilotPrompt,
        Dialect::CopilotInstructions,
    ];

    /// The kind's name (messages, `rolekit.toml`).
    pub fn name(self) -> &'static str {
        match self {
            Dialect::ClaudeAgent => "claude-agent",
            Dialect::Skill => "skill",
            Dialect::CursorRule => "cursor-rule",
            Dialect::CopilotAgent => "copilot-agent",
            Dialect::CopilotPrompt => "copilot-prompt",
            Dialect::CopilotInstructions => "copilot-instructions",
        }
    }

    /// How messages name a document of this kind.
    pub fn describe(self) -> &'static str {
        match self {
            Dialect::ClaudeAgent => "a Claude Code subagent",
            Dialect::Skill => "an Agent Skill (SKILL.md)",
            Dialect::CursorRule => "a Cursor rule",
            Dialect::CopilotAgent => "a GitHub Copilot custom agent",
            Dialect::CopilotPrompt => "a GitHub Copilot prompt file",
            Dialect::CopilotInstructions => "a GitHub Copilot instructions file",
        }
    }

    pub fn by_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Whether the format requires a frontmatter (Copilot prompt and
    /// instructions files and Cursor rules may be plain Markdown).
    pub fn frontmatter_required(self) -> bool {
        matches!(self, Dialect::ClaudeAgent | Dialect::Skill | Dialect::CopilotAgent)
    }

    /// The format `path` (relative, `/`-separated, or a bare file name)
    /// belongs to by where it lives.
    pub fn of_path(path: &str) -> Option<Dialect> {
        let path = path.strip_prefix("./").unwrap_or(path);
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let lower = name.to_ascii_lowercase();
        let folders: Vec<&str> = path.split(['/', '\\']).collect();
        let folders = &folders[..folders.len().saturating_sub(1)];
        let under = |a: &str, b: &str| folders.windows(2).any(|w| w[0] == a && w[1] == b);
        if name == "SKILL.md" && !folders.is_empty() {
            return Some(Dialect::Skill);
        }
        if lower.ends_with(".mdc") && under(".cursor", "rules") {
            return Some(Dialect::CursorRule);
        }
        if lower.ends_with(".agent.md") || lower.ends_with(".chatmode.md") {
            return Some(Dialect::CopilotAgent);
        }
        if lower.ends_with(".prompt.md") {
            return Some(Dialect::CopilotPrompt);
        }
        if lower.ends_with(".instructions.md") {
            return Some(Dialect::CopilotInstructions);
        }
        if lower.ends_with(".md") && under(".claude", "agents") {
            return Some(Dialect::ClaudeAgent);
        }
        None
    }

    /// The folder a skill's `name` must match: the folder holding `SKILL.md`.
    pub fn skill_folder(path: &str) -> Option<&str> {
        let (folder, _) = path.rsplit_once(['/', '\\'])?;
        let name = folder.rsplit(['/', '\\']).next().unwrap_or(folder);
        (!name.is_empty() && name != ".").then_some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn recognised_by_place() {
        let cases = [
            (".claude/agents/reviewer.md", Some(Dialect::ClaudeAgent)),
            ("x/.claude/agents/team/reviewer.md", Some(Dialect::ClaudeAgent)),
            (".claude/commands/x.md", None),
            ("skills/pdf/SKILL.md", Some(Dialect::Skill)),
            ("SKILL.md", None),
            (".cursor/rules/a/b.mdc", Some(Dialect::CursorRule)),
            ("rules/b.mdc", None),
            (".github/agents/planner.agent.md", Some(Dialect::CopilotAgent)),
            (".github/chatmodes/beast.chatmode.md", Some(Dialect::CopilotAgent)),
            (".github/prompts/x.prompt.md", Some(Dialect::CopilotPrompt)),
            (".github/instructions/x.instructions.md", Some(Dialect::CopilotInstructions)),
            ("docs/readme.md", None),
        ];
        for (path, want) in cases {
            assert_eq!(Dialect::of_path(path), want, "{path}");
        }
        assert_eq!(Dialect::skill_folder("skills/pdf/SKILL.md"), Some("pdf"));
        for d in Dialect::ALL {
            assert_eq!(Dialect::by_name(d.name()), Some(d));
        }
    }
}
