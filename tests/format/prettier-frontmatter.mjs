// Does Prettier leave the frontmatter of `rolekit fmt` output alone?
//
//   node tests/format/prettier-frontmatter.mjs FILE...
//
// For each file (already formatted by `rolekit fmt`), formats the whole file
// with Prettier's Markdown parser (the way `prettier --write` would, with its
// default options and any .prettierrc beside the file ignored) and compares
// the frontmatter before and after. Prints each file whose frontmatter
// Prettier would change, with the first differing line, and a summary;
// exits 1 when there is any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../scripts/tools/package.json"));
const loaded = await import(pathToFileURL(require.resolve("prettier")).href);
const prettier = loaded.default ?? loaded;

function frontmatter(text) {
  const body = text.replace(/^\uFEFF/, "");
  const lines = body.split(/\r\n|\n|\r/);
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return null;
  const end = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l));
  return end < 0 ? null : lines.slice(1, end);
}

const files = process.argv.slice(2);
let differ = 0;
let compared = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const before = frontmatter(text);
  if (before === null) continue;
  let formatted;
  try {
    formatted = await prettier.format(text, { parser: "markdown", filepath: file });
  } catch (e) {
    console.log(`${file}: prettier failed: ${e.message.split("\n")[0]}`);
    differ++;
    continue;
  }
  compared++;
  const after = frontmatter(formatted) ?? [];
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] !== after[i]) {
      differ++;
      console.log(`${file}:${i + 2}: rolekit ${JSON.stringify(before[i])} / prettier ${JSON.stringify(after[i])}`);
      break;
    }
  }
}
console.log(`prettier ${prettier.version}: ${compared} frontmatters compared, ${differ} changed by prettier`);
process.exit(differ ? 1 : 0);
