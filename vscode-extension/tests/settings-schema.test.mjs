// package.json's settings against the rule table: `rolekit.rules` lists
// exactly the rule ids of `rolekit rules --format json` (scripts/rules-schema.mjs
// generates it), so a misspelt id is flagged in settings.json; and no
// setting's description sends the user to a CLI the extension does not install.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';

import { LEVELS, PACKAGE_JSON, SETTING, readRules, withRulesSchema } from '../scripts/rules-schema.mjs';

const text = fs.readFileSync(PACKAGE_JSON, 'utf8');
const pkg = JSON.parse(text);
const settings = pkg.contributes.configuration.properties;

test('rolekit.rules in package.json is generated from the current rule table', () => {
  const rules = readRules();
  assert.ok(rules.length > 20, `only ${rules.length} rules read`);
  const ids = rules.map((r) => r.id);
  assert.deepEqual(Object.keys(settings[SETTING].properties), ids, 'rule ids differ: run node scripts/rules-schema.mjs --write');
  assert.equal(withRulesSchema(text, rules), text, 'rolekit.rules differs from the rule table: run node scripts/rules-schema.mjs --write');
});

test('rolekit.rules accepts only known rule ids, each with the level enum', () => {
  const schema = settings[SETTING];
  assert.equal(schema.type, 'object');
  assert.equal(schema.additionalProperties, false);
  for (const [id, property] of Object.entries(schema.properties)) {
    assert.deepEqual(property.enum, LEVELS, id);
    assert.match(property.markdownDescription, new RegExp(`docs/rules\\.md#${id}\\)$`));
  }
});

test('setting descriptions do not send users to a CLI the extension does not install', () => {
  for (const [key, schema] of Object.entries(settings)) {
    const description = schema.markdownDescription ?? schema.description ?? '';
    assert.doesNotMatch(description, /\brun `?rolekit\b|`rolekit (rules|explain|check)\b/i, `${key}: ${description}`);
  }
  assert.match(settings['rolekit.server.path'].markdownDescription, /does not install/);
});
