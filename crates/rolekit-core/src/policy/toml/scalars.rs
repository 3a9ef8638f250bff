//! Integers, floats and date-times: checked against the grammar of TOML
//! 1.0. Integers are converted (with overflow an error); floats and
//! date-times keep their text.

use super::Kind;

/// A number or date-time token as written (`-0x1` included: the caller
/// cut it where the grammar's characters end); `Err` with the message.
pub(super) fn number_or_datetime(token: &str) -> Result<Kind, String> {
    let b = token.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if (digits(0..4) && b.get(4) == Some(&b'-')) || (digits(0..2) && b.get(2) == Some(&b':')) {
        return if datetime(b) {
            Ok(Kind::Datetime(token.to_string()))
        } else {
            Err(format!("invalid date-time `{token}` (expected e.g. 1979-05-27T07:32:00Z, 1979-05-27 or 07:32:00)"))
        };
    }
    if let Some(n) = integer(token)? {
        return Ok(Kind::Integer(n));
    }
    if float(token) {
        return Ok(Kind::Float(token.to_string()));
    }
    Err(format!("invalid number `{token}`"))
}

/// Digits of `is_digit` separated by single underscores: `1_000`, not `_1`, `1_`, `1__0`.
fn digits_ok(s: &[u8], is_digit: fn(&u8) -> bool) -> bool {
    !s.is_empty()
        && s.first().is_some_and(is_digit)
        && s.last().is_some_and(is_digit)
        && s.iter().all(|b| is_digit(b) || *b == b'_')
        && !s.windows(2).any(|w| w == b"__")
}

/// `Ok(None)` when `token` is not written as an integer; `Err` when it is
/// one that does not fit in 64 bits.
fn integer(token: &str) -> Result<Option<i64>, String> {
    let b = token.as_bytes();
    let (negative, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let signed = body.len() != b.len();
    let (radix, digits): (u32, &[u8]) = match body {
        [b'0', b'x', rest @ ..] if !signed && digits_ok(rest, u8::is_ascii_hexdigit) => (16, rest),
        [b'0', b'o', rest @ ..] if !signed && digits_ok(rest, |d| (b'0'..=b'7').contains(d)) => (8, rest),
        [b'0', b'b', rest @ ..] if !signed && digits_ok(rest, |d| *d == b'0' || *d == b'1') => (2, rest),
        [b'0'] => (10, body),
        [b'1'..=b'9', ..] if digits_ok(body, u8::is_ascii_digit) => (10, body),
        _ => return Ok(None),
    };
    let mut n: i64 = 0;
    for &d in digits.iter().filter(|d| **d != b'_') {
        let v = i64::from((d as char).to_digit(radix).unwrap_or(0));
        // Negative numbers are built negative, to reach i64::MIN.
        let next =
            n.checked_mul(i64::from(radix)).and_then(|m| if negative { m.checked_sub(v) } else { m.checked_add(v) });
        match next {
            Some(next) => n = next,
            None => return Err(format!("integer `{token}` does not fit in 64 bits")),
        }
    }
    Ok(Some(n))
}

/// A float: `[+-]` then `inf`, `nan`, or a decimal integer with a
/// fraction, an exponent or both.
fn float(token: &str) -> bool {
    let b = token.as_bytes();
    let body = match b.first() {
        Some(b'-' | b'+') => &b[1..],
        _ => b,
    };
    if body == b"inf" || body == b"nan" {
        return true;
    }
    let (mantissa, exponent) = match body.iter().position(|&c| c == b'e' || c == b'E') {
        Some(e) => (&body[..e], Some(&body[e + 1..])),
        None => (body, None),
    };
    let (int, fraction) = match mantissa.iter().position(|&c| c == b'.') {
        Some(dot) => (&mantissa[..dot], Some(&mantissa[dot + 1..])),
        None => (mantissa, None),
    };
    let int_ok =
        int == b"0" || (int.first().is_some_and(|d| (b'1'..=b'9').contains(d)) && digits_ok(int, u8::is_ascii_digit));
    let fraction_ok = fraction.is_none_or(|f| digits_ok(f, u8::is_ascii_digit));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = match e.first() {
            Some(b'-' | b'+') => &e[1..],
            _ => e,
        };
        digits_ok(e, u8::is_ascii_digit)
    });
    int_ok && fraction_ok && exponent_ok && (fraction.is_some() || exponent.is_some())
}

/// An offset date-time, a local date-time, a local date or a local time.
fn datetime(b: &[u8]) -> bool {
    if b.get(2) == Some(&b':') {
        return time(b) == Some(b.len());
    }
    if !date(b) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return false;
    }
    let rest = &b[11..];
    let Some(end) = time(rest) else { return false };
    match &rest[end..] {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            two(*h1, *h2).is_some_and(|h| h <= 23) && two(*m1, *m2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

fn two(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

/// `YYYY-MM-DD`, a day that exists (29 February in leap years only).
fn date(b: &[u8]) -> bool {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, ..] = *b else { return false };
    let (Some(hi), Some(lo), Some(month), Some(day)) = (two(y1, y2), two(y3, y4), two(m1, m2), two(d1, d2)) else {
        return false;
    };
    crate::schema::formats::is_day(hi * 100 + lo, month, day)
}

/// `HH:MM:SS` with an optional fraction: the length it spans.
fn time(b: &[u8]) -> Option<usize> {
    let [h1, h2, b':', m1, m2, b':', s1, s2, ..] = *b else { return None };
    let ok = two(h1, h2)? <= 23 && two(m1, m2)? <= 59 && two(s1, s2)? <= 60;
    if !ok {
        return None;
    }
    if b.get(8) != Some(&b'.') {
        return Some(8);
    }
    let fraction = b[9..].iter().take_while(|d| d.is_ascii_digit()).count();
    (fraction > 0).then_some(9 + fraction)
}
