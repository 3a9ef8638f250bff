// The documents rolekit serves: every Markdown file on disk or untitled (the
// server decides which are role files). The language client and the status
// bar item share it (a plain filter list fits both the client's and VS
// Code's selector types).

export const ROLE_DOCUMENTS: { scheme: string; language: string }[] = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];
