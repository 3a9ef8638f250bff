//! A schema `pattern` and a text from arbitrary bytes (the first line is the
//! pattern): compiling the pattern (rolekit's own regex engine) ends in a
//! schema or a schema error, and validating the text ends in an answer.
//! Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_core::schema::validate::Validator;
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (pattern, text) = input.split_once('\n').unwrap_or((&input, ""));
    if let Ok(validator) = Validator::new(&json!({ "type": "string", "pattern": pattern })) {
        let _ = validator.is_valid(&Value::String(text.to_string()));
    }
});
