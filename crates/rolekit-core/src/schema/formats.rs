//! The `format`s the validator asserts: RFC 3339 `date`, `time` and
//! `date-time`, as `jsonschema` checks them (leap seconds only at 23:59 UTC).

use super::compile::Format;

pub fn is_valid(format: Format, s: &str) -> bool {
    match format {
        Format::Date => date(s),
        Format::Time => time(s),
        Format::DateTime => match s.find(['T', 't']) {
            Some(t) => date(&s[..t]) && time(&s[t + 1..]),
            None => false,
        },
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..])) else {
        return false;
    };
    is_day(year, month, day)
}

/// Whether `day` of `month` exists in `year` (Gregorian: 29 February in leap
/// years only); for `date` formats here and TOML dates (`policy::toml`).
pub(crate) fn is_day(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let last = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=last).contains(&day)
}

fn time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (digits(&b[..2]), digits(&b[3..5]), digits(&b[6..8])) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let utc = |offset_minutes: i32| -> bool {
        if second != 60 {
            return true;
        }
        // A leap second is valid only at 23:59 UTC.
        let minutes = (hour as i32 * 60 + minute as i32 - offset_minutes).rem_euclid(24 * 60);
        minutes == 23 * 60 + 59
    };
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len() && utc(0),
        Some(&sign @ (b'+' | b'-')) => {
            let rest = &b[i + 1..];
            if rest.len() != 5 || rest[2] != b':' {
                return false;
            }
            let (Some(oh), Some(om)) = (digits(&rest[..2]), digits(&rest[3..])) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            let offset = (oh * 60 + om) as i32;
            utc(if sign == b'+' { offset } else { -offset })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert!(is_valid(Format::Date, "2025-11-06"));
        assert!(is_valid(Format::Date, "2024-02-29"));
        assert!(!is_valid(Format::Date, "2025-02-29"));
        assert!(!is_valid(Format::Date, "2025-13-01"));
        assert!(!is_valid(Format::Date, "2025-1-01"));
        assert!(is_valid(Format::DateTime, "2025-11-05T12:00:00Z"));
        assert!(is_valid(Format::DateTime, "2025-11-05t12:00:00.5+01:00"));
        assert!(!is_valid(Format::DateTime, "2025-11-06"));
        assert!(is_valid(Format::Time, "23:59:60Z"));
        assert!(!is_valid(Format::Time, "12:00:60Z"));
        assert!(is_valid(Format::Time, "00:59:60+01:00"));
        assert!(!is_valid(Format::Time, "12:00:00"));
    }
}
