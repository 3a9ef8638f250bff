//! Differential tests: `parse` against `serde_json::from_str::<Value>`, the
//! oracle, over hand-written cases, generated values and texts, the corpus's
//! JSON files and the built-in schemas.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

use super::parse;

/// Where `parse` and the oracle disagree on `text`, if they do: acceptance,
/// the value (`==`, and the written text, so `-0.0` against `0` and member
/// order count), or the error's message, line and column.
fn disagreement(text: &str) -> Option<String> {
    let ours = parse(text);
    let oracle = serde_json::from_str::<Value>(text);
    match (&ours, &oracle) {
        (Ok(a), Ok(b)) => {
            let (sa, sb) = (serde_json::to_string(a).ok()?, serde_json::to_string(b).ok()?);
            (a != b || sa != sb).then(|| format!("{text:?}: ours {sa}, oracle {sb}"))
        }
        (Err(a), Err(b)) => (a.to_string() != b.to_string() || (a.line, a.column) != (b.line(), b.column()))
            .then(|| format!("{text:?}: ours `{a}`, oracle `{b}`")),
        _ => Some(format!("{text:?}: ours {ours:?}, oracle {oracle:?}")),
    }
}

/// Asserts agreement on every text, listing all disagreements at once.
fn assert_agree<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    let mut count = 0;
    let mut failures = Vec::new();
    for text in texts {
        count += 1;
        failures.extend(disagreement(text));
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
    count
}

