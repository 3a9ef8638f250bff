//! A pattern's text → [`Node`]s. Inline flags are applied here (case
//! folding widens classes, `s` and `R` decide what `.` is, `m` and `R`
//! which anchors `^` and `$` are), so the tree carries no flags.

use super::Error;

/// The deepest nesting a pattern may have, as `regex-lite` counts it: one
/// per group, repetition, sequence of two or more items and alternation.
const DEPTH_LIMIT: u32 = 50;

/// A zero-width assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Start of the text.
    Start,
    /// End of the text.
    End,
    /// Start of a line (`(?m)^`), `crlf` with `(?R)`.
    LineStart { crlf: bool },
    /// End of a line (`(?m)$`), `crlf` with `(?R)`.
    LineEnd { crlf: bool },
    /// `\b`: ASCII word character on exactly one side.
    Word,
    /// `\B`.
    NotWord,
    /// `\<`, `\b{start}`.
    WordStart,
    /// `\>`, `\b{end}`.
    WordEnd,
    /// `\b{start-half}`.
    WordStartHalf,
    /// `\b{end-half}`.
    WordEndHalf,
}

/// A parsed pattern.
#[derive(Clone, Debug)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One character in these sorted, disjoint ranges.
    Class(Vec<(char, char)>),
    /// An assertion.
    Look(Look),
    /// One after the other.
    Concat(Vec<Node>),
    /// Any of these.
    Alt(Vec<Node>),
    /// `min` to `max` (unbounded: `None`) times.
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
}

#[derive(Clone, Copy, Default)]
struct Flags {
    i: bool,
    m: bool,
    s: bool,
    x: bool,
    crlf: bool,
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    flags: Flags,
    names: Vec<String>,
    _src: &'a str,
}

fn err<T>(message: impl Into<String>) -> Result<T, Error> {
    Err(Error::new(message))
}

