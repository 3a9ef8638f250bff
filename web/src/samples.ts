// The bundled samples and the template of a new tab.
import seedText from '../samples/platform-engineer.md?raw';
import childText from '../samples/secops-engineer.md?raw';
import brokenText from '../samples/broken.md?raw';
import commandText from '../samples/valora/ship.md?raw';
import promptText from '../samples/valora/load-task.md?raw';
import type { SavedState } from './worker/protocol';

export const SAMPLES: Record<string, SavedState> = {
  seed: { docs: [['platform-engineer.md', seedText]], active: 'platform-engineer.md' },
  broken: { docs: [['broken.md', brokenText]], active: 'broken.md' },
  pair: { docs: [['platform-engineer.md', seedText], ['secops-engineer.md', childText]], active: 'secops-engineer.md' },
  // A valora project in three tabs: the tab names are the paths that make them a role, a command and a prompt.
  valora: {
    docs: [
      ['data/agents/platform-engineer.md', seedText],
      ['data/commands/ship.md', commandText],
      ['data/prompts/02_context/load-task.md', promptText],
    ],
    active: 'data/commands/ship.md',
  },
};

export const DEFAULT_STATE: SavedState = {
  docs: [['platform-engineer.md', seedText], ['secops-engineer.md', childText], ['broken.md', brokenText]],
  active: 'platform-engineer.md',
};

/** A new role that checks clean: valid required keys and the twelve sections. */
export function newRole(stem: string): string {
  const title = stem.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());
  // The twelve standard sections, in order (crates/rolekit-core/src/schema/sections.rs).
  const sections = [
    'Mission Statement',
    'Expertise Scope',
    'Responsibilities',
    'Capabilities',
    'Constraints',
    'Decision-Making Model',
    'Context and Information Requirements',
    'Operating Principles',
    'Tool Use Strategy',
    'Communication Pattern',
    'Output Format',
    'Related Templates',
  ];
  return [
    '---',
    `role: ${stem}`,
    'version: 1.0.0',
    `description: ${title}, an agent role (say what it does in a sentence)`,
    'specialization: What it specialises in',
    'tone: concise-technical',
    'expertise:',
    '  - an area of expertise',
    'responsibilities:',
    '  - a responsibility',
    'capabilities:',
    '  can_write_knowledge: true',
    '  can_write_code: false',
    '  can_review_code: false',
    '  can_run_tests: false',
    '---',
    '',
    `# ${title}`,
    '',
    ...sections.flatMap((s, i) => [`## ${i + 1}. ${s}`, '', 'To be written.', '']),
  ].join('\n');
}