const CASES: &[&str] = &[
    // Empty, white space, literals.
    "",
    " ",
    "\n\n  ",
    "null",
    " null ",
    "\t\r\n true \n",
    "false",
    "nul",
    "nulx",
    "n",
    "tru",
    "trux",
    "fals",
    "falsy",
    "True",
    "NULL",
    "nullnull",
    "null x",
    "null\n\n  x",
    "\u{feff}null",
    "\u{a0}null",
    "\u{b}null",
    "\u{c}null",
    "x",
    "é",
    "  é",
    "undefined",
    "NaN",
    "Infinity",
    "-Infinity",
    // Numbers.
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1",
    "-1",
    "1.0",
    "1.5",
    "-1.5",
    "1E5",
    "1e5",
    "1e+5",
    "1e-5",
    "1E-0",
    "0e0",
    "-0e-0",
    "123456789",
    "18446744073709551615",
    "18446744073709551616",
    "18446744073709551617",
    "99999999999999999999999999999999",
    "9223372036854775807",
    "-9223372036854775807",
    "-9223372036854775808",
    "-9223372036854775809",
    "-18446744073709551616",
    "1e400",
    "-1e400",
    "1e-400",
    "0e400",
    "0.0e99999999999999999999",
    "1e99999999999999999999",
    "1e9999999999",
    "1e99999999999",
    "1e999999999999",
    "1e21474836471",
    "1e214748364700",
    "1e30000000000",
    "[1e30000000000,2]",
    "{\"a\":\n1e30000000000}",
    "1e2147483647",
    "1e2147483648",
    "1e21474836470",
    "1.5e99999999999999999999",
    "-1e99999999999999999999",
    "[1e99999999999999999999]",
    "1e99999999999999999999 ",
    "10e400",
    "1e400 ",
    "[1e400 ]",
    "1e0400",
    "123456789e99999999999999999999",
    "0.5e2147483648",
    "1e-2147483649",
    "1e-99999999999999999999",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "2.2250738585072014e-308",
    "4.9e-324",
    "2.4703282292062327e-324",
    "0.1",
    "0.30000000000000004",
    "3.141592653589793238462643383279",
    "123456789012345678901234567890e-10",
    "0.000000000000000000000000000000000000001",
    "1.00000000000000011102230246251565404236316680908203125",
    "01",
    "00",
    "-01",
    "1.",
    "1.x",
    "1.e5",
    ".5",
    "-",
    "- 1",
    "-x",
    "--1",
    "+1",
    "1e",
    "1e+",
    "1e-",
    "1ex",
    "1e+x",
    "1E.5",
    "1.5.5",
    "1..5",
    "0x10",
    "1 2",
    "[1.]",
    "[1e]",
    "[-]",
    "[01]",
    "[1e400]",
    "{\"a\":1e400}",
    "[1,\n 1e400]",
    "[1ex]",
    // Strings.
    "\"\"",
    "\"abc\"",
    "\"héllo wörld ✓ 😀\"",
    "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
    "\"\\u0041\\u00e9\\u2713\"",
    "\"\\u0000\"",
    "\"\\uD83D\\uDE00\"",
    "\"\\ud83d\\ude00\"",
    "\"a\\uD83D\\uDE00b\"",
    "\"\\uD800\"",
    "\"\\uD800x\"",
    "\"\\uD800\\n\"",
    "\"\\uD800\\u0041\"",
    "\"\\uD800\\uD800\"",
    "\"\\uDC00\"",
    "\"\\uDFFF\\uD800\"",
    "\"\\uD800\\",
    "\"\\uD800\\u",
    "\"\\uD800\\uDC",
    "\"\\uD800",
    "\"\\u",
    "\"\\u00",
    "\"\\u004",
    "\"\\u00G1\"",
    "\"\\uG000\"",
    "\"\\u12\"",
    "\"\\x\"",
    "\"\\a\"",
    "\"\\U0041\"",
    "\"\\'\"",
    "\"\\",
    "\"abc",
    "\"abc\\\"",
    "\"",
    "\"\u{0}\"",
    "\"a\u{1}b\"",
    "\"a\tb\"",
    "\"line\nbreak\"",
    "\"\u{1f}\"",
    "\"\u{7f}\"",
    "\"é\u{1}\"",
    "\"\\u00e9\"x",
    "'single'",
    // Arrays.
    "[]",
    "[ ]",
    "[\n]",
    "[1]",
    "[1,2,3]",
    "[ 1 , 2 , 3 ]",
    "[[[]]]",
    "[null,true,false,\"x\",1.5,{}]",
    "[",
    "[ ",
    "[1",
    "[1,",
    "[1, ",
    "[1,]",
    "[1 ,\n ]",
    "[,]",
    "[,1]",
    "[1 2]",
    "[1:2]",
    "[1}",
    "]",
    "[]]",
    "[][]",
    "[1,,2]",
    "[\"a\"\"b\"]",
    "[nul]",
    "[tru,",
    // Objects.
    "{}",
    "{ }",
    "{\"a\":1}",
    "{ \"a\" : 1 , \"b\" : [ ] }",
    "{\"b\":1,\"a\":2}",
    "{\"a\":1,\"a\":2}",
    "{\"a\":1,\"b\":2,\"a\":3}",
    "{\"a\":{\"a\":{\"a\":null}}}",
    "{\"\":0}",
    "{\"\\u0061\":1,\"a\":2}",
    "{",
    "{ ",
    "{\"a\"",
    "{\"a\" ",
    "{\"a\":",
    "{\"a\": ",
    "{\"a\":1",
    "{\"a\":1,",
    "{\"a\":1, ",
    "{\"a\":1,}",
    "{\"a\":1 ,\n}",
    "{\"a\" 1}",
    "{\"a\";1}",
    "{\"a\":1 \"b\":2}",
    "{\"a\":1]",
    "{a:1}",
    "{1:1}",
    "{,}",
    "{\"a\":1,,}",
    "{\"a\":1,2}",
    "{\"a\"}",
    "{\"a\":}",
    "{\"a",
    "{\"a\\",
    "{\"a\\u00",
    "}",
    "{}}",
    "{\"a\":1}x",
    "{\"a\":1}\n\n   x",
    "{\n  \"a\": [\n    1,\n    2,\n  ]\n}",
    "{\n  \"a\": [\n    1,\n    2\n  ]\n  \"b\": 3\n}",
    "{\n\t\"k\": \"\u{1}\"\n}",
    "{\"é\":\"ü\",\n\"x\":tru}",
    // Positions after multi-byte characters and CRs.
    "\"ééé\" x",
    "[\"😀\", x]",
    "[1,\r\n2,\r\nx]",
    "[1,\r2,\rx]",
    "\n\n\n",
    "\n\n\n]",
];

#[test]
fn hand_written_cases_agree_with_serde_json() {
    assert!(CASES.len() >= 150, "{} cases", CASES.len());
    assert_agree(CASES.iter().copied());
}

