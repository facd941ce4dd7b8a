/**
 * Builds the console (the analysts' and site owners' app at /app/) with Vite
 * into dist/app/, beside the widget's files at the root of dist/, and writes
 * the assets' _headers (its strict CSP included). Run `npm run build:console`;
 * the budget test imports `buildConsole`.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { DIST, writeAssetHeaders } from '../scripts/asset-headers.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface ConsoleBuild {
  /** dist/app (or app/ under the given directory). */
  outDir: string;
  /** JS and CSS that /app/ loads at once, relative to outDir. */
  initial: string[];
  /** JS and CSS loaded later by import() (the trend chart), relative to outDir. */
  lazy: string[];
}

/**
 * The fa and ar tables ship as their strings alone, in en.ts's key order
 * (i18n/strings.ts puts the keys back when one loads): keys are about a third
 * of a table's compressed bytes (some 2.9 KB each). Keys en.ts does not hold
 * (the team's, whose English comes with their own chunk) follow as one keyed
 * object. The sources stay keyed tables, each held to en.ts's keys by the
 * typecheck; the strings are looked up by key here, so their order in a
 * source file does not matter.
 */
function stringsWithoutKeys(): Plugin {
  const table = /[\\/]i18n[\\/](fa|ar)\.ts$/;
  return {
    name: 'console-strings-without-keys',
    async load(id) {
      const language = table.exec(id)?.[1];
      if (!language) return null;
      const [{ en }, source] = await Promise.all([import(pathToFileURL(join(here, 'i18n/en.ts')).href), import(pathToFileURL(id).href)]);
      const written = source[language] as Record<string, string>;
      const strings = Object.keys(en).map((key) => written[key]);
      // The team's strings, which en.ts does not hold (their English comes with their views), stay keyed.
      const later = Object.fromEntries(Object.entries(written).filter(([key]) => !Object.hasOwn(en, key)));
      return `export const ${language} = ${JSON.stringify([...strings, later])};`;
    },
  };
}

/** What a chunk-naming function may read of the module graph. */
type ModuleGraph = { getModuleInfo: (id: string) => { importedIds: readonly string[] } | null };

/**
 * The modules the first screen loads (all that the page imports statically)
 * go into its one entry chunk. Left alone, Rolldown puts those that the lazy
 * views share into a chunk of their own, which the first screen loads anyway:
 * one request more, and about 1.4 KB more gzip for the two files' lists of
 * imports and exports and their two compression dictionaries.
 */
function firstScreenChunk(): (id: string, graph: ModuleGraph) => string | undefined {
  let first: Set<string> | undefined;
  return (id, { getModuleInfo }) => {
    if (!first) {
      first = new Set();
      const todo = [join(here, 'index.html')];
      for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
        if (first.has(next)) continue;
        first.add(next);
        todo.push(...(getModuleInfo(next)?.importedIds ?? []));
      }
    }
    return first.has(id) ? 'index' : undefined;
  };
}

/** Build into `<distDir>/app`, replacing only that folder. */
export async function buildConsole(distDir = DIST): Promise<ConsoleBuild> {
  const outDir = join(distDir, 'app');
  await build({
    configFile: false,
    // Always a production build, also when run under vitest.
    mode: 'production',
    root: here,
    base: '/app/',
    logLevel: 'warn',
    publicDir: false,
    plugins: [stringsWithoutKeys()],
    // Classic JSX with Preact's `h`, as the widget's components (the survey preview renders them) are written.
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // No inline polyfill script (the CSP allows none), and no data: URLs for small assets.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
      rolldownOptions: { output: { manualChunks: firstScreenChunk() } },
    },
  });
  // The webhook receiver example of docs/webhooks.md, which the webhooks view links to ("verify the signature").
  mkdirSync(join(outDir, 'examples'), { recursive: true });
  copyFileSync(join(here, '../examples/webhook-receiver.mjs'), join(outDir, 'examples/webhook-receiver.mjs'));
  writeAssetHeaders(distDir);
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const code = readdirSync(join(outDir, 'assets'))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => `assets/${name}`);
  const initial = code.filter((file) => html.includes(`/app/${file}`));
  return { outDir, initial, lazy: code.filter((file) => !initial.includes(file)) };
}

/** gzip -9 size of the given files, the figure the budget is set in. */
export function gzipTotal(dir: string, files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length, 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) == process.argv[1]) {
  const result = await buildConsole();
  const initial = gzipTotal(result.outDir, result.initial);
  const lazy = gzipTotal(result.outDir, result.lazy);
  console.log(`console built in ${result.outDir}: ${initial} B at load + ${lazy} B loaded later (JS + CSS, gzip -9)`);
}
