// Files in and out: the Open button, dropping files on the page, Download.
import { $, $as } from './dom';
import { normaliseName } from './tabs';

export interface FileHooks {
  /** Open these files as tabs. */
  opened(files: { name: string; text: string }[]): void;
  /** The active tab's name and text (with its own line breaks). */
  current(): { name: string; text: string } | null;
  error(message: string): void;
}

const MAX = 16 * 1024 * 1024;

async function read(files: FileList | File[]): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  for (const f of [...files]) {
    if (f.size > MAX) throw new Error(`${f.name} is larger than 16 MB`);
    const bytes = new Uint8Array(await f.arrayBuffer());
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Error(`${f.name} is not UTF-8 text`);
    }
    out.push({ name: normaliseName(f.name) || 'dropped.md', text });
  }
  return out;
}

export function wireFiles(hooks: FileHooks) {
  const input = $as('file-input', HTMLInputElement);
  const load = (files: FileList | File[]) =>
    read(files).then(
      (docs) => docs.length && hooks.opened(docs),
      (e: unknown) => hooks.error(e instanceof Error ? e.message : String(e)),
    );
  $('open-file').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files?.length) void load(input.files);
    input.value = '';
  });
  document.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) document.body.classList.remove('dropping');
  });
  document.addEventListener('drop', (e) => {
    document.body.classList.remove('dropping');
    if (!e.dataTransfer?.files.length) return;
    // Before CodeMirror, which would insert the file's text at the drop point.
    e.preventDefault();
    e.stopPropagation();
    void load(e.dataTransfer.files);
  }, true);
  $('download').addEventListener('click', () => {
    const doc = hooks.current();
    if (!doc) return;
    const url = URL.createObjectURL(new Blob([doc.text], { type: 'text/markdown;charset=utf-8' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: doc.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
}
