//! Which files rolekit checks, and as what.
//!
//! A Markdown file is a role file when
//! - `exclude` does not match it or a folder above it, and
//! - `include` matches it (whatever it contains), or
//! - it lives where a valora project keeps its roles (`data/agents/*.md`, or
//!   the older `.ai/agents/*.md`) and has a frontmatter, or
//! - its frontmatter has a top-level `role:` key **and** at least one other
//!   key of the role schema (`version`, `description`, `capabilities`, ...),
//!   so a docs page with `role: button` is not mistaken for one.
//!
//! A role file whose name starts with `_` is a template (placeholder values,
//! only syntax and encoding rules). Everything here looks at the path and at
//! most [`HEAD_BYTES`](super::HEAD_BYTES) of text, so walking past a 1 GB
//! Markdown file costs one small read.

use std::sync::OnceLock;

use super::config::Config;
use super::paths::file_stem;
use crate::text::BOM;

/// What a file in scope is checked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A role file: every rule applies.
    Role,
    /// A role template (`_template.md`): placeholder values, so only syntax and encoding rules.
    RoleTemplate,
}

impl Kind {
    pub fn is_template(self) -> bool {
        matches!(self, Kind::RoleTemplate)
    }
}

/// Why a file is left alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotInScope {
    /// `exclude` matches it or a folder above it.
    Excluded,
    /// It does not start with a `---` frontmatter.
    NoFrontmatter,
    /// Its frontmatter does not define a role.
    NotARole,
}

impl NotInScope {
    /// Why, in words, for a note to the user ("x.md: not a role file: ...").
    pub fn describe(self) -> &'static str {
        match self {
            NotInScope::Excluded => "excluded by `exclude` in rolekit.toml",
            NotInScope::NoFrontmatter => "it has no `---` frontmatter",
            NotInScope::NotARole => "its frontmatter has no `role:` key next to other role keys",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    In(Kind),
    Out(NotInScope),
}

impl Scope {
    pub fn kind(self) -> Option<Kind> {
        match self {
            Scope::In(kind) => Some(kind),
            Scope::Out(_) => None,
        }
    }
}

/// Folders where a valora project keeps its role files, as the last path
/// segments above the file.
const ROLE_FOLDERS: &[&str] = &["data/agents", ".ai/agents"];

/// Classifies a file from its path and the start of its text.
///
/// `path` is relative to the project root with `/` separators, or just a
/// file name (playground tabs, untitled buffers), or `None`. `head` is the
/// file's text or at least its first [`HEAD_BYTES`](super::HEAD_BYTES).
pub fn classify(config: &Config, path: Option<&str>, head: &str) -> Scope {
    if let Some(p) = path {
        if config.exclude.matches_path_or_parent(p) {
            return Scope::Out(NotInScope::Excluded);
        }
    }
    let template = path.is_some_and(|p| file_stem(p).starts_with('_'));
    let as_kind = |_| if template { Kind::RoleTemplate } else { Kind::Role };
    if path.is_some_and(|p| config.include.matches_file(p)) {
        return Scope::In(as_kind(()));
    }
    let Some(keys) = frontmatter_keys(head) else {
        return Scope::Out(NotInScope::NoFrontmatter);
    };
    if path.is_some_and(in_role_folder) {
        return Scope::In(as_kind(()));
    }
    let has_role = keys.iter().any(|k| k == "role");
    let has_other = keys.iter().any(|k| k != "role" && role_keys().contains(&k.as_str()));
    if has_role && has_other {
        Scope::In(as_kind(()))
    } else {
        Scope::Out(NotInScope::NotARole)
    }
}

fn in_role_folder(path: &str) -> bool {
    let Some((folder, _)) = path.rsplit_once('/') else { return false };
    ROLE_FOLDERS.iter().any(|f| folder == *f || folder.ends_with(&format!("/{f}")))
}

/// The keys a role file may have at the top level (from the role schema).
fn role_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| crate::schema::properties(crate::schema::role_schema()).into_iter().map(|(k, _)| k).collect())
}

/// The top-level keys of the frontmatter at the start of `head`, read line
/// by line (no YAML parse: this runs on every Markdown file of a tree).
/// `None` when `head` does not open with a `---` fence.
fn frontmatter_keys(head: &str) -> Option<Vec<String>> {
    let text = head.strip_prefix(BOM).unwrap_or(head);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let first = lines.next()?;
    if !is_fence(first) || !text.contains('\n') {
        return None;
    }
    let mut keys = Vec::new();
    for line in lines {
        if is_fence(line) {
            break;
        }
        if let Some(key) = top_level_key(line) {
            if keys.len() < 256 && !keys.iter().any(|k| k == key) {
                keys.push(key.to_string());
            }
        }
    }
    Some(keys)
}

