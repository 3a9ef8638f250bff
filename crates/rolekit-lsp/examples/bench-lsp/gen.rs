//! Generated inputs: a large workspace, pathological documents, big files.
//! Section titles come from the core's table, never from a copy.

use std::path::Path;

use rolekit_core::schema::sections::SECTIONS;

/// The body of a role file: a title and the twelve standard sections.
fn body(title: &str, lines: usize) -> String {
    let mut out = format!("# {title}\n\n");
    for s in SECTIONS {
        out.push_str(&format!("## {}. {}\n\n", s.number, s.title));
        for i in 0..lines {
            out.push_str(&format!("- {} item {i}: keep it observable, reproducible and documented.\n", s.title));
        }
        out.push('\n');
    }
    out
}

fn role(name: &str, inherits: Option<&str>, description: &str) -> String {
    let inherits = inherits.map(|p| format!("inherits: {p}\n")).unwrap_or_default();
    format!(
        "---\nrole: {name}\n{inherits}version: 1.0.0\ndescription: {description}\nspecialization: Generated role for the benchmark\ntone: concise-technical\nexpertise:\n  - Benchmarks\n  - Workspaces\nresponsibilities:\n  - Stay fast\ncapabilities:\n  can_write_code: true\n  can_write_knowledge: true\n---\n\n{}",
        body(name, 2)
    )
}

/// What [`workspace`] wrote.
pub struct Workspace {
    pub roles: usize,
    pub notes: usize,
    /// The file the benchmark opens and its text.
    pub opened: std::path::PathBuf,
    pub opened_text: String,
    /// How many role files inherit each folder's base role.
    pub inheritors_per_base: usize,
}

/// `folders` folders of `per_folder` role files each (a base role, a
/// template and roles inheriting the base), and `notes` plain Markdown notes
/// (a fifth with a non-role frontmatter). Written once; reused when present.
pub fn workspace(dir: &Path, folders: usize, per_folder: usize, notes: usize) -> std::io::Result<Workspace> {
    let done = dir.join(".generated");
    let opened_folder = folders / 2;
    let base_name = |f: usize| format!("base-{f:03}");
    let role_name = |f: usize, i: usize| format!("role-{f:03}-{i:03}");
    let opened = dir.join(format!("roles/team-{opened_folder:03}/{}.md", role_name(opened_folder, per_folder / 2)));
    let inheritors_per_base = per_folder - 2;
    if !done.exists() {
        for f in 0..folders {
            let folder = dir.join(format!("roles/team-{f:03}"));
            std::fs::create_dir_all(&folder)?;
            std::fs::write(
                folder.join(format!("{}.md", base_name(f))),
                role(&base_name(f), None, "Base role of its team"),
            )?;
            std::fs::write(folder.join("_template.md"), role("TEMPLATE", None, "A template: placeholder values"))?;
            for i in 0..inheritors_per_base {
                let name = role_name(f, i);
                let text = role(&name, Some(&base_name(f)), &format!("Role {i} of team {f}"));
                std::fs::write(folder.join(format!("{name}.md")), text)?;
            }
        }
        for n in 0..notes {
            let folder = dir.join(format!("notes/{:03}", n / 100));
            std::fs::create_dir_all(&folder)?;
            let head = if n % 5 == 0 { format!("---\ntitle: Note {n}\ntags: [notes]\n---\n\n") } else { String::new() };
            let mut text = format!("{head}# Note {n}\n\n");
            for p in 0..20 {
                text.push_str(&format!("Paragraph {p} of note {n}: plain Markdown that is not a role file.\n\n"));
            }
            std::fs::write(folder.join(format!("note-{n:05}.md")), text)?;
        }
        std::fs::write(&done, "")?;
    }
    let opened_text = std::fs::read_to_string(&opened)?;
    Ok(Workspace { roles: folders * per_folder, notes, opened, opened_text, inheritors_per_base })
}

/// A frontmatter that is one flow mapping of `keys` unknown keys (~28 bytes each).
pub fn flow_keys(keys: usize) -> String {
    let mut out = String::with_capacity(keys * 30 + 64);
    out.push_str("---\n{role: flow-keys, version: 1.0.0");
    for i in 0..keys {
        out.push_str(&format!(", unknown_key_{i:06}: value{i}"));
    }
    out.push_str("}\n---\n\n# Flow keys\n");
    out
}

/// Block mappings nested `depth` deep, one space of indentation per level.
pub fn deep_nesting(depth: usize) -> String {
    let mut out = String::with_capacity(depth * depth / 2 + depth * 4 + 64);
    out.push_str("---\nrole: deep-nesting\nnested:\n");
    for i in 1..depth {
        out.push_str(&" ".repeat(i));
        out.push_str(if i + 1 == depth { "k: leaf\n" } else { "k:\n" });
    }
    out.push_str("---\n\n# Deep nesting\n");
    out
}

/// The seed's frontmatter and its body repeated up to `size` bytes.
pub fn big(seed: &str, size: usize) -> String {
    let split = seed.find("\n---\n").map_or(0, |i| i + 5);
    let (front, body) = seed.split_at(split);
    let mut out = String::with_capacity(size + body.len());
    out.push_str(front);
    while out.len() < size {
        out.push_str(body);
    }
    out
}

/// The seed's frontmatter and the twelve standard sections, each long, up to `size` bytes.
pub fn long_sections(seed: &str, size: usize) -> String {
    let split = seed.find("\n---\n").map_or(0, |i| i + 5);
    let mut out = format!("{}\n# Senior Platform Engineer\n\n", &seed[..split]);
    for (i, s) in SECTIONS.iter().enumerate() {
        out.push_str(&format!("## {}. {}\n\n", s.number, s.title));
        let mut k = 0;
        while out.len() < (i + 1) * size / SECTIONS.len() {
            out.push_str(&format!(
                "- Item {i}.{k}: keep the platform observable, reproducible and secure; document every decision.\n"
            ));
            k += 1;
        }
        out.push('\n');
    }
    out
}