/// serde_json's private keys are ordinary keys here. The oracle agrees only
/// without its `raw_value` and `arbitrary_precision` features (no crate of
/// the workspace enables them): with them it reads
/// `{"$serde_json::private::RawValue":"1"}` as `1`, which is not RFC 8259.
#[test]
fn serde_jsons_private_keys_are_ordinary_keys() {
    for key in ["$serde_json::private::RawValue", "$serde_json::private::Number"] {
        let text = format!("{{\"{key}\":\"1\"}}");
        let mut want = Map::new();
        want.insert(key.to_string(), Value::from("1"));
        assert_eq!(parse(&text).unwrap(), Value::Object(want), "{text}");
    }
}

#[test]
fn duplicate_keys_keep_the_first_place_and_the_last_value() {
    let value = parse("{\"a\":1,\"b\":2,\"a\":3}").unwrap();
    let members: Vec<(&String, &Value)> = value.as_object().unwrap().iter().collect();
    assert_eq!(members, [(&"a".to_string(), &Value::from(3)), (&"b".to_string(), &Value::from(2))]);
}

#[test]
fn number_variants_are_serde_jsons() {
    let cases: &[(&str, Value)] = &[
        ("0", Value::from(0u64)),
        ("18446744073709551615", Value::from(u64::MAX)),
        ("-1", Value::from(-1i64)),
        ("-9223372036854775808", Value::from(i64::MIN)),
        ("-0", Value::from(-0.0f64)),
        ("1.0", Value::from(1.0f64)),
        ("1E5", Value::from(100000.0f64)),
        ("18446744073709551616", Value::from(18446744073709551616.0f64)),
        ("-9223372036854775809", Value::from(-9223372036854775809.0f64)),
    ];
    for (text, want) in cases {
        let got = parse(text).unwrap();
        assert_eq!(&got, want, "{text}");
        let (Value::Number(g), Value::Number(w)) = (&got, want) else { panic!("{text}: not a number") };
        assert_eq!((g.is_u64(), g.is_i64(), g.is_f64()), (w.is_u64(), w.is_i64(), w.is_f64()), "{text}");
        assert_eq!(g.to_string(), w.to_string(), "{text}");
    }
    let e = parse("1e400").unwrap_err();
    assert_eq!(e.message, "number out of range");
}

