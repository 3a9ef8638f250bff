//! The JS binding itself, run in Node by wasm-bindgen-test-runner:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p rolekit-wasm`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use rolekit_wasm::Workspace;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const SEED: &str = include_str!("../../../web/samples/platform-engineer.md");
const CHILD: &str = include_str!("../../../web/samples/secops-engineer.md");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn position(line: u32, character: u32) -> JsValue {
    JSON::parse(&format!("{{\"line\":{line},\"character\":{character}}}")).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen_test]
fn diagnostics_are_plain_js_objects() {
    let mut ws = Workspace::new();
    ws.open("x.md", "---\nrole: x\ntone: concise-techincal\n---\n# X\n".into());
    let ds = ws.diagnostics("x.md").map_err(JsValue::from).unwrap_or(JsValue::NULL);
    assert!(Array::is_array(&ds));
    let ds = Array::from(&ds);
    let tone = ds.iter().find(|d| get(d, "rule").as_string().as_deref() == Some("invalid-enum"));
    let Some(tone) = tone else { panic!("no invalid-enum diagnostic") };
    let start = get(&get(&tone, "range"), "start");
    assert_eq!(get(&start, "line").as_f64(), Some(2.0));
    assert_eq!(get(&start, "character").as_f64(), Some(6.0));
    assert!(get(&tone, "fix").is_null() || get(&tone, "fix").is_object());
    assert!(Array::is_array(&get(&tone, "related")));
}

#[wasm_bindgen_test]
fn seed_is_clean_of_errors_and_resolves() {
    let mut ws = Workspace::new();
    ws.open("platform-engineer.md", SEED.into());
    ws.open("secops-engineer.md", CHILD.into());
    let ds = Array::from(&ws.diagnostics("secops-engineer.md").map_err(JsValue::from).unwrap_or(JsValue::NULL));
    assert!(!ds.iter().any(|d| get(&d, "rule").as_string().is_some_and(|r| r.starts_with("inherits-"))));
    let resolved = ws.resolved("secops-engineer.md").map_err(JsValue::from).unwrap_or(JsValue::NULL);
    let role = get(&resolved, "role");
    assert_eq!(get(&role, "role").as_string().as_deref(), Some("secops-engineer"));
    // capabilities only exist in the parent.
    assert!(get(&role, "capabilities").is_object());
    let parsed = ws.parsed("platform-engineer.md").map_err(JsValue::from).unwrap_or(JsValue::NULL);
    assert_eq!(get(&parsed, "tone").as_string().as_deref(), Some("concise-technical"));
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors() {
    let ws = Workspace::new();
    let err = ws.diagnostics("nope.md").map_err(JsValue::from).err();
    let message = err.as_ref().map(|e| get(e, "message")).and_then(|m| m.as_string());
    assert!(message.is_some_and(|m| m.contains("nope.md")));
    let mut ws = Workspace::new();
    ws.open("x.md", "---\nrole: x\n---\n".into());
    assert!(ws.hover("x.md", JsValue::from_str("not a position"), None).is_err());
    assert!(ws.complete("x.md", position(99, 99)).is_ok());
}

#[wasm_bindgen_test]
fn rules_and_apply_edits() {
    let rules = Array::from(&rolekit_wasm::rules().map_err(JsValue::from).unwrap_or(JsValue::NULL));
    assert!(rules.length() > 10);
    assert!(get(&rules.get(0), "markdown").as_string().is_some());
    let mut ws = Workspace::new();
    ws.open("x.md", "ab🎯cd\n".into());
    let edits =
        JSON::parse(r#"[{"range":{"start":{"line":0,"character":4},"end":{"line":0,"character":5}},"newText":"X"}]"#)
            .unwrap_or(JsValue::NULL);
    let out = ws.apply_edits("x.md", edits).map_err(JsValue::from).ok();
    assert_eq!(out.as_deref(), Some("ab🎯Xd\n"));
}
