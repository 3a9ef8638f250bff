//! Did-you-mean: a candidate is suggested only when it is a likely typo of
//! what was written, never merely the most similar word (`security_control_disablement`
//! is not a misspelt `security_changes`: offering it would change the meaning).
//!
//! "Likely typo" is an edit distance (insertions, deletions, substitutions
//! and swaps of two neighbours, case-insensitive) small for the word's
//! length: 1 edit up to 5 characters, 2 up to 11, 3 beyond. Words of one or
//! two characters get no suggestion.

/// The most edits a word of `len` characters may be from a suggestion.
pub fn limit(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        6..=11 => 2,
        _ => 3,
    }
}

/// Whether `candidate` is a likely typo of `input`'s meaning (see the module docs).
pub fn is_close(input: &str, candidate: &str) -> bool {
    let a: Vec<char> = input.chars().map(crate::case::lower).collect();
    let b: Vec<char> = candidate.chars().map(crate::case::lower).collect();
    a != b && distance_within(&a, &b, limit(a.len())).is_some()
}

/// The candidate closest to `input`, if it is close enough to be a typo of
/// it; the first of equally close ones.
pub fn closest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let a: Vec<char> = input.chars().map(crate::case::lower).collect();
    let max = limit(a.len());
    if max == 0 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    let mut b: Vec<char> = Vec::new();
    for c in candidates {
        b.clear();
        b.extend(c.chars().map(crate::case::lower));
        if a == b {
            continue;
        }
        let bound = best.map_or(max, |(d, _)| d.saturating_sub(1));
        if let Some(d) = distance_within(&a, &b, bound) {
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The optimal-string-alignment distance between `a` and `b` when it is at
/// most `max`, else `None`; O(len · max) with a band around the diagonal.
pub fn distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if n == 0 || m == 0 {
        let d = n.max(m);
        return (d <= max).then_some(d);
    }
    let big = max + 1;
    // Three rows of the dynamic programme (for swaps), cells outside the band are `big`.
    let mut prev2 = vec![big; m + 1];
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(big)).collect();
    let mut row = vec![big; m + 1];
    for i in 1..=n {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        row.fill(big);
        row[0] = i.min(big);
        let mut row_min = row[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j - 1] + cost).min(prev[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d.min(big);
            row_min = row_min.min(row[j]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[m];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance_within(&a, &b, max)
    }

    #[test]
    fn distances() {
        assert_eq!(d("tonee", "tone", 3), Some(1));
        assert_eq!(d("invalid-lenght", "invalid-length", 3), Some(1));
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("", "abc", 3), Some(3));
        assert_eq!(d("abc", "abc", 0), Some(0));
        assert_eq!(d("ca", "abc", 3), Some(3));
    }

    #[test]
    fn only_likely_typos_are_suggested() {
        assert_eq!(closest("tonee", ["tone", "role"].into_iter()), Some("tone"));
        assert_eq!(closest("zzz", ["tone", "role"].into_iter()), None);
        assert_eq!(
            closest("concise-technicl", ["assertive", "concise-technical"].into_iter()),
            Some("concise-technical")
        );
        assert_eq!(closest("condition", ["conditional", "required"].into_iter()), Some("conditional"));
        assert_eq!(closest("platform-enginer", ["platform-engineer", "qa"].into_iter()), Some("platform-engineer"));
        let approvals = [
            "delete_files",
            "database_migrations",
            "commit",
            "deployment",
            "infrastructure_changes",
            "security_changes",
        ];
        for meaning_changes in
            ["security_control_disablement", "policy_changes", "encryption_key_operations", "production_data_access"]
        {
            assert_eq!(closest(meaning_changes, approvals.into_iter()), None, "{meaning_changes}");
        }
        assert_eq!(closest("software-engineer", ["software-engineer-typescript"].into_iter()), None);
        assert_eq!(closest("Tone", ["tone"].into_iter()), None, "same word");
        assert!(is_close("Platform-Engineer", "platform-engineers"));
    }
}
