//! The engine against `regex-lite` (the oracle): hand-written patterns and
//! texts, generated ones, errors, and pathological inputs.

use super::Regex;
use proptest::prelude::*;

/// Same accept/reject of `pattern`, same `is_match` on every text.
fn agree(pattern: &str, texts: &[&str]) {
    if let Some(disagreement) = disagreement(pattern, texts) {
        panic!("{disagreement}");
    }
}

/// How the engine and `regex-lite` differ on `pattern` and `texts`, if they do.
fn disagreement(pattern: &str, texts: &[&str]) -> Option<String> {
    let ours = Regex::new(pattern);
    let theirs = regex_lite::Regex::new(pattern);
    match (&ours, &theirs) {
        (Ok(ours), Ok(theirs)) => texts
            .iter()
            .find(|text| ours.is_match(text) != theirs.is_match(text))
            .map(|text| format!("{pattern:?} on {text:?}: {} here", ours.is_match(text))),
        (Err(_), Err(_)) => None,
        (Ok(_), Err(e)) => Some(format!("{pattern:?}: accepted, regex-lite says {e}")),
        (Err(e), Ok(_)) => Some(format!("{pattern:?}: rejected ({e}), regex-lite accepts")),
    }
}

const TEXTS: &[&str] = &[
    "",
    "a",
    "b",
    "ab",
    "abc",
    "ABC",
    "aaa",
    "aab",
    "xx",
    "xxx",
    "xxxy",
    "platform-engineer",
    "a--b",
    "1.2.3",
    "1.2.3-rc.1",
    "mcp_git_diff",
    "word here",
    "wordé",
    "éword",
    "é",
    "É",
    "δ",
    "١.٢",
    "\n",
    "a\nb",
    "a\r\nb",
    "\r",
    "a\tb c",
    "]",
    "-",
    "[x]",
    "a.b",
    "_",
    "K",
    "\u{212A}",
    "ſ",
    "\0",
    "\x07\x0B\x0C",
    "{2}",
    "Hello, World!",
    "😀",
];

