//! The numbered `##` sections a role file's body is made of.

use std::sync::OnceLock;

/// One of the twelve sections, in canonical order.
#[derive(Debug)]
pub struct Section {
    pub number: u32,
    pub title: &'static str,
    /// Other titles real files use for the same section (normalised, see [`normalize`]).
    pub aliases: &'static [&'static str],
    /// What belongs in the section (hover, completion).
    pub doc: &'static str,
    /// The frontmatter key the section expands on, if any.
    pub key: Option<&'static str>,
}

pub const SECTIONS: &[Section] = &[
    Section {
        number: 1,
        title: "Mission Statement",
        aliases: &["mission"],
        doc: "Why this role exists: the outcome it is accountable for, in two or three short paragraphs.",
        key: Some("specialization"),
    },
    Section {
        number: 2,
        title: "Expertise Scope",
        aliases: &["expertise", "areas of expertise"],
        doc: "The knowledge the role brings, grouped by area (`###` sub-headings), expanding on `expertise`.",
        key: Some("expertise"),
    },
    Section {
        number: 3,
        title: "Responsibilities",
        aliases: &["key responsibilities"],
        doc: "What the role is accountable for, as concrete duties, expanding on `responsibilities`.",
        key: Some("responsibilities"),
    },
    Section {
        number: 4,
        title: "Capabilities",
        aliases: &[],
        doc: "What the role can do (technical and operational), matching the `capabilities` flags.",
        key: Some("capabilities"),
    },
    Section {
        number: 5,
        title: "Constraints",
        aliases: &["constraints and boundaries"],
        doc: "Actions that need approval, forbidden paths and operational boundaries, matching `constraints`.",
        key: Some("constraints"),
    },
    Section {
        number: 6,
        title: "Decision-Making Model",
        aliases: &["decision making model", "decision making"],
        doc: "The autonomy level (`**Autonomy Level**: ...`), what the role decides alone and when it escalates, matching `decision_making`.",
        key: Some("decision_making"),
    },
    Section {
        number: 7,
        title: "Context and Information Requirements",
        aliases: &["context requirements", "information requirements"],
        doc: "What the role must know or gather before acting, matching `context_requirements`.",
        key: Some("context_requirements"),
    },
    Section {
        number: 8,
        title: "Operating Principles",
        aliases: &["principles"],
        doc: "The principles that guide the role's decisions, one `###` per principle.",
        key: None,
    },
    Section {
        number: 9,
        title: "Tool Use Strategy",
        aliases: &["tooling and usage strategy", "tool usage strategy", "tooling strategy", "tools"],
        doc: "Which tools the role uses for what, and how it chooses between them. The template calls it \"Tooling and Usage Strategy\"; both titles are accepted.",
        key: None,
    },
    Section {
        number: 10,
        title: "Communication Pattern",
        aliases: &["communication patterns", "communication style"],
        doc: "How the role communicates (`**Tone**: ...`), with formats for solutions, escalations and documentation, matching `tone`.",
        key: Some("tone"),
    },
    Section {
        number: 11,
        title: "Output Format",
        aliases: &["output"],
        doc: "The shape of the role's answers (`**Format**: ...`, reasoning, alternatives), matching `output_format`.",
        key: Some("output_format"),
    },
    Section {
        number: 12,
        title: "Related Templates",
        aliases: &["related roles", "related"],
        doc: "Links to related role files and templates.",
        key: None,
    },
];

/// Lowercase, `&` as "and", hyphens as spaces, other punctuation dropped.
pub fn normalize(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    // A separator since the last word: one space before the next.
    let mut apart = false;
    for ch in title.chars() {
        match ch {
            '-' | '_' | ' ' | '\t' => apart = true,
            '&' => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str("and");
                apart = true;
            }
            c if c.is_alphanumeric() => {
                if apart && !out.is_empty() {
                    out.push(' ');
                }
                apart = false;
                out.push(crate::case::lower(c));
            }
            _ => {}
        }
    }
    out
}

/// The section a heading title names, by title or alias.
pub fn find(title: &str) -> Option<&'static Section> {
    static TITLES: OnceLock<Vec<String>> = OnceLock::new();
    let titles = TITLES.get_or_init(|| SECTIONS.iter().map(|s| normalize(s.title)).collect());
    let n = normalize(title);
    SECTIONS.iter().zip(titles).find(|(s, t)| **t == n || s.aliases.contains(&n.as_str())).map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_normalize_in_one_pass_as_word_by_word() {
        // What `normalize` computes, written the long way.
        let reference = |title: &str| {
            let mut out = String::new();
            for ch in title.chars() {
                match ch {
                    '&' => out.push_str(" and "),
                    '-' | '_' | ' ' | '\t' => out.push(' '),
                    c if c.is_alphanumeric() => out.push(crate::case::lower(c)),
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for title in ["R&D", "&x", "a &b", "a&", "&&", " Tool-Use  Strategy_ ", "1. Mission", "É\u{a0}t\tÉ", "", "-&-"]
        {
            assert_eq!(normalize(title), reference(title), "{title:?}");
        }
    }

    #[test]
    fn titles_and_aliases_match() {
        assert_eq!(find("Tooling & Usage Strategy").unwrap().number, 9);
        assert_eq!(find("Decision Making Model").unwrap().number, 6);
        assert_eq!(find("decision-making model").unwrap().number, 6);
        assert_eq!(find("Context and Information Requirements").unwrap().number, 7);
        assert!(find("Specialization").is_none());
    }
}
