// Packages the .vsix with vsce (offline, no dependencies: the bundle has
// them). The README's relative links and images are rewritten against the
// extension's folder in the repository (package.json `repository.directory`),
// which vsce does not do on its own: it would point them at the repository
// root. Extra arguments go to `vsce package` (e.g. --out FILE).
//
//   node scripts/package.mjs [--out rolekit-X.Y.Z.vsix]

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { packageBaseUrls } from './repository.mjs';

const EXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const base = packageBaseUrls(pkg);
const vsce = path.join(EXT, 'node_modules', '.bin', 'vsce');
const args = ['package', '--no-dependencies', '--no-update-package-json', '--baseContentUrl', base.content, '--baseImagesUrl', base.images, ...process.argv.slice(2)];
const run = spawnSync(vsce, args, { cwd: EXT, stdio: 'inherit' });
process.exit(run.status ?? 1);