const PATTERNS: &[&str] = &[
    "",
    "a",
    "abc",
    "é",
    "😀",
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    r"^[a-z0-9]+\.[a-z0-9-]+$",
    "^[a-z][a-z0-9_]*$",
    r"^\d+\.\d+\.\d+(-(alpha|beta|rc)\.\d+)?$",
    "co-located|separate|hybrid",
    "^mcp_[a-z0-9]+(_[a-z0-9]+)*$",
    "^[A-Za-z][A-Za-z0-9_-]*$",
    "...",
    ".",
    "^.$",
    "^..$",
    "^$",
    "^",
    "$",
    "^a|b$",
    "^a|^b",
    "a$|^b",
    "(^|x)a",
    "a($|x)",
    r"\Aa",
    r"a\z",
    r"\A\z",
    r"\ba",
    r"a\b",
    r"\Ba",
    r"a\B",
    r"\b",
    r"\B",
    r"\bword\b",
    r"\<word",
    r"word\>",
    r"\b{start}w",
    r"d\b{end}",
    r"\b{start-half}w",
    r"d\b{end-half}",
    r"\b{start}",
    r"\b{end}",
    "[abc]",
    "[^abc]",
    "[a-c]",
    "[^a-c]",
    "[-a]",
    "[a-]",
    "[-]",
    "[^-]",
    "[]a]",
    "[^]a]",
    "[]-a]",
    r"[^\n]",
    r"[\n]",
    r"[\]]",
    r"[\[]",
    r"[\-]",
    r"[a\-z]",
    "[a-a]",
    "[z-a]",
    "[]",
    "[^]",
    "[a",
    "[a-",
    r"[\x41-\x{5A}]",
    r"[\d]",
    r"[\D]",
    r"[\w-]",
    r"[\w.]",
    r"[a-\d]",
    r"[\d-z]",
    r"[\s]",
    r"[^\s]",
    r"[\b]",
    "[[:alpha:]]",
    "[[:^alpha:]]",
    "[[:digit:][:upper:]]",
    "[[:alnum:]]",
    "[[:ascii:]]",
    "[[:blank:]]",
    "[[:cntrl:]]",
    "[[:graph:]]",
    "[[:lower:]]",
    "[[:print:]]",
    "[[:punct:]]",
    "[[:space:]]",
    "[[:upper:]]",
    "[[:word:]]",
    "[[:xdigit:]]",
    "[[:foo:]]",
    "[:alpha:]",
    "[[:alpha:]-z]",
    "[[a]]",
    "[a&&b]",
    "[a--b]",
    "[a~~b]",
    "[a-z&&b]",
    "[é-ë]",
    "[^é]",
    "[a-zé]",
    r"\d",
    r"\D",
    r"\w",
    r"\W",
    r"\s",
    r"\S",
    r"^\w+\s\w+$",
    r"\n",
    r"\t",
    r"\r",
    r"\f",
    r"\v",
    r"\a",
    r"\0",
    r"\1",
    r"\e",
    r"\x41",
    r"\x4",
    r"\x{41}",
    r"\x{e9}",
    r"\x{}",
    r"\x{110000}",
    r"\x{D800}",
    r"\u0041",
    r"\u{41}",
    r"\U00000041",
    r"\U{1F600}",
    r"\p{L}",
    r"\pL",
    r"\P{L}",
    r"\.",
    r"\*",
    r"\+",
    r"\?",
    r"\(",
    r"\)",
    r"\[",
    r"\]",
    r"\{",
    r"\}",
    r"\|",
    r"\^",
    r"\$",
    r"\\",
    r"\-",
    r"\~",
    r"\ ",
    r"\#",
    r"\&",
    r"\/",
    r"\_",
    r"\y",
    r"\é",
    "\\",
    "(a)",
    "(a)(b)",
    "(?:ab)",
    "(?P<n>a)",
    "(?<n>a)",
    "(?P<n>a)(?P<n>b)",
    "(?P<>a)",
    "(?P<1>a)",
    "(?P<a.b[0]>x)",
    "(?'n'a)",
    "(?=a)",
    "(?!a)",
    "(?<=a)",
    "(?<!a)",
    "()",
    "(|)",
    "a|",
    "|a",
    "|",
    "a||b",
    "(a",
    "a)",
    ")",
    "(a|b)*c",
    "(a*)*",
    "(a*)*b",
    "(a*)+$",
    "(a|)*",
    "(x+x+)+y",
    "a*",
    "a+",
    "a?",
    "a*?",
    "a+?",
    "a??",
    "a**",
    "a+*",
    "a*+",
    "*",
    "+a",
    "?",
    "(*)",
    "(?i)*",
    "a|*",
    "x{2}",
    "x{2,}",
    "x{2,3}",
    "^x{2,3}$",
    "^x{0}$",
    "x{0,0}",
    "x{2}{2}",
    "x{2}?",
    "x{,3}",
    "x{3,2}",
    "x{ 2 , 3 }",
    "x{",
    "x{2",
    "x{a}",
    "{",
    "{2}",
    "}",
    "a{1000}",
    "^(ab){2}$",
    "(?i)abc",
    "(?i)ABC",
    "(?i)k",
    "(?i)s",
    "(?i)é",
    "(?i)[a-c]",
    "(?i)[^a]",
    "(?i)[[:upper:]]",
    r"(?i)\x{212A}",
    "(?i:a)b",
    "(?i)a(?-i)b",
    "a(?i)b|c",
    "(a(?i)b)c",
    "(?i)",
    "(?-i)",
    "(?i-s)a.",
    "(?s).",
    "(?s:.)",
    "(?m)^b",
    "(?m)a$",
    "(?m)^$",
    "(?m)^",
    "(?R).",
    "(?Rm)^b",
    "(?Rm)a$",
    "(?Rm)^$",
    "(?U)a+",
    "(?u)\\d",
    "(?x) a b # c",
    "(?x)a\\ b",
    "(?x)[ a]",
    "(?x)[^ a]",
    "(?x)a {2}",
    "(?x)a* ?",
    "(?x)( ?i)a",
    "(?x)#",
    "(?x)a#b\nc",
    "(?a)",
    "(?z)",
    "(?i-)",
    "(?-)",
    "(?)",
    "(?ii)",
    "(?i-i)",
    "(?",
    "(?i",
    r"(?x)\x{ 41 }",
    r"\x{ 41 }",
    "(?x)[a - c]",
    "(?x)(?P<n> a)",
    r"(?x)\b{ start }",
    r"\b{ start }",
    r"\b{foo}",
    r"\b{2}",
    r"\x{0000000041}",
    r"\x{00000041}",
    r"\x{000000000000000041}",
    r"\x{100000000}",
    "(?i)(?-i:a)A",
    "a{2}{0}",
    r"[\x{10FFFF}]",
    "(?s-s).",
    r"[^\x00-\x{10FFFF}]",
    r"(?x)[\ ]",
    "(?x)a#[\nb",
    "(?x)[#]",
    "(?x)[a#]\n]",
    "(?i)[^[:lower:]]",
    "(?m)(?R)$",
    r"[\d\W]",
    r"[^\D]",
    "[ab](?i)*",
    "[,-[ab]",
    "[{2,-[^a]",
    "(?:ab)",
];