/// The tree of `source`, or why it is not a valid pattern.
pub fn parse(source: &str) -> Result<Node, Error> {
    let mut p =
        Parser { chars: source.chars().collect(), pos: 0, flags: Flags::default(), names: Vec::new(), _src: source };
    let (node, _) = p.alternation(0)?;
    if p.pos < p.chars.len() {
        return err("found closing ')' without matching '('");
    }
    Ok(node)
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn looking_at(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.peek_at(i) == Some(c))
    }

    /// In `(?x)` mode, whitespace and `#` comments.
    fn skip_space(&mut self) {
        if !self.flags.x {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// Whitespace, skipped whatever the flags (inside `{...}`).
    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Alternatives up to `)` or the end; `depth` is the group nesting.
    fn alternation(&mut self, depth: u32) -> Result<(Node, u32), Error> {
        let mut alts = Vec::new();
        let mut deepest = 0;
        loop {
            let (node, d) = self.concat(depth)?;
            deepest = deepest.max(d);
            alts.push(node);
            if !self.eat('|') {
                break;
            }
        }
        if alts.len() == 1 {
            return Ok((alts.pop().unwrap_or(Node::Empty), deepest));
        }
        check_depth(deepest + 1)?;
        Ok((Node::Alt(alts), deepest + 1))
    }

    fn concat(&mut self, depth: u32) -> Result<(Node, u32), Error> {
        let mut items: Vec<(Node, u32)> = Vec::new();
        // Whether the last item may take a repetition operator.
        let mut repeatable = false;
        loop {
            self.skip_space();
            let Some(c) = self.peek() else { break };
            match c {
                '|' | ')' => break,
                '*' | '+' | '?' => {
                    self.pos += 1;
                    let (min, max) = match c {
                        '*' => (0, None),
                        '+' => (1, None),
                        _ => (0, Some(1)),
                    };
                    if !repeatable {
                        return err("uncounted repetition operator must be applied to a sub-expression");
                    }
                    self.repeat(&mut items, min, max)?;
                }
                '{' => {
                    self.pos += 1;
                    if !repeatable {
                        return err("counted repetition operator must be applied to a sub-expression");
                    }
                    let (min, max) = self.counted()?;
                    self.repeat(&mut items, min, max)?;
                }
                '(' => {
                    self.pos += 1;
                    // A flag directive gives nothing: a repetition after it
                    // applies to the item before.
                    if let Some(item) = self.group(depth)? {
                        items.push(item);
                        repeatable = true;
                    }
                }
                _ => {
                    self.pos += 1;
                    items.push((self.atom(c)?, 0));
                    repeatable = true;
                }
            }
        }
        match items.len() {
            0 => Ok((Node::Empty, 0)),
            1 => Ok(items.pop().unwrap_or((Node::Empty, 0))),
            _ => {
                let d = items.iter().map(|i| i.1).max().unwrap_or(0) + 1;
                check_depth(d)?;
                Ok((Node::Concat(items.into_iter().map(|i| i.0).collect()), d))
            }
        }
    }

    /// Wraps the last item of `items`, then eats a lazy `?`.
    fn repeat(&mut self, items: &mut [(Node, u32)], min: u32, max: Option<u32>) -> Result<(), Error> {
        let Some(last) = items.last_mut() else {
            return err("repetition operator must be applied to a sub-expression");
        };
        let d = last.1 + 1;
        check_depth(d)?;
        let node = std::mem::replace(&mut last.0, Node::Empty);
        *last = (Node::Repeat { node: Box::new(node), min, max }, d);
        self.skip_space();
        self.eat('?');
        Ok(())
    }

    /// `{n}`, `{n,}` or `{n,m}` after the `{`.
    fn counted(&mut self) -> Result<(u32, Option<u32>), Error> {
        self.skip_blanks();
        if self.peek().is_none() {
            return err("found unclosed counted repetition operator");
        }
        let min = self.decimal()?;
        self.skip_blanks();
        let max = if self.eat(',') {
            self.skip_blanks();
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.decimal()?)
            }
        } else {
            Some(min)
        };
        self.skip_blanks();
        if !self.eat('}') {
            return err("found incomplete and unclosed counted repetition operator");
        }
        if max.is_some_and(|max| max < min) {
            return err("found counted repetition with a min bigger than its max");
        }
        Ok((min, max))
    }

    fn decimal(&mut self) -> Result<u32, Error> {
        let start = self.pos;
        let mut n: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(d))
                .ok_or_else(|| Error::new("repetition count is too big"))?;
        }
        if self.pos == start {
            return err("expected decimal number, but found no digits");
        }
        Ok(n)
    }

    /// After `(`: a group (`None` for a flag directive like `(?i)`).
    fn group(&mut self, depth: u32) -> Result<Option<(Node, u32)>, Error> {
        self.skip_space();
        let saved = self.flags;
        if self.eat('?') {
            if self.looking_at("P<") || self.looking_at("<") && !self.looking_at("<=") && !self.looking_at("<!") {
                self.pos += if self.peek() == Some('P') { 2 } else { 1 };
                self.group_name()?;
            } else if self.looking_at("=") || self.looking_at("!") || self.looking_at("<=") || self.looking_at("<!") {
                return err("look-around is not supported");
            } else {
                // Flags, then `)` (for the rest of the enclosing group) or `:`.
                let mut negated = false;
                let mut seen = String::new();
                let mut any = false;
                loop {
                    self.skip_space();
                    let Some(c) = self.bump() else {
                        return err("expected flag but got end of pattern");
                    };
                    match c {
                        ')' | ':' => {
                            if c == ')' && !any && !negated {
                                return err("empty flag directive '(?)' is not allowed");
                            }
                            if self.chars.get(self.pos.wrapping_sub(2)) == Some(&'-') {
                                return err("inline flags cannot end with negation directive");
                            }
                            if c == ')' {
                                return Ok(None);
                            }
                            break;
                        }
                        '-' => {
                            if negated {
                                return err("duplicate negation directive in inline flags");
                            }
                            negated = true;
                        }
                        'i' | 'm' | 's' | 'x' | 'U' | 'u' | 'R' => {
                            if seen.contains(c) {
                                return err("duplicate inline flag");
                            }
                            seen.push(c);
                            any = true;
                            let on = !negated;
                            match c {
                                'i' => self.flags.i = on,
                                'm' => self.flags.m = on,
                                's' => self.flags.s = on,
                                'x' => self.flags.x = on,
                                'R' => self.flags.crlf = on,
                                _ => {}
                            }
                        }
                        _ => return err("unrecognized inline flag"),
                    }
                }
            }
        }
        if depth + 1 > DEPTH_LIMIT {
            return err("pattern has too much nesting");
        }
        let (node, d) = self.alternation(depth + 1)?;
        if !self.eat(')') {
            return err("found open group without closing ')'");
        }
        self.flags = saved;
        check_depth(d + 1)?;
        Ok(Some((node, d + 1)))
    }

    /// The name of `(?P<name>...)` up to and including `>`.
    fn group_name(&mut self) -> Result<(), Error> {
        let mut name = String::new();
        loop {
            match self.bump() {
                None => return err("unclosed capture group name"),
                Some('>') => break,
                Some(c) => name.push(c),
            }
        }
        if name.is_empty() {
            return err("empty capture group names are not allowed");
        }
        let mut cs = name.chars();
        let first_ok = cs.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        if !first_ok || !cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']')) {
            return err("invalid group name");
        }
        if self.names.contains(&name) {
            return err("duplicate capture group name");
        }
        self.names.push(name);
        Ok(())
    }

    /// A one-character item (`c` already eaten).
    fn atom(&mut self, c: char) -> Result<Node, Error> {
        match c {
            '.' => {
                let mut excluded = Vec::new();
                if !self.flags.s {
                    excluded.push('\n');
                    if self.flags.crlf {
                        excluded.push('\r');
                    }
                }
                Ok(Node::Class(negate(&normalize(excluded.iter().map(|&c| (c, c)).collect()))))
            }
            '^' => Ok(Node::Look(if self.flags.m { Look::LineStart { crlf: self.flags.crlf } } else { Look::Start })),
            '$' => Ok(Node::Look(if self.flags.m { Look::LineEnd { crlf: self.flags.crlf } } else { Look::End })),
            '[' => self.class(),
            '\\' => match self.escape(false)? {
                Escaped::Char(c) => Ok(self.literal(c)),
                Escaped::Class(ranges) => Ok(Node::Class(ranges)),
                Escaped::Look(look) => Ok(Node::Look(look)),
            },
            _ => Ok(self.literal(c)),
        }
    }

    fn literal(&self, c: char) -> Node {
        let mut ranges = vec![(c, c)];
        if self.flags.i {
            ranges = fold(ranges);
        }
        Node::Class(ranges)
    }

    /// After `\` (`in_class`: inside `[...]`).
    fn escape(&mut self, in_class: bool) -> Result<Escaped, Error> {
        let Some(c) = self.bump() else {
            return err("saw start of escape sequence, but saw end of pattern before it finished");
        };
        let perl = |ranges: &[(char, char)], negated: bool| {
            let ranges = normalize(ranges.to_vec());
            Escaped::Class(if negated { negate(&ranges) } else { ranges })
        };
        Ok(match c {
            'a' => Escaped::Char('\x07'),
            'f' => Escaped::Char('\x0C'),
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'r' => Escaped::Char('\r'),
            'v' => Escaped::Char('\x0B'),
            'x' => Escaped::Char(self.hex(2)?),
            'u' => Escaped::Char(self.hex(4)?),
            'U' => Escaped::Char(self.hex(8)?),
            'd' | 'D' => perl(DIGIT, c == 'D'),
            'w' | 'W' => perl(WORD, c == 'W'),
            's' | 'S' => perl(SPACE, c == 'S'),
            'p' | 'P' => return err("Unicode character classes are not supported"),
            '0'..='9' => return err("backreferences are not supported"),
            _ if in_class && matches!(c, 'b' | 'B' | 'A' | 'z' | '<' | '>') => {
                return err("invalid escape sequence in character class")
            }
            'A' => Escaped::Look(Look::Start),
            'z' => Escaped::Look(Look::End),
            'B' => Escaped::Look(Look::NotWord),
            '<' => Escaped::Look(Look::WordStart),
            '>' => Escaped::Look(Look::WordEnd),
            'b' => {
                // `\b{start}` and the like (spaces allowed in `(?x)` mode).
                if self.peek() == Some('{') {
                    let close = self.chars.get(self.pos..).and_then(|rest| rest.iter().position(|&c| c == '}'));
                    if let Some(close) = close {
                        let name: String = self.chars[self.pos + 1..self.pos + close]
                            .iter()
                            .filter(|c| !(self.flags.x && c.is_whitespace()))
                            .collect();
                        let look = match name.as_str() {
                            "start" => Some(Look::WordStart),
                            "end" => Some(Look::WordEnd),
                            "start-half" => Some(Look::WordStartHalf),
                            "end-half" => Some(Look::WordEndHalf),
                            _ => None,
                        };
                        if let Some(look) = look {
                            self.pos += close + 1;
                            return Ok(Escaped::Look(look));
                        }
                    }
                }
                Escaped::Look(Look::Word)
            }
            _ if c.is_ascii() && !c.is_ascii_alphanumeric() => Escaped::Char(c),
            _ => return err("unrecognized escape sequence"),
        })
    }

    /// `HH..` (`digits` of them) or `{H...}` after `\x`, `\u`, `\U`.
    fn hex(&mut self, digits: usize) -> Result<char, Error> {
        let value = if self.eat('{') {
            let mut text = String::new();
            loop {
                match self.bump() {
                    None => return err("found unclosed hexadecimal number in braces"),
                    Some('}') => break,
                    Some(c) if self.flags.x && c.is_whitespace() => {}
                    Some(c) => text.push(c),
                }
            }
            if text.is_empty() || !text.chars().all(|c| c.is_ascii_hexdigit()) {
                return err("got invalid hexadecimal number in braces");
            }
            u32::from_str_radix(&text, 16).ok()
        } else {
            let mut text = String::new();
            for _ in 0..digits {
                match self.bump() {
                    Some(c) if c.is_ascii_hexdigit() => text.push(c),
                    Some(_) => return err("expected fixed length hexadecimal number"),
                    None => return err("expected fixed length hexadecimal number, but saw end of pattern first"),
                }
            }
            u32::from_str_radix(&text, 16).ok()
        };
        value.and_then(char::from_u32).ok_or_else(|| Error::new("got invalid hexadecimal number"))
    }

    /// `[...]` after the `[`.
    fn class(&mut self) -> Result<Node, Error> {
        let mut ranges: Vec<(char, char)> = Vec::new();
        self.skip_space();
        let negated = self.eat('^');
        self.skip_space();
        if self.eat(']') {
            ranges.push((']', ']'));
            if self.peek().is_none() {
                return err("character class begins with literal ']' but has no closing bracket");
            }
        }
        loop {
            self.skip_space();
            let Some(c) = self.peek() else {
                return err("non-empty character class has no closing bracket");
            };
            if c == ']' {
                self.pos += 1;
                break;
            }
            self.set_operation()?;
            if c == '[' {
                ranges.extend(self.posix()?);
                continue;
            }
            self.pos += 1;
            let start = match c {
                '\\' => self.escape(true)?,
                c => Escaped::Char(c),
            };
            self.skip_space();
            let ranged = self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']');
            if ranged {
                self.set_operation()?;
            }
            match start {
                Escaped::Char(start) if ranged => {
                    self.pos += 1;
                    self.skip_space();
                    let end = match self.bump() {
                        Some('\\') => match self.escape(true)? {
                            Escaped::Char(end) => end,
                            _ => return err("character class ranges must start and end with a single character"),
                        },
                        Some(c) => c,
                        None => return err("non-empty character class has no closing bracket"),
                    };
                    if end < start {
                        return err("invalid range in character class");
                    }
                    ranges.push((start, end));
                }
                Escaped::Char(c) => ranges.push((c, c)),
                Escaped::Class(_) if ranged => {
                    return err("character class ranges must start and end with a single character")
                }
                Escaped::Class(rs) => ranges.extend(rs),
                Escaped::Look(_) => return err("invalid escape sequence in character class"),
            }
        }
        let mut ranges = normalize(ranges);
        if self.flags.i {
            ranges = fold(ranges);
        }
        if negated {
            ranges = negate(&ranges);
        }
        Ok(Node::Class(ranges))
    }

    fn set_operation(&self) -> Result<(), Error> {
        if self.looking_at("&&") {
            return err("character class intersection is not supported");
        }
        if self.looking_at("--") {
            return err("character class difference is not supported");
        }
        if self.looking_at("~~") {
            return err("character class symmetric difference is not supported");
        }
        Ok(())
    }

    /// `[:name:]` or `[:^name:]` inside a class.
    fn posix(&mut self) -> Result<Vec<(char, char)>, Error> {
        for (name, ranges) in POSIX {
            for negated in [false, true] {
                let text = format!("[:{}{name}:]", if negated { "^" } else { "" });
                if self.looking_at(&text) {
                    self.pos += text.chars().count();
                    let ranges = normalize(ranges.to_vec());
                    return Ok(if negated { negate(&ranges) } else { ranges });
                }
            }
        }
        err("nested character classes are not supported")
    }
}

