//! The body's structure: the title and the twelve numbered sections.

use crate::diagnostic::{Diagnostic, Edit, Fix, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::schema::sections::{self, Section, SECTIONS};
use crate::syntax::markdown::Heading;
use crate::text::TextRange;

/// A `##` heading and the standard section it names, if any.
pub struct BodySection<'d> {
    pub heading: &'d Heading,
    pub section: Option<&'static Section>,
    /// From the end of the heading to the next heading of level 1 or 2.
    pub content: TextRange,
}

/// The `##` sections of the body, in order.
pub fn body_sections(doc: &Document) -> Vec<BodySection<'_>> {
    let headings = &doc.outline().headings;
    let text = doc.text();
    let mut out = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if h.level != 2 {
            continue;
        }
        let end = headings[i + 1..].iter().find(|n| n.level <= 2).map_or(text.len(), |n| n.range.start());
        out.push(BodySection {
            heading: h,
            section: sections::find(h.title.slice(text)),
            content: TextRange::new(h.range.end().min(end), end),
        });
    }
    out
}

pub fn check(doc: &Document, found: &[BodySection], out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let headings = &doc.outline().headings;
    let first_h2 = headings.iter().position(|h| h.level == 2);
    let title = headings.iter().position(|h| h.level == 1);
    if title.is_none() || (first_h2.is_some() && title > first_h2) {
        let at = first_h2
            .map_or_else(|| doc.frontmatter().and_then(|s| s.close).unwrap_or(doc.fence()), |i| headings[i].range);
        out.push(Diagnostic::new(
            RuleId::MissingTitle,
            at,
            "the body has no `#` title before its sections (e.g. `# Senior Platform Engineer`)",
        ));
    }
    let mut max_seen: Option<&BodySection> = None;
    let mut previous = 0;
    let mut renumber = Some(renumber_all(found));
    for (i, s) in found.iter().enumerate() {
        previous = numbering(doc, s, previous, &mut renumber, out);
        if s.content.slice(text).trim().is_empty() {
            out.push(Diagnostic::new(
                RuleId::EmptySection,
                s.heading.range,
                format!("section `{}` is empty", s.heading.text.slice(text)),
            ));
        }
        let Some(section) = s.section else {
            out.push(Diagnostic::new(
                RuleId::UnknownSection,
                s.heading.title,
                format!("`{}` is not one of the twelve standard sections", s.heading.title.slice(text)),
            ));
            continue;
        };
        if let Some(first) = found[..i].iter().find(|f| f.section.is_some_and(|o| o.number == section.number)) {
            out.push(
                Diagnostic::new(
                    RuleId::DuplicateSection,
                    s.heading.title,
                    format!("section `{}` appears twice", section.title),
                )
                .with_related(Related {
                    message: "first here".into(),
                    location: None,
                    range: first.heading.range,
                }),
            );
            continue;
        }
        match max_seen {
            Some(prev) if prev.section.is_some_and(|p| p.number > section.number) => {
                out.push(Diagnostic::new(
                    RuleId::SectionOrder,
                    s.heading.title,
                    format!(
                        "`{}` should come before `{}` (standard order: section {} of 12)",
                        section.title,
                        prev.section.map_or("", |p| p.title),
                        section.number
                    ),
                ));
            }
            _ => max_seen = Some(s),
        }
    }
    missing_sections(doc, found, out);
}

/// Sections are numbered 1, 2, 3... in the order they appear. A number is
/// right when it follows the previous one, or when it is the section's
/// standard number (a missing section leaves a gap that `missing-section`
/// already reports). Returns the number later sections count from, so one
/// slip is reported once, not for every later section.
/// `renumber` is the fix for every numbering problem at once; when it is
/// large it goes to the first problem only, so a file with hundreds of
/// misnumbered sections does not carry hundreds of copies of it.
fn numbering(
    doc: &Document,
    s: &BodySection,
    previous: u32,
    renumber: &mut Option<Fix>,
    out: &mut Vec<Diagnostic>,
) -> u32 {
    let text = doc.text();
    let h = s.heading;
    let expected = previous + 1;
    match h.number {
        Some(n) if n.value == expected => expected,
        Some(n) if n.value > previous && s.section.is_some_and(|sec| sec.number == n.value) => n.value,
        Some(n) => {
            out.push(
                Diagnostic::new(
                    RuleId::SectionNumbering,
                    n.range,
                    format!("section `{}` is numbered {} but follows section {previous}", h.title.slice(text), n.value),
                )
                .with_fix_opt(take_fix(renumber)),
            );
            n.value.max(previous)
        }
        None => {
            out.push(
                Diagnostic::new(
                    RuleId::SectionNumbering,
                    h.text,
                    format!("section `{}` is not numbered; it is section {expected}", h.text.slice(text)),
                )
                .with_fix_opt(take_fix(renumber)),
            );
            expected
        }
    }
}

