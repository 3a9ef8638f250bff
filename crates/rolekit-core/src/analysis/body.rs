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
    /// From the end of the heading to the next section or title.
    pub content: TextRange,
}

/// A heading that structures the body: every ATX heading, a setext title
/// (`===`), and a setext `---` heading only when it names a standard section
/// (otherwise it is most likely a paragraph followed by a thematic break).
fn structural(h: &Heading, text: &str) -> bool {
    !h.setext || h.level == 1 || sections::find(h.title.slice(text)).is_some()
}

/// The `##` sections of the body, in order.
pub fn body_sections(doc: &Document) -> Vec<BodySection<'_>> {
    let text = doc.text();
    let headings: Vec<&Heading> = doc.outline().headings.iter().filter(|h| structural(h, text)).collect();
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

/// `missing-title` when no `#` heading comes before the first section
/// (heading `first_h2`), at that section, or at the frontmatter's closing
/// fence when there is none; `example` is a title for the message.
pub(crate) fn missing_title(doc: &Document, first_h2: Option<usize>, example: &str, out: &mut Vec<Diagnostic>) {
    let headings = &doc.outline().headings;
    let title = headings.iter().position(|h| h.level == 1);
    if title.is_none() || (first_h2.is_some() && title > first_h2) {
        let at = first_h2
            .map_or_else(|| doc.frontmatter().and_then(|s| s.close).unwrap_or(doc.fence()), |i| headings[i].range);
        out.push(Diagnostic::new(
            RuleId::MissingTitle,
            at,
            format!("the body has no `#` title before its sections (e.g. `# {example}`)"),
        ));
    }
}

