// Where the extension's sources live on GitHub, from package.json's
// `repository` (`url` and `directory`): the base of the links vsce writes into
// the packaged README and of the links the generated settings schema uses.

/** `https://github.com/owner/name` from package.json's `repository`. */
export function repositoryUrl(pkg) {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const match = /github\.com[/:]([^/]+\/[^/]+?)(\.git)?$/.exec(url ?? '');
  if (!match) throw new Error(`package.json: repository ${url} is not a GitHub repository`);
  return `https://github.com/${match[1]}`;
}

/** The extension's folder inside the repository (`repository.directory`), '' at the root. */
export function repositoryDirectory(pkg) {
  return (typeof pkg.repository === 'object' && pkg.repository.directory) || '';
}

/**
 * The bases vsce resolves the README's relative links against: files (blob)
 * and images (raw) in the extension's folder on the default branch.
 */
export function packageBaseUrls(pkg) {
  const repo = repositoryUrl(pkg);
  const dir = repositoryDirectory(pkg);
  const suffix = dir ? `/${dir}` : '';
  return { content: `${repo}/blob/HEAD${suffix}`, images: `${repo}/raw/HEAD${suffix}` };
}
