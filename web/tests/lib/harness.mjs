// Shared by the browser tests and the bench: serves web/dist on 127.0.0.1
// and starts Debian's Chromium with playwright-core.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const dist = resolve(here, '../../dist');
export const root = resolve(here, '../../..');
export const artifacts = resolve(root, 'tests/artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

export async function serve() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` in web/');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dist, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

/** A fresh Chromium profile (Playwright passes it as --user-data-dir). */
export async function launch({ width = 1440, height = 900, colorScheme = 'light' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'rolekit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    colorScheme,
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The seed's body repeated until the text is at least `bytes` long: a role with thousands of problems. */
export function bigRole(bytes) {
  const seed = readFileSync(join(root, 'web/samples/platform-engineer.md'), 'utf8');
  const body = seed.slice(seed.indexOf('\n---', 4) + 4);
  let text = seed;
  while (text.length < bytes) text += body;
  return text;
}
