// Expands a VS Code snippet body the way VS Code inserts it untouched: each
// placeholder and choice takes its default, variables their value (with
// regex transforms), `$0` and other bare tab stops nothing. Covers the
// snippet grammar (https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar)
// that the extension's snippets and the server's completions use; anything
// else throws, so a test never checks a misread skeleton.

export function expandSnippet(body, variables = {}) {
  const p = { s: body, i: 0, variables, defaults: new Map() };
  const out = any(p, '');
  if (p.i !== p.s.length) throw new Error(`snippet: unexpected ${p.s[p.i]} at ${p.i}`);
  return out;
}

/** Text and elements up to (not including) an unescaped character of `stop`. */
function any(p, stop) {
  let out = '';
  while (p.i < p.s.length && !stop.includes(p.s[p.i])) {
    const c = p.s[p.i];
    if (c === '\\' && '$}\\'.includes(p.s[p.i + 1] ?? '')) {
      out += p.s[p.i + 1];
      p.i += 2;
    } else if (c === '$') {
      out += element(p);
    } else {
      out += c;
      p.i++;
    }
  }
  return out;
}

function element(p) {
  p.i++; // $
  const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(p.s.slice(p.i));
  if (simple) {
    p.i += simple[0].length;
    return /^\d/.test(simple[0]) ? tabstop(p, simple[0]) : variable(p, simple[0]);
  }
  if (p.s[p.i] !== '{') return '$';
  p.i++;
  const name = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(p.s.slice(p.i));
  if (!name) throw new Error(`snippet: bad element at ${p.i}`);
  p.i += name[0].length;
  const id = name[0];
  const next = p.s[p.i];
  let value;
  if (next === '}') {
    value = /^\d/.test(id) ? tabstop(p, id) : variable(p, id);
  } else if (next === ':') {
    p.i++;
    const inner = any(p, '}');
    value = /^\d/.test(id) ? inner : id in p.variables ? p.variables[id] : inner;
    if (/^\d/.test(id) && !p.defaults.has(id)) p.defaults.set(id, inner);
  } else if (next === '|' && /^\d/.test(id)) {
    p.i++;
    const choices = [];
    let cur = '';
    while (p.s[p.i] !== '|') {
      if (p.i >= p.s.length) throw new Error('snippet: unterminated choice');
      if (p.s[p.i] === '\\' && ',|\\'.includes(p.s[p.i + 1])) {
        cur += p.s[p.i + 1];
        p.i += 2;
      } else if (p.s[p.i] === ',') {
        choices.push(cur);
        cur = '';
        p.i++;
      } else cur += p.s[p.i++];
    }
    choices.push(cur);
    p.i++; // |
    value = choices[0];
  } else if (next === '/' && !/^\d/.test(id)) {
    p.i++;
    const regex = until(p, '/');
    const format = formatText(p);
    const options = until(p, '}', false);
    value = transform(variable(p, id), new RegExp(regex, options), format);
    return value; // the closing } was consumed by `until`
  } else {
    throw new Error(`snippet: unsupported element \${${id}${next}`);
  }
  if (p.s[p.i] !== '}') throw new Error(`snippet: missing } at ${p.i}`);
  p.i++;
  return value;
}

function tabstop(p, n) {
  if (n === '0') return '';
  if (!p.defaults.has(n)) throw new Error(`snippet: tab stop $${n} before its placeholder`);
  return p.defaults.get(n);
}

function variable(p, name) {
  if (!(name in p.variables)) throw new Error(`snippet: no value for the variable ${name}`);
  return p.variables[name];
}

/** Raw text up to an unescaped `end` (consumed); `\/` unescapes when `end` is `/`. */
function until(p, end, unescape = true) {
  let out = '';
  while (p.s[p.i] !== end) {
    if (p.i >= p.s.length) throw new Error(`snippet: missing ${end}`);
    if (p.s[p.i] === '\\' && p.s[p.i + 1] === end && unescape) {
      out += end;
      p.i += 2;
    } else out += p.s[p.i++];
  }
  p.i++;
  return out;
}

/** A transform's format, up to its closing `/` (consumed); `${n:/downcase}` and the like may hold a `/`. */
function formatText(p) {
  const start = p.i;
  while (p.s[p.i] !== '/') {
    if (p.i >= p.s.length) throw new Error('snippet: unterminated transform');
    if (p.s[p.i] === '\\') p.i += 2;
    else if (p.s[p.i] === '$' && p.s[p.i + 1] === '{') p.i = p.s.indexOf('}', p.i) + 1 || p.s.length;
    else p.i++;
  }
  p.i++;
  return p.s.slice(start, p.i - 1);
}

/** A variable transform: every match (one without `g`) replaced by `format`. */
function transform(value, regex, format) {
  return value.replace(regex, (...args) => {
    const groups = args.slice(0, -2); // match, g1, g2, ... (then offset, string)
    return applyFormat(format, groups);
  });
}

function applyFormat(format, groups) {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '\\' && '$\\/'.includes(format[i + 1] ?? '')) {
      out += format[i + 1];
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const plain = /^\$(\d+)/.exec(format.slice(i)) ?? /^\$\{(\d+)\}/.exec(format.slice(i));
    if (plain) {
      out += groups[Number(plain[1])] ?? '';
      i += plain[0].length;
      continue;
    }
    const m = /^\$\{(\d+):(\/(upcase|downcase|capitalize)|\+([^}]*)|\?([^:}]*):([^}]*)|-?([^}]*))\}/.exec(format.slice(i));
    if (!m) throw new Error(`snippet: unsupported format ${format.slice(i)}`);
    const g = groups[Number(m[1])];
    if (m[3] === 'upcase') out += (g ?? '').toUpperCase();
    else if (m[3] === 'downcase') out += (g ?? '').toLowerCase();
    else if (m[3] === 'capitalize') out += g ? g[0].toUpperCase() + g.slice(1) : '';
    else if (m[4] !== undefined) out += g ? m[4] : '';
    else if (m[5] !== undefined) out += g ? m[5] : m[6];
    else out += g || m[7];
    i += m[0].length;
  }
  return out;
}
