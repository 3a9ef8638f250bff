//! Unit tests: each construct, and each class of error with its range.

use super::*;

fn doc(text: &str) -> Table {
    parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

/// The value at a dotted path of plain keys.
fn at<'t>(table: &'t Table, path: &str) -> &'t Value {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or("");
    let mut value = &table.get(first).unwrap_or_else(|| panic!("no {first}")).value;
    for part in parts {
        let Kind::Table(t) = &value.kind else { panic!("{path}: not a table at {part}") };
        value = &t.get(part).unwrap_or_else(|| panic!("no {part} in {path}")).value;
    }
    value
}

fn kind(text: &str) -> Kind {
    at(&doc(&format!("v = {text}\n")), "v").kind.clone()
}

fn string(text: &str) -> String {
    match kind(text) {
        Kind::String(s) => s,
        other => panic!("{text}: {other:?}"),
    }
}

/// The error's message and the text it points at.
fn error(text: &str) -> (String, &str) {
    match parse(text) {
        Ok(t) => panic!("{text:?} parsed: {t:?}"),
        Err(e) => (e.message, &text[e.range.start()..e.range.end()]),
    }
}

fn error_at(text: &str, message: &str, slice: &str) {
    let (m, s) = error(text);
    assert!(m.contains(message), "{text:?}: {m}");
    assert_eq!(s, slice, "{text:?}: {m}");
}

#[test]
fn comments_blank_lines_and_line_endings() {
    let t = doc("\u{feff}# a comment\r\n\n  a = 1 # trailing\r\n\tb = 2\n#last");
    assert_eq!(t.len(), 2);
    assert_eq!(at(&t, "a").range, TextRange::new(23, 24));
    assert_eq!(t.iter().next().map(|e| e.key_range), Some(TextRange::new(19, 20)));
    assert!(doc("").is_empty());
    assert!(doc("\u{feff}").is_empty());
    error_at("a = 1\rb = 2", "carriage return", "\r");
    error_at("# \u{1} x", "control character U+0001", "\u{1}");
    error_at("a = 1 # \u{7f}", "U+007F", "\u{7f}");
    error_at("a = 1 b = 2", "expected the end of the line", "b");
}

#[test]
fn keys_bare_quoted_and_dotted() {
    let text = "bare_key-1 = 1\n\"quoted \\u00e9\" = 2\n'lit\\' = 3\n\"\" = 4\na . b.\"c\" = 5\n3.14 = 6\n";
    let t = doc(text);
    assert_eq!(at(&t, "bare_key-1").kind, Kind::Integer(1));
    assert!(t.get("quoted é").is_some());
    assert!(t.get("lit\\").is_some());
    assert!(t.get("").is_some());
    assert_eq!(at(&t, "a.b.c").kind, Kind::Integer(5));
    assert_eq!(at(&t, "3.14").kind, Kind::Integer(6));
    let a = t.get("a").map(|e| e.key_range).unwrap_or_default();
    assert_eq!(a.slice(text), "a");
    assert_eq!(text.find("a . b"), Some(a.start()));
    error_at("= 1", "expected a key", "=");
    error_at("a. = 1", "expected a key after `.`", "=");
    error_at("a b = 1", "expected `=` after a key", "b");
    error_at("a\n= 1", "expected `=` after a key", "\n");
    error_at("a = 1\na = 2", "duplicate key `a`", "a");
    error_at("a = 1\n'a' = 2", "duplicate key `a`", "'a'");
    error_at("\"a\nb\" = 1", "unterminated string", "\"a");
    error_at("\"\"\"a\"\"\" = 1", "expected `=`", "\"");
}