#[test]
fn agrees_with_regex_lite_on_hand_written_patterns() {
    let disagreements: Vec<String> = PATTERNS.iter().filter_map(|p| disagreement(p, TEXTS)).collect();
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn errors_have_messages() {
    for (pattern, part) in [
        ("(", "closing"),
        (")", "'('"),
        ("*", "repetition"),
        ("x{3,2}", "min"),
        ("[z-a]", "range"),
        (r"\1", "backreferences"),
        ("(?=a)", "look-around"),
        (r"\p{L}", "Unicode"),
        ("[a&&b]", "intersection"),
        ("(?P<n>a)(?P<n>b)", "duplicate"),
        ("a{1000}{1000}", "size limit"),
        ("(?z)", "flag"),
    ] {
        let e = Regex::new(pattern).err().unwrap_or_else(|| panic!("{pattern} accepted"));
        assert!(e.to_string().contains(part), "{pattern}: {e}");
    }
}

#[test]
fn constructs_match_as_documented() {
    let m = |p: &str, t: &str| Regex::new(p).map(|r| r.is_match(t)).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert!(m("", ""));
    assert!(m("b", "abc"));
    assert!(!m("^b", "abc"));
    assert!(m("(?i)K", "k"));
    assert!(!m("(?i)k", "\u{212A}"));
    assert!(!m(r"\d", "١"));
    assert!(!m(r"\bé", "é"));
    assert!(m("(?m)^b", "a\nb"));
    assert!(!m("^b", "a\nb"));
    assert!(m("(?s)a.b", "a\nb"));
    assert!(!m("a.b", "a\nb"));
    assert!(m("^x{2,3}$", "xxx"));
    assert!(!m("^x{2,3}$", "xxxx"));
    assert!(m("(?x) a b ", "ab"));
}

#[test]
fn nesting_and_size_are_bounded() {
    assert!(Regex::new(&"(".repeat(100_000)).is_err());
    assert!(Regex::new(&format!("a{}", "*".repeat(100_000))).is_err());
    // regex-lite's nesting limit, exactly.
    let nested = |open: &str, inner: &str, n: usize| format!("{}{inner}{}", open.repeat(n), ")".repeat(n));
    for pattern in [
        nested("(", "a", 50),
        nested("(", "a", 51),
        nested("(?:", "a", 50),
        nested("(?:", "a", 51),
        nested("(", "", 50),
        nested("(", "", 51),
        nested("(a", "", 25),
        nested("(a", "", 26),
        nested("(a|", "", 25),
        nested("(a|", "", 26),
        format!("b{}", nested("(", "a", 49)),
        format!("b{}", nested("(", "a", 50)),
        format!("(?i){}", nested("(", "a", 50)),
        nested("(", "(?i)a", 50),
        nested("(", "[a]*", 49),
        nested("(", "[a]*", 50),
        nested("(", "a{2}", 49),
        nested("(", "ab", 49),
        nested("(", "a|b", 49),
        nested("(", "a|b", 50),
        format!("a{}", "*".repeat(50)),
        format!("a{}", "*".repeat(51)),
        format!("a{}", "+?".repeat(50)),
    ] {
        agree(&pattern, &["a", "ab", ""]);
    }
    assert!(Regex::new("a{1000}{1000}").is_err());
    assert!(Regex::new("a{4294967296}").is_err());
}

#[test]
fn pathological_inputs_finish_fast() {
    let start = std::time::Instant::now();
    let a = "a".repeat(100_000);
    assert!(!Regex::new("(a*)*b").map(|r| r.is_match(&a)).unwrap_or(true));
    let x = "x".repeat(10_000);
    assert!(!Regex::new("(x+x+)+y").map(|r| r.is_match(&x)).unwrap_or(true));
    let long: String = (0..100_000u32).map(|i| char::from(b'a' + (i % 7) as u8)).collect();
    let r = Regex::new(&long).unwrap_or_else(|e| panic!("{e}"));
    assert!(!r.is_match(&"x".repeat(10_000)));
    assert!(!r.is_match("abcdefg"));
    assert!(Regex::new(&format!("^{long}$")).is_ok_and(|r| r.is_match(&long)));
    assert!(start.elapsed() < std::time::Duration::from_secs(20), "{:?}", start.elapsed());
}

/// A pattern from pieces of syntax.
fn pattern() -> impl Strategy<Value = String> {
    let pieces: Vec<&str> = vec![
        "a",
        "b",
        "é",
        ".",
        "^",
        "$",
        "|",
        "(",
        ")",
        "(?:",
        "(?i)",
        "(?i:",
        "(?m)",
        "(?s)",
        "*",
        "+",
        "?",
        "*?",
        "{2}",
        "{1,2}",
        "{0,}",
        "[ab]",
        "[^a]",
        "[a-c]",
        "[]a]",
        "[-a]",
        r"\d",
        r"\w",
        r"\s",
        r"\W",
        r"\b",
        r"\B",
        r"\n",
        r"\.",
        "-",
        "[[:alpha:]]",
        r"\x{e9}",
        r"\<",
        r"\>",
        "A",
        " ",
        "(?x)",
        "(?x:",
        "#",
        "{",
        "}",
        "{2,",
        ",",
        r"\b{start}",
        r"\b{end-half}",
        "(?R)",
        "(?U)",
        "(?-i)",
        r"\A",
        r"\z",
        "(?P<n>",
        "(?<m>",
        r"[^\n]",
        "]",
        "[",
        "[a-]",
        r"\",
        "\n",
        "\r",
    ];
    proptest::collection::vec(proptest::sample::select(pieces), 0..12).prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "abAB é\n\r-_.1#".chars().collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 0..12).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn generated_patterns_agree(p in pattern(), texts in proptest::collection::vec(text(), 8)) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        agree(&p, &texts);
    }

    #[test]
    fn arbitrary_patterns_do_not_panic(p in "\\PC{0,40}", t in "\\PC{0,20}") {
        if let Ok(r) = Regex::new(&p) {
            let _ = r.is_match(&t);
        }
    }
}
