//! Pre-tokenizing and counting, piece by piece, fast.
//!
//! `tiktoken` splits text into pieces with a regular expression (one per
//! encoding) and runs byte-pair encoding inside each piece; no token crosses
//! a piece. Two things make counting here several times faster than running
//! that regular expression and encoding every piece, with the same result:
//!
//! - **ASCII runs are split by hand.** Role files are mostly ASCII. On ASCII
//!   text each encoding's expression reduces to a few character classes
//!   ([`ascii_piece`]), scanned with a byte table. Text is cut only at *safe
//!   boundaries* — just after a `\n` followed by a character that is not
//!   white space (nor `/` for `o200k_base`, whose punctuation pieces may run
//!   on through `\n/`) — where no piece of either expression can straddle
//!   and where matching restarts exactly as on the whole text. A stretch
//!   between safe boundaries that holds any non-ASCII character goes to
//!   `bpe-openai`'s own expression instead.
//! - **Pieces are counted once.** Most pieces are common words (` the`,
//!   ` engineer`); their counts are kept in a per-thread table, so byte-pair
//!   encoding runs once per distinct piece.
//!
//! A differential test holds the hand-written split to `bpe-openai`'s
//! expression piece for piece (corpus files and random strings mixing ASCII
//! classes, line breaks, slashes, Unicode white space, marks and emoji), and
//! `bpe-openai` is held to `tiktoken` by its authors and by our references.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rolekit_core::tokens::Encoding;

/// Calls `each(start, tokens)` for the pieces of `text`, in order.
pub fn for_each(tok: &bpe_openai::Tokenizer, encoding: Encoding, text: &str, each: &mut dyn FnMut(usize, usize)) {
    let slot = match encoding {
        Encoding::O200kBase => 0,
        Encoding::Cl100kBase => 1,
    };
    // The per-thread table, unless it is in use already (a count from
    // inside `each`) or the thread is ending: then pieces are encoded afresh.
    let done = CACHES.try_with(|caches| match caches.try_borrow_mut() {
        Ok(mut caches) => {
            let cache = &mut caches[slot];
            split(tok, encoding, text, &mut |at, piece| each(at, cache.count(tok, piece)));
            true
        }
        Err(_) => false,
    });
    if !matches!(done, Ok(true)) {
        split(tok, encoding, text, &mut |at, piece| each(at, tok.bpe.count(piece.as_bytes())));
    }
}

/// Calls `each(start, piece)` for the pieces of `text`, in order.
pub fn split(tok: &bpe_openai::Tokenizer, encoding: Encoding, text: &str, each: &mut dyn FnMut(usize, &str)) {
    let o200k = encoding == Encoding::O200kBase;
    if o200k {
        return split_parts(tok, o200k, text, each);
    }
    // tiktoken's `cl100k_base` expression takes white space that runs to the
    // end of the text as one piece (`\s++$` before `\s*[\r\n]`); the older
    // form `bpe-openai` compiles splits it after its last line break. The
    // first piece that starts in that tail takes all of it.
    let tail = trailing_space(text);
    let mut done = false;
    split_parts(tok, o200k, text, &mut |at, piece| {
        if at < tail {
            each(at, piece);
        } else if !done {
            done = true;
            each(at, &text[at..]);
        }
    });
}

/// Where the white space at the end of `text` starts (`text.len()` without any).
fn trailing_space(text: &str) -> usize {
    text.char_indices().rev().take_while(|(_, c)| c.is_whitespace()).last().map_or(text.len(), |(i, _)| i)
}

fn split_parts(tok: &bpe_openai::Tokenizer, o200k: bool, text: &str, each: &mut dyn FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let Some(bad) = first_non_ascii(&bytes[start..]).map(|i| start + i) else {
            split_ascii(bytes, start, bytes.len(), o200k, each);
            return;
        };
        // ASCII up to the last safe boundary before the non-ASCII character…
        let cut = last_safe_boundary(text, start, bad, o200k);
        if cut > start {
            split_ascii(bytes, start, cut, o200k, each);
        }
        // …then the expression up to the next safe boundary after it.
        let end = next_safe_boundary(text, bad, o200k);
        split_regex(tok, text, cut, end, each);
        start = end;
    }
}

