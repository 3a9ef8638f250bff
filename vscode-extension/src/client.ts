// The language client, quiet about intended stops. When rolekit stops or
// restarts the server, the server ends the session after `exit` and closes
// its output while the client is still completing the stop; the stock client
// then logs "Connection to server got closed. Server will not be restarted."
// as an error. Here a close during a requested stop is the expected end of
// the session; any other close goes to the stock handling (and the restart
// policy). One mixin over either host's client (`vscode-languageclient/node`
// on the desktop, `/browser` in VS Code for the web).

import type { BaseLanguageClient } from 'vscode-languageclient';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientClass = abstract new (...args: any[]) => BaseLanguageClient;

export function quietStop<C extends ClientClass>(Base: C) {
  abstract class QuietStop extends Base {
    private stopRequested = false;

    override async stop(timeout?: number): Promise<void> {
      this.stopRequested = true;
      try {
        await super.stop(timeout);
      } finally {
        this.stopRequested = false;
      }
    }

    protected override async handleConnectionClosed(): Promise<void> {
      if (this.stopRequested) {
        this.debug('the server closed the connection after exit, as asked', undefined, false);
        return;
      }
      return super.handleConnectionClosed();
    }
  }
  return QuietStop;
}

/** The client every host creates (see `quietStop`). */
export type RolekitLanguageClient = BaseLanguageClient;
