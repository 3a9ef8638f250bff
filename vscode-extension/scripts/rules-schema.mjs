// The `rolekit.rules` setting's schema, generated from the rule table (the
// Rust registry in crates/rolekit-core/src/rules/catalog.rs, read through
// `rolekit rules --format json`): one property per rule id with the level
// enum, and no other property, so a misspelt rule id or level is flagged in
// settings.json. This script owns `properties` and `additionalProperties` of
// `rolekit.rules` in package.json; the rest of the setting is hand-written.
//
//   node scripts/rules-schema.mjs           # prints whether package.json is current (exit 1 if not)
//   node scripts/rules-schema.mjs --write   # rewrites package.json
//
// The rule table comes from $ROLEKIT_BIN, else target/debug/rolekit, else
// `cargo run -p rolekit-cli`. tests/settings-schema.test.mjs fails on drift.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { repositoryUrl } from './repository.mjs';

const EXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(EXT, '..');
export const PACKAGE_JSON = path.join(EXT, 'package.json');
export const SETTING = 'rolekit.rules';

/** The levels a rule can be set to (the server's RuleLevel: `off` or a severity). */
export const LEVELS = ['off', 'error', 'warning', 'info', 'hint'];

/** The rule table as `rolekit rules --format json` prints it. */
export function readRules() {
  const candidates = [process.env.ROLEKIT_BIN, path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug', 'rolekit')];
  const bin = candidates.find((p) => p && fs.existsSync(p));
  const json = bin
    ? execFileSync(bin, ['rules', '--format', 'json'], { encoding: 'utf8' })
    : execFileSync('cargo', ['run', '--quiet', '-p', 'rolekit-cli', '--', 'rules', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(json);
}

/** The generated part of the `rolekit.rules` schema. */
export function rulesSchema(rules, repository) {
  const properties = {};
  for (const rule of rules) {
    properties[rule.id] = {
      type: 'string',
      enum: LEVELS,
      markdownDescription: `${rule.summary} Default: \`${rule.severity}\`. [Documentation](${repository}/blob/HEAD/docs/rules.md#${rule.id})`,
    };
  }
  return { properties, additionalProperties: false };
}

/** package.json's text with the generated schema in place. */
export function withRulesSchema(text, rules) {
  const pkg = JSON.parse(text);
  const setting = pkg.contributes.configuration.properties[SETTING];
  Object.assign(setting, rulesSchema(rules, repositoryUrl(pkg)));
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = fs.readFileSync(PACKAGE_JSON, 'utf8');
  const updated = withRulesSchema(text, readRules());
  if (process.argv.includes('--write')) {
    if (updated !== text) fs.writeFileSync(PACKAGE_JSON, updated);
    console.log(updated === text ? 'package.json: rolekit.rules is current' : 'package.json: rolekit.rules updated');
  } else if (updated !== text) {
    console.error('package.json: rolekit.rules differs from the rule table; run node scripts/rules-schema.mjs --write');
    process.exit(1);
  } else {
    console.log('package.json: rolekit.rules is current');
  }
}
