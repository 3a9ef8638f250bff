//! A spanned YAML tree for the frontmatter.
//!
//! Every key and value keeps its byte range in the document. Aliases stay
//! unexpanded in the tree (an alias bomb costs nothing here); expansion happens
//! only when converting to JSON, under a budget. Nesting and size are bounded
//! too, so hostile input ends in a clear error, never in a blown stack, a
//! hang or unbounded memory.
//!
//! - [`tree`]: the tree ([`Yaml`], [`Node`]) and its queries, JSON conversion;
//! - [`scalars`]: what a scalar means under the YAML 1.2 core schema;
//! - `events`: the parse events both parsers produce, and the builder that
//!   turns them into a tree;
//! - `fast`: a line-based parser for the plain block YAML role files are
//!   made of; `saphyr`: everything else, through `saphyr-parser`. A
//!   differential test holds the two to the same tree.

mod builder;
mod events;
mod fast;
mod json;
pub mod lenient;
mod saphyr;
pub mod scalars;
pub mod tree;

pub use json::parse_json;
pub use scalars::{is_null, parse_bool, plain_scalar_value};
pub use tree::*;

use crate::text::TextRange;
use builder::Builder;

/// Deepest nesting of collections accepted in a frontmatter.
pub const MAX_DEPTH: usize = 64;
/// Most nodes (scalars, collections, aliases) a frontmatter may hold: a
/// real role has a few hundred; past this the tree would cost more memory
/// than any role file deserves.
pub const MAX_NODES: usize = 1_000_000;
/// Nodes alias expansion may add, over the tree's own, when converting to JSON.
pub const MAX_EXPANDED_NODES: usize = 100_000;
/// Bytes alias expansion may add, over the frontmatter's own size: an alias
/// to a 64 KiB scalar repeated 20,000 times is 1.3 GB of JSON otherwise.
pub const MAX_EXPANDED_BYTES: usize = 4 * 1024 * 1024;

/// Parses `text[range]` as the frontmatter YAML.
///
/// Plain block YAML (what role files are made of) takes the fast path
/// (`fast`); anything else, and every error, goes through `saphyr-parser`.
/// Both produce the same tree (a differential test holds them to it).
pub fn parse(text: &str, range: TextRange) -> Yaml {
    let src = range.slice(text);
    let mut builder = Builder::new(src, range.start());
    if let Some(events) = fast::events(src, range.start()) {
        for ev in events {
            builder.event(ev);
        }
        return builder.finish();
    }
    let yaml = saphyr::parse(builder);
    if matches!(yaml.error, Some(YamlError::Syntax { .. })) {
        if let Some(lenient) = parse_lenient(src, range.start()) {
            return lenient;
        }
    }
    yaml
}

/// The frontmatter with its too-shallow flow collections read as valora's
/// reader reads them (see [`lenient`]); `None` unless that parse succeeds.
fn parse_lenient(src: &str, base: usize) -> Option<Yaml> {
    let (joined, flows) = lenient::join_flows(src, base)?;
    let mut yaml = saphyr::parse(Builder::new(&joined, base));
    if yaml.error.is_some() {
        return None;
    }
    yaml.lenient_flows = flows;
    Some(yaml)
}

