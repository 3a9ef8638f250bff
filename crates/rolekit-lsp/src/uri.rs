//! URI helpers on plain strings: the server keys documents by URI text and
//! never needs a file path except in the native file system.

use rolekit_core::policy;

/// The folder of `uri`, with its trailing `/` (`""` when it has none, e.g. `untitled:1`).
pub fn folder(uri: &str) -> &str {
    let end = path_end(uri);
    match uri[..end].rfind('/') {
        Some(i) => &uri[..=i],
        None => "",
    }
}

/// Where the path ends: before a `?query` or `#fragment`.
fn path_end(uri: &str) -> usize {
    uri.find(['?', '#']).unwrap_or(uri.len())
}

/// The last path segment, percent-decoded.
pub fn file_name(uri: &str) -> String {
    let path = &uri[..path_end(uri)];
    let last = path.rsplit('/').next().unwrap_or(path);
    let last = last.rsplit(':').next().unwrap_or(last);
    decode(last)
}

/// The file name without its Markdown extension (`policy::file_stem`),
/// when the URI names a Markdown file.
pub fn file_stem(uri: &str) -> Option<String> {
    let name = file_name(uri);
    let stem = policy::file_stem(&name);
    (stem.len() < name.len() && !stem.is_empty()).then(|| stem.to_string())
}

/// The file holding the parent `name` of the document at `uri`
/// (`policy::parent_file_name` in the same folder); `None` without a folder
/// or for a name that is not a plain role name.
pub fn sibling(uri: &str, name: &str) -> Option<String> {
    let dir = folder(uri);
    if dir.is_empty() {
        return None;
    }
    Some(format!("{dir}{}", encode(&policy::parent_file_name(name)?)))
}

/// The path of `uri` below `root` (a folder URI), percent-decoded: what globs match.
pub fn relative(uri: &str, root: &str) -> Option<String> {
    let root = root.trim_end_matches('/');
    let rest = uri.strip_prefix(root)?.strip_prefix('/')?;
    Some(decode(&rest[..path_end(rest)]))
}

/// The decoded path part of a URI (`file:///a/b.md` → `/a/b.md`).
pub fn path(uri: &str) -> String {
    let after_scheme = uri.split_once(':').map_or(uri, |(_, r)| r);
    let after_authority = match after_scheme.strip_prefix("//") {
        Some(r) => r.find('/').map_or("", |i| &r[i..]),
        None => after_scheme,
    };
    decode(&after_authority[..path_end(after_authority)])
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes, leaving malformed escapes as they are.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_stems_and_siblings() {
        let u = "file:///w/roles/platform%20engineer.md";
        assert_eq!(folder(u), "file:///w/roles/");
        assert_eq!(file_stem(u).as_deref(), Some("platform engineer"));
        assert_eq!(sibling(u, "base").as_deref(), Some("file:///w/roles/base.md"));
        assert_eq!(sibling(u, "../x"), None);
        assert_eq!(relative(u, "file:///w/").as_deref(), Some("roles/platform engineer.md"));
        assert_eq!(relative(u, "file:///w").as_deref(), Some("roles/platform engineer.md"));
        assert_eq!(relative(u, "file:///x/"), None);
        assert_eq!(path(u), "/w/roles/platform engineer.md");
        assert_eq!(folder("untitled:Untitled-1"), "");
        assert_eq!(file_stem("untitled:Untitled-1"), None);
        assert_eq!(decode("%e2%9c%93%"), "✓%");
        assert_eq!(decode("100%"), "100%");
    }
}
