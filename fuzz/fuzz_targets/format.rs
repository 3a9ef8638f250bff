//! `rolekit fmt` on arbitrary text: never a panic; a refused document comes
//! back byte for byte; a formatted one passed the formatter's own proof
//! (same frontmatter JSON, same body words, every comment, anchor, alias,
//! line ending and the BOM), which is checked again here from the outside,
//! and formatting it again changes nothing. The input's length picks the
//! `[format]` options and the kind (so seeds read as they are and every
//! combination is fuzzed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::format::{self, FormatOptions, KeyOrder, ListIndent, Quote};
use rolekit_core::policy::{Config, Kind};
use rolekit_core::{analysis, Document};

fuzz_target!(|data: &[u8]| {
    if data.len() > 16 * 1024 {
        return;
    }
    let flags = data.len() % 16;
    let options = FormatOptions {
        key_order: if flags & 1 != 0 { KeyOrder::Schema } else { KeyOrder::AsWritten },
        list_indent: if flags & 2 != 0 { ListIndent::Flush } else { ListIndent::Indented },
        quote: if flags & 4 != 0 { Quote::Single } else { Quote::Double },
    };
    let kind = if flags & 8 != 0 { Kind::RoleTemplate } else { Kind::Role };
    let config = Config { format: options, ..Config::default() };
    let before = Document::new(String::from_utf8_lossy(data).into_owned());
    let once = format::format(&before, kind, &config);
    if !once.changed {
        assert_eq!(once.text, before.text());
        return;
    }
    assert!(once.refused.is_none());
    let after = Document::new(once.text.clone());
    let renumber = if kind == Kind::Role { analysis::body::renumbering(&before) } else { Vec::new() };
    format::verify::prove(&before, &after, &renumber, options.key_order == KeyOrder::Schema)
        .unwrap_or_else(|why| panic!("unproven result: {why}\n--- before\n{}\n--- after\n{}", before.text(), once.text));
    let twice = format::format(&after, kind, &config);
    assert!(twice.refused.is_none(), "second pass refused: {:?}\n{}", twice.refused, once.text);
    assert!(!twice.changed, "not idempotent:\n{}\n--- then\n{}", once.text, twice.text);
});