pub fn check(doc: &Document, found: &[BodySection], out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let headings = &doc.outline().headings;
    let first_h2 = headings.iter().position(|h| h.level == 2 && structural(h, text));
    missing_title(doc, first_h2, "Senior Platform Engineer", out);
    let mut max_seen: Option<&BodySection> = None;
    let mut previous = 0;
    let mut renumber = Some(renumber_all(text, found));
    // The first section seen for each standard number (duplicates in one pass).
    let mut first_of: [Option<&BodySection>; 13] = [None; 13];
    for s in found {
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
        let slot = &mut first_of[section.number as usize % 13];
        if let Some(first) = slot {
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
        *slot = Some(s);
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
/// slip is reported once, not for every later section. Setext headings are
/// never numbered or renumbered: they count in the sequence as they stand.
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
    let expected = previous.saturating_add(1);
    if h.setext {
        return expected;
    }
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

/// The edits that number the sections 1, 2, 3, ... in order, when their
/// numbering has a problem that `section-numbering` reports (the edits of
/// its fix); none when the numbering is right. `rolekit fmt` applies them.
pub fn renumbering(doc: &Document) -> Vec<Edit> {
    let found = body_sections(doc);
    let mut problems = Vec::new();
    let mut previous = 0;
    for s in &found {
        previous = numbering(doc, s, previous, &mut None, &mut problems);
    }
    if problems.is_empty() {
        return Vec::new();
    }
    renumber_all(doc.text(), &found).edits
}

fn take_fix(renumber: &mut Option<Fix>) -> Option<Fix> {
    const SHARED_UP_TO: usize = 32;
    match renumber {
        Some(fix) if fix.edits.len() <= SHARED_UP_TO => Some(fix.clone()),
        _ => renumber.take(),
    }
}

/// One fix for every numbering problem: sections numbered 1..n in order
/// (setext headings keep their place in the count but are not edited).
/// Applying it leaves nothing to renumber, so `--fix` settles in one run.
fn renumber_all(text: &str, found: &[BodySection]) -> Fix {
    let mut edits = Vec::new();
    for (i, s) in found.iter().enumerate() {
        if let Some(edit) = renumber_edit(text, s.heading, i as u32 + 1) {
            edits.push(edit);
        }
    }
    Fix::safe("Number the sections 1, 2, 3, ... in order", edits)
}

/// The edit that gives the ATX heading `h` the number `want`, if it needs one.
fn renumber_edit(text: &str, h: &Heading, want: u32) -> Option<Edit> {
    if h.setext {
        return None;
    }
    match h.number {
        Some(n) if n.value == want => None,
        Some(n) if n.canonical => Some(Edit::replace(n.range, want.to_string())),
        // Another form: the number, its separator and spaces become `N. ` (`N.` alone when no title follows).
        Some(n) => {
            let space = if n.prefix.end() < h.text.end() { " " } else { "" };
            Some(Edit::replace(n.prefix, format!("{want}.{space}")))
        }
        // An empty heading (`##`) gets ` N.` (a space keeps it a heading), not `N. `.
        None if h.text.is_empty() => {
            let after_marker = text.as_bytes().get(h.text.start().wrapping_sub(1)) == Some(&b'#');
            Some(Edit::insert(h.text.start(), if after_marker { format!(" {want}.") } else { format!("{want}.") }))
        }
        None => Some(Edit::insert(h.text.start(), format!("{want}. "))),
    }
}

fn missing_sections(doc: &Document, found: &[BodySection], out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let nl = doc.newline();
    if found.is_empty() {
        let at = doc.outline().headings.iter().find(|h| h.level == 1).map_or(doc.fence(), |h| h.range);
        let lead = if text.ends_with(['\n', '\r']) { nl.to_string() } else { format!("{nl}{nl}") };
        let skeleton: String = SECTIONS.iter().map(|s| section_text(s.number, s, nl)).collect();
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
    let mut present = [false; 13];
    for f in found {
        if let Some(s) = f.section {
            present[s.number as usize % 13] = true;
        }
    }
    for section in SECTIONS {
        if present[section.number as usize % 13] {
            continue;
        }
        // It belongs after the last present standard section that precedes it.
        let before = found.iter().rposition(|f| f.section.is_some_and(|s| s.number < section.number));
        let after = found.iter().position(|f| f.section.is_some_and(|s| s.number > section.number));
        let (at, where_) = match (before.map(|i| &found[i]), after.map(|i| &found[i])) {
            (Some(b), _) => (b.heading.range, format!(" (expected after `{}`)", b.heading.text.slice(text))),
            (None, Some(a)) => (a.heading.range, format!(" (expected before `{}`)", a.heading.text.slice(text))),
            (None, None) => {
                (doc.outline().headings.iter().find(|h| h.level == 1).map_or(doc.fence(), |h| h.range), String::new())
            }
        };
        out.push(
            Diagnostic::new(
                RuleId::MissingSection,
                at,
                format!("missing section `{}` (standard section {} of 12){where_}", section.title, section.number),
            )
            .with_fix(insert_section(doc, found, section, before, after)),
        );
    }
}

/// Adds `section` where it belongs, numbered after the section before it,
/// and renumbers the numbered sections after it so no two share a number.
fn insert_section(
    doc: &Document,
    found: &[BodySection],
    section: &Section,
    before: Option<usize>,
    after: Option<usize>,
) -> Fix {
    let text = doc.text();
    let nl = doc.newline();
    // Its position among the sections decides its number, as renumbering would.
    let index = after.unwrap_or(found.len());
    let number = match before {
        Some(b) => found[b].heading.number.map_or(b as u32 + 2, |n| n.value.saturating_add(1)),
        None => 1,
    };
    let insert_at = after.map_or(text.len(), |a| found[a].heading.range.start());
    let lead = if insert_at < text.len() {
        String::new()
    } else if text.ends_with(['\n', '\r']) {
        nl.to_string()
    } else {
        format!("{nl}{nl}")
    };
    let mut edits = vec![Edit::insert(insert_at, format!("{lead}{}", section_text(number, section, nl)))];
    let mut next = number;
    for s in &found[index..] {
        next = next.saturating_add(1);
        match s.heading.number {
            Some(n) if n.value >= next => break, // Already clear of the inserted number.
            Some(_) => edits.extend(renumber_edit(text, s.heading, next)),
            None => {}
        }
    }
    let description = if edits.len() > 1 {
        format!("Add section `{number}. {}` and renumber the sections after it", section.title)
    } else {
        format!("Add section `{number}. {}`", section.title)
    };
    Fix::suggestion(description, edits)
}

fn section_text(number: u32, s: &Section, nl: &str) -> String {
    format!("## {number}. {}{nl}{nl}<!-- {} -->{nl}{nl}", s.title, s.doc)
}
