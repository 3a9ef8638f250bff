// A small stand-in for the `vscode` module, enough for the extension's
// modules that the Node tests load on their own (dist/modules/*.js): output
// channels and status bar items that record what they show, the active
// editor, the log level and document selectors. `loadModule(name)` loads a
// bundled module with this stand-in as its `vscode`.

import Module from 'node:module';
import * as path from 'node:path';

import { EXT } from './lsp-session.mjs';

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };

function outputChannel(name, languageId) {
  return {
    name,
    languageId,
    lines: [],
    disposed: false,
    append(v) {
      if (this.disposed) throw new Error('Channel has been closed');
      this.lines.push(v);
    },
    appendLine(v) {
      if (this.disposed) throw new Error('Channel has been closed');
      this.lines.push(`${v}\n`);
    },
    replace(v) {
      this.lines = [v];
    },
    clear() {
      this.lines = [];
    },
    show() {},
    hide() {},
    dispose() {
      this.disposed = true;
    },
  };
}

function statusBarItem(id, alignment, priority) {
  return { id, alignment, priority, text: '', tooltip: '', visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() { this.visible = false; } };
}

/** A glob (`**`, `*`) as a regular expression over a whole path, as VS Code's document filters read `pattern`. */
function globRegExp(glob) {
  const re = glob
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^(?:.*/)?${re}$`);
}

/** A matcher for the selectors the extension uses (lists of `{ scheme, language }` or `{ scheme, pattern }` filters). */
function match(selector, document) {
  const filters = Array.isArray(selector) ? selector : [selector];
  let score = 0;
  for (const f of filters) {
    if (typeof f === 'string') score = Math.max(score, f === document.languageId ? 10 : 0);
    else if (
      (!f.language || f.language === document.languageId) &&
      (!f.scheme || f.scheme === document.uri.scheme) &&
      (!f.pattern || globRegExp(f.pattern).test(document.uri.path))
    )
      score = Math.max(score, 10);
  }
  return score;
}

export function createFakeVscode() {
  const activeEditorChanged = new EventEmitter();
  const documentOpened = new EventEmitter();
  const logLevelChanged = new EventEmitter();
  const configurationChanged = new EventEmitter();
  const settings = new Map();
  const fake = {
    LogLevel,
    EventEmitter,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ThemeColor: class ThemeColor {
      constructor(id) {
        this.id = id;
      }
    },
    channels: [],
    statusItems: [],
    settings,
    env: { logLevel: LogLevel.Info, onDidChangeLogLevel: logLevelChanged.event, remoteName: undefined },
    window: {
      activeTextEditor: undefined,
      onDidChangeActiveTextEditor: activeEditorChanged.event,
      createOutputChannel(name, languageId) {
        const c = outputChannel(name, languageId);
        fake.channels.push(c);
        return c;
      },
      createStatusBarItem(id, alignment, priority) {
        const item = statusBarItem(id, alignment, priority);
        fake.statusItems.push(item);
        return item;
      },
    },
    workspace: {
      onDidOpenTextDocument: documentOpened.event,
      onDidChangeConfiguration: configurationChanged.event,
      getConfiguration(section) {
        return { get: (key, fallback) => (settings.has(`${section}.${key}`) ? settings.get(`${section}.${key}`) : fallback) };
      },
    },
    languages: { match },
    /** Test controls. */
    setLogLevel(level) {
      fake.env.logLevel = level;
      logLevelChanged.fire(level);
    },
    openEditor(languageId, scheme = 'file', path = `/w/file.${languageId}`) {
      const document = { languageId, uri: { scheme, path } };
      fake.window.activeTextEditor = { document };
      activeEditorChanged.fire(fake.window.activeTextEditor);
      return document;
    },
    closeEditors() {
      fake.window.activeTextEditor = undefined;
      activeEditorChanged.fire(undefined);
    },
  };
  return fake;
}

/** Loads dist/modules/NAME.js (built by `npm run build`) with `fake` as its `vscode`. */
export function loadModule(name, fake) {
  const file = path.join(EXT, 'dist', 'modules', `${name}.js`);
  const require = Module.createRequire(file);
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return fake;
    return original.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve(file)];
    return require(file);
  } finally {
    Module._load = original;
  }
}