fn take_fix(renumber: &mut Option<Fix>) -> Option<Fix> {
    const SHARED_UP_TO: usize = 32;
    match renumber {
        Some(fix) if fix.edits.len() <= SHARED_UP_TO => Some(fix.clone()),
        _ => renumber.take(),
    }
}

/// One fix for every numbering problem: sections numbered 1..n in order.
/// Applying it leaves nothing to renumber, so `--fix` settles in one run.
fn renumber_all(found: &[BodySection]) -> Fix {
    let mut edits = Vec::new();
    for (i, s) in found.iter().enumerate() {
        let want = i as u32 + 1;
        match s.heading.number {
            Some(n) if n.value == want => {}
            Some(n) => edits.push(Edit::replace(n.range, want.to_string())),
            None => edits.push(Edit::insert(s.heading.text.start(), format!("{want}. "))),
        }
    }
    Fix::safe("Number the sections 1, 2, 3, ... in order", edits)
}

fn missing_sections(doc: &Document, found: &[BodySection], out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    if found.is_empty() {
        let at = doc.outline().headings.iter().find(|h| h.level == 1).map_or(doc.fence(), |h| h.range);
        let lead = if text.ends_with('\n') { "\n" } else { "\n\n" };
        let skeleton: String =
            SECTIONS.iter().map(|s| format!("## {}. {}\n\n<!-- {} -->\n\n", s.number, s.title, s.doc)).collect();
        out.push(
            Diagnostic::new(RuleId::MissingSection, at, "the body has none of the twelve standard sections").with_fix(
                Fix::suggestion(
                    "Add the twelve standard sections",
                    vec![Edit::insert(text.len(), format!("{lead}{skeleton}"))],
                ),
            ),
        );
        return;
    }
    for section in SECTIONS {
        if found.iter().any(|f| f.section.is_some_and(|s| s.number == section.number)) {
            continue;
        }
        // It belongs after the last present standard section that precedes it.
        let before = found.iter().rev().find(|f| f.section.is_some_and(|s| s.number < section.number));
        let after = found.iter().find(|f| f.section.is_some_and(|s| s.number > section.number));
        let (at, where_) = match (before, after) {
            (Some(b), _) => (b.heading.range, format!(" (expected after `{}`)", b.heading.text.slice(text))),
            (None, Some(a)) => (a.heading.range, format!(" (expected before `{}`)", a.heading.text.slice(text))),
            (None, None) => {
                (doc.outline().headings.iter().find(|h| h.level == 1).map_or(doc.fence(), |h| h.range), String::new())
            }
        };
        let insert_at = match after {
            Some(a) => a.heading.range.start(),
            None => text.len(),
        };
        let lead = if insert_at == text.len() && !text.ends_with('\n') {
            "\n\n"
        } else if insert_at == text.len() {
            "\n"
        } else {
            ""
        };
        let number = before.map_or(1, |b| b.heading.number.map_or(section.number, |n| n.value + 1));
        let insertion = format!("{lead}## {number}. {}\n\n<!-- {} -->\n\n", section.title, section.doc);
        out.push(
            Diagnostic::new(
                RuleId::MissingSection,
                at,
                format!("missing section `{}. {}`{where_}", section.number, section.title),
            )
            .with_fix(Fix::suggestion(
                format!("Add section `{}`", section.title),
                vec![Edit::insert(insert_at, insertion)],
            )),
        );
    }
}
