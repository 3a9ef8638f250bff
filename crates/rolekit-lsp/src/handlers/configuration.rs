//! Configuration changes: `rolekit.toml` read again, or new editor settings
//! (`workspace/didChangeConfiguration`, `workspace/configuration` answers).
//! Either replaces the workspace's policy and checks every open document
//! again. What the configuration means is [`crate::workspace::policy`]'s.

use std::sync::{Arc, Mutex, RwLock};

use crate::fs::FileSystem;
use crate::session::Session;
use rolekit_core::policy::Settings;

use crate::workspace::policy::Policy;
use crate::workspace::{lock, Effects, Workspace};

/// Reads `rolekit.toml` again (outside the lock) and applies it.
pub fn reload(workspace: &Mutex<Workspace>, fs: &dyn FileSystem, settings: &Settings) -> Effects {
    let roots = lock(workspace).policy.roots.clone();
    let (policy, errors) = Policy::load(fs, roots, settings);
    let mut fx = lock(workspace).set_policy(policy);
    fx.log.extend(errors);
    fx.config_read = true;
    fx
}

/// Applies the editor's settings; `None` when they are the ones in force
/// (clients resend them unchanged at startup: nothing to check again then).
pub fn apply_settings(
    session: &RwLock<Arc<Session>>,
    workspace: &Mutex<Workspace>,
    settings: Settings,
) -> Option<Effects> {
    {
        let mut s = session.write().unwrap_or_else(|e| e.into_inner());
        if s.settings == settings {
            return None;
        }
        let mut next = Session::clone(&s);
        next.settings = settings.clone();
        *s = Arc::new(next);
    }
    let mut w = lock(workspace);
    let policy = w.policy.with_settings(&settings);
    Some(w.set_policy(policy))
}