#[test]
fn basic_strings_and_escapes() {
    assert_eq!(string(r#""a\tb\n\"\\\b\f\r""#), "a\tb\n\"\\\u{8}\u{c}\r");
    assert_eq!(string(r#""\u00e9\U0001F600""#), "é😀");
    assert_eq!(string("\"tab\there\""), "tab\there");
    assert_eq!(string("'C:\\path\\ \"x\"'"), "C:\\path\\ \"x\"");
    error_at("v = \"a\\qb\"", "invalid escape `\\q`", "\\q");
    error_at("v = \"a\\ b\"", "invalid escape", "\\");
    error_at("v = \"\\u00g0\"", "`\\u` needs 4 hexadecimal digits", "\\u00");
    error_at("v = \"\\uD800\"", "not a Unicode scalar value", "\\uD800");
    error_at("v = \"\\U00110000\"", "not a Unicode scalar value", "\\U00110000");
    error_at("v = \"abc", "unterminated string", "\"");
    error_at("v = 'abc\nx'", "unterminated string", "'abc");
    error_at("v = \"a\u{0}\"", "U+0000", "\u{0}");
    error_at("v = 'a\u{1f}'", "U+001F", "\u{1f}");
}

#[test]
fn multi_line_strings() {
    assert_eq!(string("\"\"\"\nRoses\nViolets\"\"\""), "Roses\nViolets");
    assert_eq!(string("\"\"\"\r\none\r\ntwo\"\"\""), "one\r\ntwo");
    assert_eq!(string("\"\"\"The quick \\\n\n   brown \\   \r\n  fox.\"\"\""), "The quick brown fox.");
    assert_eq!(string("\"\"\"a \"\"quoted\"\" \"\"\"\"\""), "a \"\"quoted\"\" \"\"");
    assert_eq!(string("'''\nraw \\n ''x'' '''''"), "raw \\n ''x'' ''");
    assert_eq!(string("\"\"\"\"\"\""), "");
    error_at("v = \"\"\"abc", "unterminated multi-line string", "\"\"\"");
    error_at("v = '''abc\n", "unterminated multi-line string", "'''");
    error_at("v = \"\"\"a\rb\"\"\"", "carriage return", "\r");
    error_at("v = \"\"\"a\\ b\"\"\"", "invalid escape", "\\");
    error_at("v = \"\"\"a\"\"\"\"\"\"", "expected the end of the line", "\"");
}

#[test]
fn integers() {
    assert_eq!(kind("+99"), Kind::Integer(99));
    assert_eq!(kind("-17"), Kind::Integer(-17));
    assert_eq!(kind("1_000"), Kind::Integer(1000));
    assert_eq!(kind("0xDEAD_beef"), Kind::Integer(0xdead_beef));
    assert_eq!(kind("0o755"), Kind::Integer(0o755));
    assert_eq!(kind("0b1101"), Kind::Integer(13));
    assert_eq!(kind("9223372036854775807"), Kind::Integer(i64::MAX));
    assert_eq!(kind("-9223372036854775808"), Kind::Integer(i64::MIN));
    assert_eq!(kind("-0"), Kind::Integer(0));
    error_at("v = 9223372036854775808", "does not fit in 64 bits", "9223372036854775808");
    error_at("v = 0x8000000000000000", "does not fit in 64 bits", "0x8000000000000000");
    error_at("v = _1", "expected a value", "_1");
    for bad in ["01", "1__0", "1_", "+0x1", "0x", "0o8", "0b2", "1_000_", "0_0", "1a"] {
        error_at(&format!("v = {bad}"), "invalid number", bad);
    }
}

#[test]
fn floats_keep_their_text() {
    for f in
        ["+1.0", "3.1415", "-0.01", "5e+22", "1e06", "-2E-2", "6.626e-34", "224_617.445_991", "inf", "+inf", "-nan"]
    {
        assert_eq!(kind(f), Kind::Float(f.to_string()));
    }
    for bad in [".5", "1.", "1.e5", "1e", "01.5", "1._5", "1e_5", "infinity", "1.5.5"] {
        let (m, _) = error(&format!("v = {bad}"));
        assert!(m.contains("invalid number") || m.contains("expected a value"), "{bad}: {m}");
    }
}

#[test]
fn booleans_and_bad_values() {
    assert_eq!(kind("true"), Kind::Boolean(true));
    assert_eq!(kind("false"), Kind::Boolean(false));
    error_at("v = True", "expected a value, found `True`", "True");
    error_at("v = truex", "expected the end of the line", "x");
    error_at("v = \n", "expected a value after `=`", "\n");
    error_at("v =", "expected a value after `=`", "");
    error_at("v = bare", "expected a value, found `bare`", "bare");
}

#[test]
fn datetimes() {
    for d in [
        "1979-05-27T07:32:00Z",
        "1979-05-27T00:32:00-07:00",
        "1979-05-27T00:32:00.999999+07:00",
        "1979-05-27 07:32:00Z",
        "1979-05-27t07:32:00z",
        "1979-05-27T07:32:00",
        "1979-05-27",
        "07:32:00",
        "00:32:00.999999",
        "2024-02-29",
        "1990-12-31T23:59:60Z",
    ] {
        assert_eq!(kind(d), Kind::Datetime(d.to_string()), "{d}");
    }
    for bad in [
        "1979-13-01",
        "2023-02-29",
        "1979-05-32",
        "1979-05-27T24:00:00",
        "07:60:00",
        "07:32",
        "1979-05-27T07:32",
        "1979-05-27T07:32:00.",
        "1979-05-27T07:32:00+7:00",
        "1979-5-27",
    ] {
        let text = format!("v = {bad}");
        let (m, s) = error(&text);
        assert!(m.contains("invalid date-time"), "{bad}: {m}");
        assert_eq!(s, bad);
    }
}

#[test]
fn arrays() {
    let t = doc("a = [ 1, \"two\", [3.0, []], {x = 1}, ]\nb = [\n  1, # one\n  2\n  ,\n]\nc = []");
    let Kind::Array(a) = &at(&t, "a").kind else { panic!() };
    assert_eq!(a.items().len(), 4);
    assert!(!a.is_array_of_tables());
    assert_eq!(at(&t, "a").range, TextRange::new(4, 37));
    assert_eq!(a.items()[1].range, TextRange::new(9, 14));
    error_at("a = [1 2]", "expected `,` or `]` after an array item", "2");
    error_at("a = [1,,2]", "expected a value", ",");
    error_at("a = [,]", "expected a value", ",");
    error_at("a = [1, 2", "unterminated array", "[");
}

#[test]
fn inline_tables() {
    let t = doc("p = { x = 1, y.z = \"2\", w = {} }\nq={}");
    assert_eq!(at(&t, "p.y.z").kind, Kind::String("2".into()));
    assert_eq!(at(&t, "p").range, TextRange::new(4, 32));
    error_at("p = { x = 1, }", "no trailing comma", "}");
    error_at("p = { x = 1\n}", "unterminated inline table", "{");
    error_at("p = { x = 1 y = 2 }", "expected `,` or `}`", "y");
    error_at("p = { x = 1, x = 2 }", "duplicate key `x`", "x");
    error_at("p = { a = {b = 1}, a.c = 2 }", "inline table is complete", "a");
    error_at("p = { x = 1 }\n[p]", "inline table is complete", "p");
    error_at("p = { x = 1 }\n[p.q]", "inline table is complete", "p");
    error_at("p = { x = 1 }\np.y = 2", "inline table is complete", "p");
    error_at("p = [{ x = 1 }]\n[[p]]", "array value", "p");
}

#[test]
fn tables_and_headers() {
    let t = doc("[a.b]\nx = 1\n[a]\ny = 2\n[ a . \"c\" ]\n[d]\ne.f = 1\n[d.e.g]\nh = 2\n");
    assert_eq!(at(&t, "a.b.x").kind, Kind::Integer(1));
    assert_eq!(at(&t, "a.y").kind, Kind::Integer(2));
    assert_eq!(at(&t, "d.e.g.h").kind, Kind::Integer(2));
    assert_eq!(at(&t, "a").range, TextRange::new(12, 15));
    assert_eq!(at(&t, "a.b").range, TextRange::new(0, 5));
    assert_eq!(t.get("a").map(|e| e.key_range), Some(TextRange::new(1, 2)));
    error_at("[a]\n[a]", "table `a` is defined twice", "a");
    error_at("[a]\nb = 1\n[a.b]", "`a.b` is already a value", "b");
    error_at("a.b = 1\n[a]", "already defined by dotted keys", "a");
    error_at("[a]\nb.c = 1\n[a.b]", "already defined by dotted keys", "b");
    error_at("[a.b]\n[a]\nb.c = 1", "it has a `[header]`", "b");
    error_at("a = 1\na.b = 2", "already a value", "a");
    error_at("a = [1]\na.b = 2", "it is an array", "a");
    error_at("[a", "expected `]`", "");
    error_at("[a]x", "expected the end of the line", "x");
    error_at("[]", "expected a key", "]");
}

#[test]
fn arrays_of_tables() {
    let t = doc("[[f]]\nn = 1\n[f.p]\nc = 2\n[[f.v]]\nk = 3\n[[f]]\nn = 4\n");
    let Kind::Array(f) = &at(&t, "f").kind else { panic!() };
    assert!(f.is_array_of_tables());
    assert_eq!(f.items().len(), 2);
    assert_eq!(f.items()[1].range, TextRange::new(38, 43));
    error_at("[[a]]\n[a]", "array of tables", "a");
    error_at("[a]\n[[a]]", "is a table, not an array of tables", "a");
    error_at("a = []\n[[a]]", "array value", "a");
    error_at("[[a]\n", "expected `]]`", "]");
}

#[test]
fn depth_is_bounded() {
    let ok = format!("a = {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = format!("a = {}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    let (m, s) = error(&deep);
    assert!(m.contains("nested more than 128"), "{m}");
    assert_eq!(s, "[");
    let key = vec!["k"; MAX_DEPTH + 1].join(".");
    error_at(&format!("{key} = 1"), "more than 128 parts", "k");
    let header = vec!["k"; 100].join(".");
    let (m, _) = error(&format!("[{header}]\n{header} = 1"));
    assert!(m.contains("more than 128"), "{m}");
}

#[test]
fn large_inputs_finish() {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1 << 20 {
        text.push_str(&format!("key{n} = \"value {n}\"\n"));
        n += 1;
    }
    let t = doc(&text);
    assert_eq!(t.len(), n);
    text.push_str("key7 = 1\n");
    assert!(error(&text).0.contains("duplicate key `key7`"));
    let nested = format!("a = {}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse(&nested).is_err());
    let headers: String = (0..20_000).map(|i| format!("[[t]]\nx = {i}\n[t.s]\n")).collect();
    assert!(parse(&headers).is_ok());
    let inline = format!("a = {{ {} }}", (0..50_000).map(|i| format!("k{i} = {i}")).collect::<Vec<_>>().join(", "));
    assert!(parse(&inline).is_ok());
}
