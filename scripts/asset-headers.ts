/**
 * The Worker serves one static-assets directory, dist/: the widget's files at
 * its root (w.js, assets/) and the console under app/. Cloudflare reads a
 * single `_headers` file, at the root of that directory, so each part keeps
 * its own rules beside its code and every build writes the whole file from
 * all of them. Whichever build runs last, the file is complete; no build
 * removes another's files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The assets directory wrangler.toml serves. */
export const DIST = join(root, 'dist');

/** Each part's rules, in the order they are written. */
const PARTS = ['widget/public/_headers', 'console/_headers'];

/** Write `<distDir>/_headers` from every part's rules. */
export function writeAssetHeaders(distDir: string = DIST): void {
  mkdirSync(distDir, { recursive: true });
  const text = PARTS.map((part) => `# --- from ${part}\n${readFileSync(join(root, part), 'utf8').trimEnd()}\n`).join('\n');
  writeFileSync(join(distDir, '_headers'), text);
}
