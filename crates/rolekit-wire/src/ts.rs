//! TypeScript declarations (feature `ts`). Each type's declaration comes
//! from its `#[derive(Tsify)]` and reaches `pkg/rolekit.d.ts` through
//! wasm-bindgen; [`declarations`] gathers the same text for `wire.d.ts`.

use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::*;

/// `serde_json::Value` as TypeScript (the one declaration not derived from a Rust type).
const JSON_VALUE: &str = r#"/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };"#;

#[wasm_bindgen(typescript_custom_section)]
const JSON_VALUE_SECTION: &'static str = JSON_VALUE;

/// Every wire type's TypeScript declaration, in one file's order.
pub fn declarations() -> String {
    let decls = [
        Position::DECL,
        Range::DECL,
        TextEdit::DECL,
        Severity::DECL,
        Fix::DECL,
        RelatedInformation::DECL,
        Diagnostic::DECL,
        CompletionKind::DECL,
        CompletionItem::DECL,
        Hover::DECL,
        SymbolKind::DECL,
        DocumentSymbol::DECL,
        CodeActionKind::DECL,
        CodeAction::DECL,
        FoldingKind::DECL,
        FoldingRange::DECL,
        DocumentLink::DECL,
        Location::DECL,
        Formatted::DECL,
        RuleCategory::DECL,
        RuleInfo::DECL,
        RuleLevel::DECL,
        JSON_VALUE,
        ResolvedRole::DECL,
        stats::SectionStats::DECL,
        stats::Inherited::DECL,
        stats::Resolved::DECL,
        stats::FileStats::DECL,
    ];
    let mut out = String::from(
        "// Generated from crates/rolekit-wire by `cargo test -p rolekit-wire --features ts`\n\
         // (UPDATE_WIRE_DTS=1 rewrites it). Do not edit: change the Rust types.\n\n",
    );
    for d in decls {
        out.push_str(d.trim_end());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `wire.d.ts` is what the Rust types declare: a changed type fails here
    /// until the file is regenerated (and reviewed in the diff).
    #[test]
    fn wire_d_ts_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/wire.d.ts");
        let want = declarations();
        if std::env::var_os("UPDATE_WIRE_DTS").is_some() {
            if let Err(e) = std::fs::write(path, &want) {
                panic!("cannot write {path}: {e}");
            }
            return;
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "{path} is stale: run `UPDATE_WIRE_DTS=1 cargo test -p rolekit-wire --features ts`\n{want}"
        );
    }
}