fn check_depth(depth: u32) -> Result<(), Error> {
    if depth > DEPTH_LIMIT {
        return err("pattern has too much nesting");
    }
    Ok(())
}

enum Escaped {
    Char(char),
    Class(Vec<(char, char)>),
    Look(Look),
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];

const POSIX: &[(&str, &[(char, char)])] = &[
    ("alnum", &[('0', '9'), ('A', 'Z'), ('a', 'z')]),
    ("alpha", &[('A', 'Z'), ('a', 'z')]),
    ("ascii", &[('\0', '\x7F')]),
    ("blank", &[('\t', '\t'), (' ', ' ')]),
    ("cntrl", &[('\0', '\x1F'), ('\x7F', '\x7F')]),
    ("digit", &[('0', '9')]),
    ("graph", &[('!', '~')]),
    ("lower", &[('a', 'z')]),
    ("print", &[(' ', '~')]),
    ("punct", &[('!', '/'), (':', '@'), ('[', '`'), ('{', '~')]),
    ("space", &[('\t', '\r'), (' ', ' ')]),
    ("upper", &[('A', 'Z')]),
    ("word", &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]),
    ("xdigit", &[('0', '9'), ('A', 'F'), ('a', 'f')]),
];

/// Sorted, with overlapping and adjacent ranges merged.
pub fn normalize(mut ranges: Vec<(char, char)>) -> Vec<(char, char)> {
    crate::sort::sort(&mut ranges);
    let mut out: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        if let Some(last) = out.last_mut() {
            if lo as u32 <= last.1 as u32 + 1 {
                last.1 = last.1.max(hi);
                continue;
            }
        }
        out.push((lo, hi));
    }
    out
}