/// Parses with `saphyr-parser` only (the reference for the fast path).
pub fn parse_slow(text: &str, range: TextRange) -> Yaml {
    saphyr::parse(Builder::new(range.slice(text), range.start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(src: &str) -> Yaml {
        parse(src, TextRange::new(0, src.len()))
    }

    #[test]
    fn keys_and_values_keep_their_ranges() {
        let src = "role: a-b\nlist:\n  - x\n  - \"y\"\nempty:\n";
        let y = parse_all(src);
        assert!(y.error.is_none());
        let root = y.root.as_ref().unwrap();
        let role = root.entry("role").unwrap();
        assert_eq!(role.key.range.slice(src), "role");
        assert_eq!(role.value.range.slice(src), "a-b");
        let items = root.get("list").unwrap().items();
        assert_eq!(items[1].range.slice(src), "\"y\"");
        let empty = root.get("empty").unwrap();
        assert!(empty.is_null());
        assert_eq!(empty.range.start(), src.find("empty:").unwrap() + 6);
    }

    #[test]
    fn multibyte_text_maps_to_byte_offsets() {
        let src = "a: é漢🎯\nb: x\n";
        let y = parse_all(src);
        let root = y.root.unwrap();
        assert_eq!(root.get("a").unwrap().range.slice(src), "é漢🎯");
        assert_eq!(root.get("b").unwrap().range.slice(src), "x");
    }

    #[test]
    fn syntax_error_keeps_the_partial_tree() {
        let src = "a: 1\nb: [1, 2\n";
        let y = parse_all(src);
        assert!(matches!(y.error, Some(YamlError::Syntax { .. })));
        assert!(y.root.unwrap().get("a").is_some());
    }

    #[test]
    fn duplicates_are_reported() {
        let y = parse_all("a: 1\nb: 2\na: 3\n");
        assert_eq!(y.duplicates.len(), 1);
        assert_eq!(y.duplicates[0].duplicate.start(), 10);
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let y = parse_all(&src);
        assert!(y.error.is_none());
        assert!(y.to_json().is_err());
    }

    #[test]
    fn aliases_to_a_large_scalar_are_bounded_in_bytes() {
        let big = "x".repeat(64 * 1024);
        let items = vec!["*a"; 20_000].join(", ");
        let src = format!("description: &a {big}\nexpertise: [{items}]\n");
        let y = parse_all(&src);
        assert!(y.error.is_none());
        let err = y.to_json().err();
        assert!(err.is_some_and(|r| r.slice(&src) == "*a"), "{err:?}");
        // A large frontmatter without aliases converts: the budget grows from its own size.
        let many: String = (0..200_000).map(|i| format!("k{i}: v\n")).collect();
        assert!(parse_all(&many).to_json().is_ok());
    }

    #[test]
    fn collections_as_keys_are_bounded_too() {
        // A fuzz finding: `{{{{...: ...}}}}` nests mappings as keys, and each
        // level's JSON text escapes the one below again (2^depth bytes).
        let src = format!("a: {}x: 1{}\n", "{".repeat(40), "}".repeat(40));
        let y = parse_all(&src);
        let _ = y.to_json();
        let deep = format!("{}k: v{}\n", "{".repeat(30), ": v}".repeat(30));
        let _ = parse_all(&deep).to_json();
    }

    #[test]
    fn the_tree_is_bounded_in_nodes() {
        let src = format!("a: [{}]\n", vec!["x"; MAX_NODES + 10].join(","));
        let y = parse_all(&src);
        assert!(matches!(y.error, Some(YamlError::TooLarge { .. })), "{:?}", y.error);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let y = parse_all(&src);
        assert!(matches!(y.error, Some(YamlError::TooDeep { .. })));
    }

    #[test]
    fn tags_and_every_core_number_form() {
        let y = parse_all("a: !!str true\nb: !!int \"12\"\nc: .inf\nd: -.Inf\ne: 1e400\nf: .nan\ng: 0x1F\nh: 0o17\ni: 1.\nj: .5\nk: 1e3\nl: 1-2\nm: 99999999999999999999\nn: !custom 3\n");
        let json = y.to_json().unwrap_or_default();
        assert_eq!(json["a"], "true");
        assert_eq!(json["b"], 12);
        for key in ["c", "e", "f"] {
            assert_eq!(json[key].as_f64(), Some(f64::MAX), "{key}");
        }
        assert_eq!(json["d"].as_f64(), Some(f64::MIN));
        assert_eq!(json["g"], 31);
        assert_eq!(json["h"], 15);
        assert_eq!(json["i"].as_f64(), Some(1.0));
        assert_eq!(json["j"].as_f64(), Some(0.5));
        assert_eq!(json["k"].as_f64(), Some(1000.0));
        assert_eq!(json["l"], "1-2");
        assert!(json["m"].is_number());
        assert_eq!(json["n"], 3);
    }

    #[test]
    fn anchors_and_tags_are_not_part_of_the_node() {
        let src = "a: &x \"q\" # c\nb: !!str &y [1]\n";
        let y = parse_all(src);
        let root = y.root.as_ref().unwrap();
        assert_eq!(root.get("a").unwrap().range.slice(src), "\"q\"");
        assert_eq!(root.get("b").unwrap().range.slice(src), "[1]");
    }

    #[test]
    fn core_schema_scalars() {
        let y = parse_all("a: true\nb: \"true\"\nc: 1.0.0\nd: 1.5\ne: ~\nf: 12\n");
        let json = y.to_json().unwrap();
        assert_eq!(json, serde_json::json!({"a": true, "b": "true", "c": "1.0.0", "d": 1.5, "e": null, "f": 12}));
    }
}