fn is_fence(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(|rest| rest.bytes().all(|b| b == b' ' || b == b'\t'))
}

/// `key` of a line `key: ...` that starts at column 0 (quoted keys too).
fn top_level_key(line: &str) -> Option<&str> {
    let first = *line.as_bytes().first()?;
    let (key, rest) = match first {
        b'"' | b'\'' => {
            let close = line[1..].find(first as char)? + 1;
            (&line[1..close], &line[close + 1..])
        }
        b' ' | b'\t' | b'#' | b'-' | b'[' | b'{' | b'?' | b':' => return None,
        _ => {
            let colon = line.find(':')?;
            (line[..colon].trim_end(), &line[colon..])
        }
    };
    let after = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Config {
        Config::parse(toml).unwrap_or_else(|e| panic!("{e:?}"))
    }

    const ROLE: &str = "---\nrole: qa\nversion: 1.0.0\n---\n# QA\n";

    #[test]
    fn role_files_need_role_and_another_role_key() {
        let c = Config::default();
        assert_eq!(classify(&c, Some("qa.md"), ROLE), Scope::In(Kind::Role));
        assert_eq!(
            classify(&c, Some("qa.md"), "\u{feff}---\r\n\"role\": qa\r\ntone: x\r\n---\r\n"),
            Scope::In(Kind::Role)
        );
        assert_eq!(
            classify(&c, None, "---\nrole: qa\ncapabilities:\n  x: true\n"),
            Scope::In(Kind::Role),
            "unterminated"
        );
        assert_eq!(classify(&c, Some("_template.md"), "---\nrole:\nversion:\n---\n"), Scope::In(Kind::RoleTemplate));
    }

    #[test]
    fn docs_pages_and_other_markdown_are_not() {
        let c = Config::default();
        let docs = "---\ntitle: Buttons\nrole: button\nlayout: page\n---\n";
        assert_eq!(classify(&c, Some("docs/button.md"), docs), Scope::Out(NotInScope::NotARole));
        assert_eq!(classify(&c, Some("README.md"), "# Readme\nrole: x\n"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(
            classify(&c, Some("a.md"), "---\nmeta:\n  role: x\n  version: 1\n---\n"),
            Scope::Out(NotInScope::NotARole)
        );
        assert_eq!(
            classify(&c, Some("a.md"), "---\nname: agent\n---\nrole: qa\nversion: 1\n"),
            Scope::Out(NotInScope::NotARole)
        );
        assert_eq!(classify(&c, Some("a.md"), "----\nrole: qa\nversion: 1\n"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(classify(&c, Some("a.md"), "---"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(classify(&c, Some("a.md"), ""), Scope::Out(NotInScope::NoFrontmatter));
    }

    #[test]
    fn valora_role_folders_need_only_a_frontmatter() {
        let c = Config::default();
        let half = "---\nrole: new-role\n---\n";
        assert_eq!(classify(&c, Some("data/agents/new-role.md"), half), Scope::In(Kind::Role));
        assert_eq!(classify(&c, Some("x/.ai/agents/_template.md"), half), Scope::In(Kind::RoleTemplate));
        assert_eq!(classify(&c, Some("data/agents/README.md"), "# Agents\n"), Scope::Out(NotInScope::NoFrontmatter));
        assert_eq!(classify(&c, Some("data/agents/expertises/x.md"), half), Scope::Out(NotInScope::NotARole));
    }

    #[test]
    fn include_widens_and_exclude_wins() {
        let c = config("include = [\"roles/**/*.md\"]\nexclude = [\"roles/drafts\"]\n");
        assert_eq!(classify(&c, Some("roles/new.md"), ""), Scope::In(Kind::Role));
        assert_eq!(classify(&c, Some("roles/drafts/x.md"), ROLE), Scope::Out(NotInScope::Excluded));
        assert_eq!(classify(&c, Some("other/qa.md"), ROLE), Scope::In(Kind::Role));
    }

    #[test]
    fn only_the_head_is_read() {
        // The keys of a long frontmatter are found in the first lines: a 64 KiB head of it decides.
        let mut text = String::from("---\nrole: qa\nversion: 1.0.0\n");
        text.push_str(&"note: x\n".repeat(100_000));
        let head = &text[..super::super::HEAD_BYTES];
        assert_eq!(classify(&Config::default(), Some("qa.md"), head), Scope::In(Kind::Role));
    }
}