/// Nesting around serde_json's limit, in arrays, objects and both, complete
/// and cut short.
#[test]
fn the_depth_limit_is_serde_jsons() {
    let mut texts = Vec::new();
    for depth in [1, 2, 126, 127, 128, 129, 130, 200] {
        texts.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        texts.push("[".repeat(depth));
        texts.push(format!("{}1{}", "[".repeat(depth), "]".repeat(depth)));
        texts.push(format!("{}null{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
        texts.push(format!("{}{{}}{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
        texts.push(format!("{}[]{}", "[{\"k\":".repeat(depth), "}]".repeat(depth)));
        texts.push(format!("{}\n[{}", "[ ".repeat(depth), "]".repeat(depth)));
    }
    assert_eq!(assert_agree(texts.iter().map(String::as_str)), 56);
    let e = parse(&"[".repeat(200)).unwrap_err();
    assert_eq!(e.message, "recursion limit exceeded");
}

#[test]
fn bounded_inputs_finish() {
    // 100,000 open arrays: refused at the depth limit, no stack overflow.
    let deep = "[".repeat(100_000);
    let e = parse(&deep).unwrap_err();
    assert_eq!(e.to_string(), serde_json::from_str::<Value>(&deep).unwrap_err().to_string());
    let deep_objects = "{\"a\":".repeat(100_000);
    assert_eq!(parse(&deep_objects).unwrap_err().message, "recursion limit exceeded");

    // A 1 MB string, plain and with escapes throughout.
    let plain = format!("\"{}\"", "abcdéfgh".repeat(1 << 17));
    assert_eq!(parse(&plain).unwrap(), serde_json::from_str::<Value>(&plain).unwrap());
    let escaped = format!("\"{}\"", "a\\n\\u00e9\\uD83D\\uDE00".repeat(1 << 16));
    assert_eq!(parse(&escaped).unwrap(), serde_json::from_str::<Value>(&escaped).unwrap());

    // A 1 MB array of numbers, and one with an error at its end.
    let numbers: Vec<String> =
        (0..150_000u64).map(|i| if i % 3 == 0 { format!("{i}.5e-3") } else { i.to_string() }).collect();
    let array = format!("[{}]", numbers.join(","));
    assert!(array.len() > 1_000_000);
    let value = parse(&array).unwrap();
    assert_eq!(value, serde_json::from_str::<Value>(&array).unwrap());
    assert_eq!(value.as_array().map(Vec::len), Some(150_000));
    let broken = format!("[{}\n,]", numbers.join(",\n"));
    assert_eq!(assert_agree([broken.as_str()]), 1);
    assert_eq!(parse(&broken).unwrap_err().line, 150_001);
}

/// Every `*.json` file under `dir`, at any depth.
fn json_files(dir: PathBuf) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn corpus_json_files_and_built_in_schemas_agree() {
    let corpus = rolekit_test_corpus::Corpus::get();
    let mut files = json_files(corpus.root().to_path_buf());
    assert!(!files.is_empty(), "no JSON files in {}", corpus.root().display());
    let schemas = json_files(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src/schema")));
    assert!(schemas.len() >= 9, "{} schemas", schemas.len());
    files.extend(schemas);
    let texts: Vec<String> = files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
    assert_eq!(texts.len(), files.len());
    for text in &texts {
        assert!(parse(text).is_ok(), "{text}");
    }
    // The same texts cut short and with CRLF line ends.
    let mut variants = Vec::new();
    for text in &texts {
        variants.push(text.replace('\n', "\r\n"));
        for cut in [text.len() / 3, text.len() / 2, text.len() - 2] {
            if let Some(prefix) = text.get(..cut) {
                variants.push(prefix.to_string());
            }
        }
    }
    assert_agree(texts.iter().chain(&variants).map(String::as_str));
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        (-1000i32..1000, -30i32..30).prop_map(|(m, e)| Value::from(f64::from(m) * 10f64.powi(e))),
        any::<String>().prop_map(Value::String),
        "[a-z\"\\\\/\u{0}-\u{1f}é😀]{0,8}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec(("[a-c]{0,2}|\\PC{0,4}", inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Short texts of JSON's characters (and a few others), mostly invalid.
fn jsonish() -> impl Strategy<Value = String> {
    let pieces: Vec<&str> = vec![
        "{", "}", "[", "]", "\"", ":", ",", "0", "1", "9", "e", "E", ".", "+", "-", " ", "\n", "\t", "\r", "\\", "u",
        "t", "n", "r", "f", "a", "l", "s", "true", "false", "null", "\"a\"", "\\u", "D800", "DC00", "00e9", "12", "é",
        "\u{1}", "x", "/", "b", "1e400",
    ];
    proptest::collection::vec(proptest::sample::select(pieces), 0..16).prop_map(|v| v.concat())
}

/// The text of a generated value, compact or pretty, with one change at one
/// place: cut there, one character removed, or a JSON-ish piece inserted.
fn mutated() -> impl Strategy<Value = String> {
    let pieces = vec!["", ",", "]", "}", "[", "{", "\"", ":", "\\", "\\u", "-", ".", "e", "0", " ", "\n", "x", "\u{1}"];
    (value(), any::<bool>(), 0u8..3, any::<proptest::sample::Index>(), proptest::sample::select(pieces)).prop_map(
        |(v, pretty, change, at, piece)| {
            let mut text =
                if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap_or_default();
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match change {
                0 => text.truncate(i),
                1 if i < text.len() => {
                    text.remove(i);
                }
                _ => text.insert_str(i, piece),
            }
            text
        },
    )
}

/// A fixed seed, so a run is reproducible; `PROPTEST_RNG_SEED=<n>
/// PROPTEST_CASES=<m>` explores others.
fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x15_0ad);
    }
    if let Some(cases) = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()) {
        config.cases = cases;
    }
    config
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn generated_values_read_back(v in value()) {
        for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            let ours = parse(&text);
            prop_assert!(ours.is_ok(), "{}: {:?}", text, ours);
            // The oracle, not `v`: serde_json's float reading is not always
            // correctly rounded, so a float may not read back as written.
            prop_assert_eq!(disagreement(&text), None);
        }
    }

    #[test]
    fn mutated_texts_agree(text in mutated()) {
        prop_assert_eq!(disagreement(&text), None);
    }

    #[test]
    fn jsonish_texts_agree(text in jsonish()) {
        prop_assert_eq!(disagreement(&text), None);
    }
}