/// Splits `text[start..end]` with `bpe-openai`'s expression.
fn split_regex(tok: &bpe_openai::Tokenizer, text: &str, start: usize, end: usize, each: &mut dyn FnMut(usize, &str)) {
    let Some(chunk) = text.get(start..end) else { return };
    let mut at = start;
    for piece in tok.split(chunk) {
        each(at, piece);
        at += piece.len();
    }
    // The expression matches at every position; should it ever stop short,
    // the rest is still counted (as one piece) rather than lost.
    if let Some(rest) = text.get(at..end).filter(|r| !r.is_empty()) {
        each(at, rest);
    }
}

fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    // Word at a time: most text is ASCII.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        if u64::from_ne_bytes(word) & HIGH != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|b| *b >= 0x80).map(|p| i + p)
}

/// `at` (just after a `\n`) is a safe boundary: the next character is
/// neither white space nor, for `o200k_base`, `/`. The end of the text is one.
fn is_safe(text: &str, at: usize, o200k: bool) -> bool {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        None => true,
        Some(c) => !(c.is_whitespace() || o200k && c == '/'),
    }
}

/// The last safe boundary in `start..=limit` (after `start`), else `start`.
fn last_safe_boundary(text: &str, start: usize, limit: usize, o200k: bool) -> usize {
    let bytes = text.as_bytes();
    let mut upto = limit;
    while let Some(nl) = memchr::memrchr(b'\n', &bytes[start..upto]).map(|i| start + i) {
        if is_safe(text, nl + 1, o200k) {
            return nl + 1;
        }
        upto = nl;
    }
    start
}

/// The first safe boundary after `from`, else the end of the text.
fn next_safe_boundary(text: &str, from: usize, o200k: bool) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(nl) = memchr::memchr(b'\n', &bytes[at..]).map(|i| at + i) {
        if is_safe(text, nl + 1, o200k) {
            return nl + 1;
        }
        at = nl + 1;
    }
    bytes.len()
}

// Character classes of ASCII bytes, as the expressions see them.
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 3;
/// `\r` and `\n`.
const NEWLINE: u8 = 4;
/// Other white space: space, `\t`, `\x0B`, `\x0C`.
const SPACE: u8 = 5;
/// Anything else: `[^\s\p{L}\p{N}]`.
const OTHER: u8 = 6;

static CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = match b {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            b'\r' | b'\n' => NEWLINE,
            b' ' | b'\t' | 0x0B | 0x0C => SPACE,
            _ => OTHER,
        };
        i += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[(b & 0x7F) as usize]
}

/// Splits the ASCII text `bytes[start..end]` (`end` a safe boundary) into
/// the encoding's pieces.
fn split_ascii(bytes: &[u8], start: usize, end: usize, o200k: bool, each: &mut dyn FnMut(usize, &str)) {
    let chunk = &bytes[..end];
    let mut at = start;
    while at < end {
        let next = ascii_piece(chunk, at, o200k).clamp(at + 1, end);
        // ASCII bytes are characters: any cut is a character boundary.
        if let Ok(piece) = std::str::from_utf8(&chunk[at..next]) {
            each(at, piece);
        }
        at = next;
    }
}

