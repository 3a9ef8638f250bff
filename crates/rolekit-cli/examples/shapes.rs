//! Generates role files of pathological shapes at a given size, for
//! `scripts/bench-scaling.sh` and `scripts/bench-hostile.sh`.
//!
//! ```text
//! cargo run --release -p rolekit-cli --example shapes -- SHAPE BYTES OUT.md
//! cargo run --release -p rolekit-cli --example shapes -- --list
//! ```
//!
//! Every shape is a role file (valid frontmatter start, `role:` and
//! `version:`) whose bulk is one construct repeated until the file reaches
//! BYTES, so a check must walk all of it.

use std::fmt::Write as _;
use std::process::ExitCode;

const SHAPES: &[(&str, &str)] = &[
    ("flow-mapping", "one line: a flow mapping of unknown keys (`extra` keys at the root)"),
    ("block-mapping", "unknown keys, one per line"),
    ("long-list", "`expertise` with distinct items"),
    ("duplicate-items", "`expertise` repeating one item (a diagnostic and a fix per item)"),
    ("many-sections", "`## N. Title` sections, most unknown and misnumbered"),
    ("many-diagnostics", "body lines full of mojibake (a diagnostic and a fix each)"),
    ("long-line", "one body line of mojibake and multi-byte text"),
    ("deep-nesting", "block mappings nested as deep as the size allows"),
    ("alias-bomb", "aliases to a 64 KiB scalar, repeated"),
];

const HEAD: &str = "---\nrole: shape\nversion: 1.0.0\n";

fn generate(shape: &str, bytes: usize) -> Option<String> {
    let mut s = String::with_capacity(bytes + 1024);
    match shape {
        "flow-mapping" => {
            s.push_str("---\n{role: shape, version: 1.0.0");
            let mut i = 0;
            while s.len() < bytes {
                let _ = write!(s, ", extra{i}é: v");
                i += 1;
            }
            s.push_str("}\n---\n# Shape\n");
        }
        "block-mapping" => {
            s.push_str(HEAD);
            let mut i = 0;
            while s.len() < bytes {
                let _ = writeln!(s, "extra{i}: value");
                i += 1;
            }
            s.push_str("---\n# Shape\n");
        }
        "long-list" | "duplicate-items" => {
            s.push_str(HEAD);
            s.push_str("expertise:\n");
            let mut i = 0;
            while s.len() < bytes {
                if shape == "long-list" {
                    let _ = writeln!(s, "  - Item number {i}");
                } else {
                    s.push_str("  - Kubernetes\n");
                }
                i += 1;
            }
            s.push_str("---\n# Shape\n");
        }
        "many-sections" => {
            s.push_str(HEAD);
            s.push_str("---\n# Shape\n\n");
            let mut i = 0;
            while s.len() < bytes {
                let _ = write!(s, "## {}. Section {i}\n\nText.\n\n", i * 2 + 1);
                i += 1;
            }
        }
        "many-diagnostics" => {
            s.push_str(HEAD);
            s.push_str("---\n# Shape\n\n## 1. Mission Statement\n\n");
            while s.len() < bytes {
                s.push_str("- \u{201a}\u{00fa}\u{00d6} done and \u{201a}\u{00fa}\u{00d6} again\n");
            }
        }
        "long-line" => {
            s.push_str(HEAD);
            s.push_str("---\n# Shape\n\n## 1. Mission Statement\n\n");
            while s.len() < bytes {
                s.push_str("é漢🎯 text \u{201a}\u{00fa}\u{00d6} ");
            }
            s.push('\n');
        }
        "deep-nesting" => {
            s.push_str(HEAD);
            let mut depth = 0;
            while s.len() < bytes {
                let _ = writeln!(s, "{}k{depth}:", " ".repeat(depth));
                depth += 1;
            }
            s.push_str("---\n# Shape\n");
        }
        "alias-bomb" => {
            s.push_str(HEAD);
            let _ = writeln!(s, "description: &a {}", "x".repeat(64 * 1024));
            s.push_str("expertise: [*a");
            while s.len() < bytes {
                s.push_str(", *a");
            }
            s.push_str("]\n---\n# Shape\n");
        }
        _ => return None,
    }
    Some(s)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") {
        for (name, what) in SHAPES {
            println!("{name}\t{what}");
        }
        return ExitCode::SUCCESS;
    }
    let [shape, bytes, out] = args.as_slice() else {
        eprintln!("usage: shapes SHAPE BYTES OUT.md | --list");
        return ExitCode::from(2);
    };
    let Ok(bytes) = bytes.parse::<usize>() else {
        eprintln!("BYTES must be a number");
        return ExitCode::from(2);
    };
    let Some(text) = generate(shape, bytes) else {
        eprintln!("unknown shape `{shape}` (see --list)");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::write(out, text) {
        eprintln!("{out}: {e}");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
