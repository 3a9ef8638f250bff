// LSP snippet syntax (what rolekit's completion items use) to CodeMirror's
// snippet templates. LSP: `$1`, `${1}`, `${1:default}` (nested), `${1|a,b|}`
// (a choice), `$0` (the final cursor), `$NAME`/`${NAME:default}` (variables),
// `\$ \} \\` escapes. CodeMirror: `${1:default}`, `${0}` for the end, and
// literal braces escaped as `\{` `\}`; a placeholder cannot hold braces.

export function lspToCodeMirror(lsp: string): string {
  let out = '';
  let i = 0;
  const literal = (c: string) => (c === '{' || c === '}' ? `\\${c}` : c);

  /** Reads up to the `}` closing a placeholder opened before `i`, as plain text (nested tab stops flattened). */
  const placeholderText = (): string => {
    let text = '';
    while (i < lsp.length) {
      const c = lsp[i] ?? '';
      if (c === '\\' && i + 1 < lsp.length && '$}\\'.includes(lsp[i + 1] ?? '')) {
        text += lsp[i + 1];
        i += 2;
      } else if (c === '}') {
        i++;
        return text;
      } else if (c === '$') {
        text += stop(true);
      } else {
        text += c;
        i++;
      }
    }
    return text;
  };

  /** Reads a `$...` construct at `i`; in a placeholder (`flat`) returns its default text. */
  const stop = (flat: boolean): string => {
    const rest = lsp.slice(i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      i += m[0].length;
      return flat ? '' : `\${${m[1]}}`;
    }
    m = /^\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/.exec(rest);
    if (m) {
      i += m[0].length;
      const first = (m[2] ?? '').split(/(?<!\\),/)[0]?.replace(/\\(.)/g, '$1') ?? '';
      return flat ? first : `\${${m[1]}:${first.replace(/[{}]/g, '')}}`;
    }
    m = /^\$\{(\d+)(:?)/.exec(rest);
    if (m) {
      i += m[0].length;
      const text = m[2] ? placeholderText() : (i++, '');
      return flat ? text : `\${${m[1]}:${text.replace(/[{}]/g, '')}}`;
    }
    m = /^\$\{[A-Za-z_]\w*(:?)/.exec(rest);
    if (m) {
      i += m[0].length;
      const text = m[1] ? placeholderText() : (i++, '');
      return flat ? text : [...text].map(literal).join('');
    }
    m = /^\$[A-Za-z_]\w*/.exec(rest);
    if (m) {
      i += m[0].length;
      return '';
    }
    i++;
    return flat ? '$' : '$';
  };

  while (i < lsp.length) {
    const c = lsp[i] ?? '';
    if (c === '\\' && i + 1 < lsp.length && '$}\\'.includes(lsp[i + 1] ?? '')) {
      out += literal(lsp[i + 1] ?? '');
      i += 2;
    } else if (c === '$') {
      out += stop(false);
    } else {
      out += literal(c);
      i++;
    }
  }
  return out;
}