/// The end of the piece that starts at `i` in the ASCII text `b` (its end
/// is the end of the text), by each encoding's expression:
///
/// - `cl100k_base`: `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`
/// - `o200k_base`: `[^\r\n\p{L}\p{N}]?[\p{Lu}…]*[\p{Ll}…]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}…]+[\p{Ll}…]*(?i:…)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`
///
/// On ASCII, `\p{L}` is `[A-Za-z]` (`Lu` upper, `Ll` lower; no `Lt`, `Lm`,
/// `Lo`, `M`), `\p{N}` is `[0-9]` and `\s` is `[ \t\n\x0B\x0C\r]`.
fn ascii_piece(b: &[u8], i: usize, o200k: bool) -> usize {
    let n = b.len();
    let c = class(b[i]);
    let at = |k: usize| b.get(k).map_or(0, |&x| class(x));
    let run = |mut k: usize, f: &dyn Fn(u8) -> bool| {
        while k < n && f(class(b[k])) {
            k += 1;
        }
        k
    };
    if !o200k && b[i] == b'\'' {
        if let Some(len) = contraction(&b[i..]) {
            return i + len;
        }
    }
    // Letters, after at most one character that is not a line break, a letter or a digit.
    let letters = if matches!(c, UPPER | LOWER) {
        Some(i)
    } else if matches!(c, SPACE | OTHER) && matches!(at(i + 1), UPPER | LOWER) {
        Some(i + 1)
    } else {
        None
    };
    if let Some(p) = letters {
        if !o200k {
            return run(p, &|k| matches!(k, UPPER | LOWER));
        }
        // `[Lu]*[Ll]+` if a lower-case letter follows the capitals, else `[Lu]+[Ll]*`
        // (which then takes no lower-case letter); either may end in a contraction.
        let upper_end = run(p, &|k| k == UPPER);
        let end = run(upper_end, &|k| k == LOWER);
        return end + contraction(&b[end..]).unwrap_or(0);
    }
    if c == DIGIT {
        return run(i, &|k| k == DIGIT).min(i + 3);
    }
    // Punctuation, after at most one space, then line breaks (and, for o200k, slashes).
    let p = if b[i] == b' ' && at(i + 1) == OTHER { i + 1 } else { i };
    if at(p) == OTHER {
        let end = run(p, &|k| k == OTHER);
        let mut k = end;
        while k < n && (matches!(b[k], b'\r' | b'\n') || (o200k && b[k] == b'/')) {
            k += 1;
        }
        return k;
    }
    // White space: `c` is white space here.
    let j = run(i, &|k| matches!(k, NEWLINE | SPACE));
    if !o200k && j == n {
        return n; // `\s++$`
    }
    if let Some(last) = b[i..j].iter().rposition(|&x| x == b'\r' || x == b'\n') {
        return i + last + 1; // `\s*[\r\n]` (cl100k), `\s*[\r\n]+` (o200k)
    }
    if j == n {
        return n; // `\s+(?!\S)` at the end of the text
    }
    if j - i >= 2 {
        j - 1 // `\s+(?!\S)`: the last space goes with what follows
    } else {
        j // `\s` / `\s+`
    }
}

/// The length of a contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`,
/// any case) at the start of `b`.
fn contraction(b: &[u8]) -> Option<usize> {
    if b.first() != Some(&b'\'') {
        return None;
    }
    let lower = |k: usize| b.get(k).map(u8::to_ascii_lowercase);
    match lower(1)? {
        b's' | b't' | b'm' | b'd' => Some(2),
        b'r' | b'v' if lower(2) == Some(b'e') => Some(3),
        b'l' if lower(2) == Some(b'l') => Some(3),
        _ => None,
    }
}

/// Counts of pieces already encoded, per thread and encoding.
struct Cache {
    counts: HashMap<Box<[u8]>, u32, BuildHasherDefault<FxHasher>>,
}

/// Distinct pieces remembered at most per thread and encoding (then the
/// table starts over): a few megabytes.
const MAX_CACHED: usize = 1 << 16;
/// Longer pieces are encoded every time (rare, and cheap to encode per byte).
const MAX_CACHED_LEN: usize = 32;

impl Cache {
    fn count(&mut self, tok: &bpe_openai::Tokenizer, piece: &str) -> usize {
        let bytes = piece.as_bytes();
        if bytes.len() > MAX_CACHED_LEN {
            return tok.bpe.count(bytes);
        }
        if let Some(&n) = self.counts.get(bytes) {
            return n as usize;
        }
        let n = tok.bpe.count(bytes);
        if self.counts.len() >= MAX_CACHED {
            self.counts.clear();
        }
        self.counts.insert(bytes.into(), n as u32);
        n
    }
}

thread_local! {
    static CACHES: RefCell<[Cache; 2]> = RefCell::new([Cache::new(), Cache::new()]);
}

impl Cache {
    fn new() -> Self {
        Cache { counts: HashMap::default() }
    }
}

