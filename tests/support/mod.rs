//! What the CLI's end-to-end tests share: running the built `rolekit` in a
//! folder and reading what it printed, and copying fixture trees.
#![allow(dead_code)] // each test crate uses its own part

use std::fs;
use std::path::Path;
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_rolekit");

/// What one run printed, and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `rolekit ARGS` in `dir`, colours off; fails the test if it panicked.
pub fn rolekit(dir: &Path, args: &[&str]) -> Run {
    rolekit_env(dir, args, &[("NO_COLOR", "1")])
}

/// As [`rolekit`], with exactly `env` set among the colour variables.
pub fn rolekit_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run rolekit");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stderr.contains("panicked"), "rolekit panicked: {}", run.stderr);
    run
}

/// Standard output read as JSON.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

/// Copies the tree `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
            // A fixture may be read-only (the shared corpus); the copy is ours to edit.
            let mut perms = fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            fs::set_permissions(&target, perms).unwrap();
        }
    }
}