/// Every character not in the normalized `ranges`.
pub fn negate(ranges: &[(char, char)]) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut next: u32 = 0;
    for &(lo, hi) in ranges {
        if (lo as u32) > next {
            push_span(&mut out, next, lo as u32 - 1);
        }
        next = hi as u32 + 1;
    }
    if next <= 0x10FFFF {
        push_span(&mut out, next, 0x10FFFF);
    }
    out
}

/// `lo..=hi` as char ranges, around the surrogates.
fn push_span(out: &mut Vec<(char, char)>, lo: u32, hi: u32) {
    let parts = [(lo, hi.min(0xD7FF)), (lo.max(0xE000), hi)];
    for (a, b) in parts {
        if a <= b {
            if let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) {
                out.push((a, b));
            }
        }
    }
}

/// `ranges` with the other ASCII case of their letters added.
fn fold(ranges: Vec<(char, char)>) -> Vec<(char, char)> {
    let mut out = ranges.clone();
    for (lo, hi) in ranges {
        for (a, b, delta) in [('a', 'z', -32i32), ('A', 'Z', 32)] {
            let (l, h) = (lo.max(a), hi.min(b));
            if l <= h {
                let shift = |c: char| char::from_u32((c as i32 + delta) as u32).unwrap_or(c);
                out.push((shift(l), shift(h)));
            }
        }
    }
    normalize(out)
}
