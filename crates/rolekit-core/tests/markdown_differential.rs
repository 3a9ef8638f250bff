//! The body outline scanner against `pulldown-cmark`: over the whole corpus,
//! both must find the same top-level headings (level and line), so the fast
//! scanner never invents or misses a section.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
use rolekit_core::syntax::{frontmatter, markdown};

fn corpus_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md" || e == "mdc") {
                files.push(path);
            }
        }
    }
    files
}

/// `(level, line start)` of headings outside lists and block quotes.
fn reference(text: &str, body_start: usize) -> Vec<(u8, usize)> {
    let body = &text[body_start..];
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => depth += 1,
            Event::End(
                pulldown_cmark::TagEnd::List(_) | pulldown_cmark::TagEnd::Item | pulldown_cmark::TagEnd::BlockQuote(_),
            ) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
                out.push((level, body_start + line_start));
            }
            _ => {}
        }
    }
    out
}

#[test]
fn outline_matches_pulldown_cmark_on_the_corpus() {
    let files = corpus_files();
    assert!(files.len() > 100, "corpus not found");
    let mut headings = 0;
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let body_start = frontmatter::split(&text).map_or(0, |s| s.body_start);
        let ours: Vec<(u8, usize)> =
            markdown::outline(&text, body_start).headings.iter().map(|h| (h.level, h.range.start())).collect();
        let theirs = reference(&text, body_start);
        assert_eq!(ours, theirs, "{}", path.display());
        headings += ours.len();
    }
    assert!(headings > 1000, "only {headings} headings compared");
}
