//! The native runtime: tokio (current thread), stdio, `std::fs`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use tower_lsp_server::Server;

use crate::fs::NativeFs;
use crate::server::{Backend, BoxFuture, Options, Spawner};

/// Serves the protocol on stdin/stdout until `exit` or end of input. Returns
/// the process exit code: 0 after `shutdown` + `exit`, 1 otherwise (as the
/// specification asks), 2 if the runtime could not start.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("rolekit lsp: cannot start the runtime: {e}");
            return 2;
        }
    };
    let spawn: Spawner = Arc::new(|fut: BoxFuture| {
        tokio::spawn(fut);
    });
    let options = Options::new(Arc::new(NativeFs), spawn);
    let shutdown = options.shutdown_requested.clone();
    runtime.block_on(async move {
        let (service, socket) = Backend::service(options);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
    });
    // stdin is read on a blocking thread that may never return: do not wait for it.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
