// The bundled samples and the template of a new tab.
import seedText from '../samples/platform-engineer.md?raw';
import childText from '../samples/secops-engineer.md?raw';
import brokenText from '../samples/broken.md?raw';
import commandText from '../samples/valora/ship.md?raw';
import promptText from '../samples/valora/load-task.md?raw';
import claudeAgentText from '../samples/dialects/claude-agent.md?raw';
import skillText from '../samples/dialects/skill.md?raw';
import cursorRuleText from '../samples/dialects/cursor-rule.mdc?raw';
import copilotAgentText from '../samples/dialects/copilot-agent.agent.md?raw';
import copilotPromptText from '../samples/dialects/copilot-prompt.prompt.md?raw';
import copilotInstructionsText from '../samples/dialects/copilot-instructions.instructions.md?raw';
import type { SavedState } from './worker/protocol';

/** One tab: its name is the path that makes the policy pick the format. */
const single = (name: string, text: string): SavedState => ({ docs: [[name, text]], active: name });

/** The agent-file formats rolekit knows by where they live: menu label, sample key, tab. */
export const DIALECT_SAMPLES: { label: string; key: string; state: SavedState }[] = [
  { label: 'Claude Code subagent', key: 'claude-agent', state: single('.claude/agents/reviewer.md', claudeAgentText) },
  { label: 'Agent Skill (SKILL.md)', key: 'skill', state: single('pdf-tools/SKILL.md', skillText) },
  { label: 'Cursor rule (.mdc)', key: 'cursor-rule', state: single('.cursor/rules/typescript.mdc', cursorRuleText) },
  { label: 'Copilot custom agent', key: 'copilot-agent', state: single('.github/agents/planner.agent.md', copilotAgentText) },
  { label: 'Copilot prompt file', key: 'copilot-prompt', state: single('.github/prompts/commit.prompt.md', copilotPromptText) },
  {
    label: 'Copilot instructions',
    key: 'copilot-instructions',
    state: single('.github/instructions/python.instructions.md', copilotInstructionsText),
  },
];

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
  ...Object.fromEntries(DIALECT_SAMPLES.map((d) => [d.key, d.state])),
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