/// The multiply-rotate hash rustc uses for its own tables: a few
/// instructions per word, plenty for short pieces of text.
#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces and counts `bpe-openai`'s expression gives for the whole
    /// text (for `cl100k_base`, with the white-space tail as one piece, as
    /// tiktoken's current expression takes it).
    fn reference(tok: &bpe_openai::Tokenizer, encoding: Encoding, text: &str) -> Vec<(usize, usize)> {
        let mut pieces = Vec::new();
        let mut at = 0;
        for piece in tok.split(text) {
            pieces.push((at, piece));
            at += piece.len();
        }
        assert_eq!(at, text.len(), "the expression covers {text:?}");
        if encoding == Encoding::Cl100kBase {
            if let Some(first) = pieces.iter().position(|(at, _)| text[*at..].chars().all(char::is_whitespace)) {
                let at = pieces[first].0;
                pieces.truncate(first);
                pieces.push((at, &text[at..]));
            }
        }
        pieces.into_iter().map(|(at, p)| (at, tok.bpe.count(p.as_bytes()))).collect()
    }

    fn ours(tok: &bpe_openai::Tokenizer, encoding: Encoding, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for_each(tok, encoding, text, &mut |at, n| out.push((at, n)));
        out
    }

    fn both() -> [(Encoding, &'static bpe_openai::Tokenizer); 2] {
        [(Encoding::O200kBase, bpe_openai::o200k_base()), (Encoding::Cl100kBase, bpe_openai::cl100k_base())]
    }

    fn same(text: &str) -> Result<(), String> {
        for (encoding, tok) in both() {
            let (want, got) = (reference(tok, encoding, text), ours(tok, encoding, text));
            if want != got {
                let first = want.iter().zip(&got).position(|(a, b)| a != b).unwrap_or(want.len().min(got.len()));
                let from = want.get(first).or(got.get(first)).map_or(0, |p| p.0);
                let around: String = text[from.min(text.len())..].chars().take(24).collect();
                return Err(format!(
                    "{encoding}: {text:?}\n  differs at piece {first} (byte {from}, {around:?}): expression {:?}, ours {:?}",
                    want.get(first),
                    got.get(first)
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn pieces_match_the_expression_on_the_corpus() {
        let mut failures = Vec::new();
        let mut files = rolekit_test_corpus::files();
        files.push(rolekit_test_corpus::SEED.into());
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            if let Err(e) = same(&text) {
                failures.push(format!("{}: {e}", path.display()));
            }
            // As CRLF too.
            if let Err(e) = same(&text.replace('\n', "\r\n")) {
                failures.push(format!("{} (CRLF): {e}", path.display()));
            }
        }
        assert!(files.len() > 5);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Random strings over an alphabet that exercises every branch: each
    /// ASCII class, quotes for contractions, slashes after line breaks,
    /// Unicode white space, letters, marks, digits and symbols.
    #[test]
    fn pieces_match_the_expression_on_random_text() {
        const ALPHABET: &[&str] = &[
            "a", "b", "s", "t", "e", "l", "v", "r", "m", "d", "A", "S", "L", "R", "E", "Z", "0", "7", "9", "'", "'",
            "\"", ".", ",", "-", "/", "/", "#", "*", "`", "(", ")", "_", " ", " ", " ", "  ", "\t", "\n", "\n", "\r\n",
            "\r", "\x0b", "\x0c", "\x00", "\x1f", "\x7f", "é", "É", "ß", "日", "本", "✅", "🚀", "—", "’", "\u{a0}",
            "\u{85}", "\u{2028}", "\u{3000}", "\u{301}", "ǅ", "ʰ", "²", "٣", "ſ", "K",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut failures = Vec::new();
        for case in 0..20_000 {
            let len = (next() % 40) as usize;
            // Some cases mostly ASCII words and spaces, others anything.
            let ascii_heavy = case % 2 == 0;
            let mut text = String::new();
            for _ in 0..len {
                let r = next() as usize;
                let pick = if ascii_heavy { r % 47 } else { r % ALPHABET.len() };
                text.push_str(ALPHABET[pick]);
            }
            if let Err(e) = same(&text) {
                failures.push(e);
                if failures.len() > 10 {
                    break;
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn hand_picked_edges() {
        for text in [
            "",
            "\n",
            "x\n",
            "\n\n/a",
            "a.\n/path\n/more",
            "it's THEY'RE 'sand 'll don't",
            "   \n  \n",
            "a  \n  b",
            "end with spaces   ",
            "é\n",
            "a\n\u{a0}b\né",
            "1234567 12 1",
            "HTTPServer URLs iPhone ABCdef aBC",
            "x\r\ny\r\n\r\nz",
        ] {
            if let Err(e) = same(text) {
                panic!("{e}");
            }
        }
    }
}
