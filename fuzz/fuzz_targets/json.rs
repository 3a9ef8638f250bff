//! Arbitrary text through `rolekit_core::json::parse`, held to serde_json
//! (its oracle): both accept or both refuse, the same value (as serde_json
//! writes it, so key order and number kinds count) or the same error
//! position; `json::Writer` writes what serde_json writes. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::json::{parse, Writer};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match (parse(text), serde_json::from_str::<Value>(text)) {
        (Ok(ours), Ok(theirs)) => {
            let expected = serde_json::to_string(&theirs).unwrap_or_default();
            assert_eq!(serde_json::to_string(&ours).unwrap_or_default(), expected, "{text:?}");
            let mut w = Writer::new();
            w.value(&ours);
            assert_eq!(w.finish(), expected, "{text:?}");
        }
        (Err(ours), Err(theirs)) => {
            assert_eq!((ours.line, ours.column), (theirs.line(), theirs.column()), "{text:?}: {ours} / {theirs}");
        }
        (ours, theirs) => panic!("{text:?}: rolekit {ours:?}, serde_json {theirs:?}"),
    }
});
