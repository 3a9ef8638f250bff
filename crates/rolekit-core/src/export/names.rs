//! Names and descriptions within the targets' limits.

/// The longest skill name the Agent Skills specification allows.
pub const MAX_SKILL_NAME: usize = 64;

/// The longest skill description the Agent Skills specification allows, in characters.
pub const MAX_SKILL_DESCRIPTION: usize = 1024;

/// `name` as every target accepts it: lowercase ASCII letters and digits,
/// runs of anything else as one hyphen, no hyphen at either end, at most
/// [`MAX_SKILL_NAME`] characters; `role` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(MAX_SKILL_NAME);
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "role".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `text` cut to at most `max` characters at a word boundary, ending with
/// `…`; `None` when it fits.
pub fn truncate(text: &str, max: usize) -> Option<String> {
    if text.chars().count() <= max {
        return None;
    }
    let keep = max.saturating_sub(1);
    let cut = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > cut / 2 => &head[..i],
        _ => head,
    };
    Some(format!("{}…", head.trim_end_matches([' ', ',', ';', ':', '.'])))
}

/// One line: runs of white space (line breaks included) as one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_skill_rules() {
        assert_eq!(slug("platform-engineer"), "platform-engineer");
        assert_eq!(slug("QA Lead (v2)"), "qa-lead-v2");
        assert_eq!(slug("--a__b--"), "a-b");
        assert_eq!(slug("ééé"), "role");
        let long = slug(&"ab-".repeat(40));
        assert!(long.len() <= MAX_SKILL_NAME && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate("short", 10), None);
        let cut = truncate("alpha beta gamma delta", 13).unwrap_or_default();
        assert_eq!(cut, "alpha beta…");
        assert!(cut.chars().count() <= 13);
        let cut = truncate(&"é".repeat(2000), MAX_SKILL_DESCRIPTION).unwrap_or_default();
        assert_eq!(cut.chars().count(), MAX_SKILL_DESCRIPTION);
        assert_eq!(one_line(" a\n  b\r\nc "), "a b c");
    }
}
