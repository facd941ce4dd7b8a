/**
 * Builds the widget with Vite, in two passes:
 *  1. the UI chunk (Preact + components) as an ES module under a hashed name
 *     in assets/, plus the assets' _headers (public/_headers and the console's);
 *  2. the loader w.js as a classic script (IIFE), told the UI chunk's name.
 * Run `npm run build:widget` (into dist/, beside the console's dist/app/);
 * the budget test imports `buildWidget`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { DIST, writeAssetHeaders } from '../scripts/asset-headers.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface WidgetBuild {
  outDir: string;
  /** Paths relative to outDir. */
  loader: string;
  ui: string[];
}

/** Syntax for browsers that have constructed stylesheets too (Chrome 94, Firefox 101, Safari 16.4). */
const TARGET = 'es2022';

function common(outDir: string): InlineConfig {
  return {
    configFile: false,
    // Always a production build, also when run under vitest (NODE_ENV=test would add JSX debug info).
    mode: 'production',
    root: here,
    logLevel: 'warn',
    // Classic JSX: `h` is Preact's own createElement, no extra runtime in the chunk.
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
    build: { outDir, target: TARGET, modulePreload: false, reportCompressedSize: false },
  };
}

type Output = { output: { type: string; fileName: string; isEntry?: boolean }[] };

export async function buildWidget(outDir = DIST): Promise<WidgetBuild> {
  const base = common(outDir);
  // dist/ is shared with the console (dist/app/): remove only this build's own files.
  rmSync(join(outDir, 'assets'), { recursive: true, force: true });
  rmSync(join(outDir, 'w.js'), { force: true });
  const ui = (await build({
    ...base,
    publicDir: join(here, 'public'),
    build: {
      ...base.build,
      emptyOutDir: false,
      rolldownOptions: {
        input: join(here, 'ui/index.tsx'),
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: 'assets/ui-[hash].js', chunkFileNames: 'assets/[name]-[hash].js' },
      },
    },
  })) as Output;
  const chunks = ui.output.filter((file) => file.type == 'chunk');
  const entry = chunks.find((file) => file.isEntry);
  if (!entry) throw new Error('the UI build produced no entry chunk');

  await build({
    ...base,
    publicDir: false,
    // Relative to w.js, which resolves it against its own URL on the host page.
    define: { __CX_UI__: JSON.stringify(entry.fileName) },
    build: {
      ...base.build,
      emptyOutDir: false,
      rolldownOptions: { input: join(here, 'loader/index.ts'), output: { format: 'iife', entryFileNames: 'w.js' } },
    },
  });
  writeAssetHeaders(outDir);
  return { outDir, loader: 'w.js', ui: chunks.map((file) => file.fileName) };
}

/** gzip -9 size of a file, the figure the budgets are set in. */
export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) == process.argv[1]) {
  const result = await buildWidget();
  const loader = gzipSize(join(result.outDir, result.loader));
  const ui = result.ui.reduce((sum, file) => sum + gzipSize(join(result.outDir, file)), 0);
  console.log(`widget built in ${result.outDir}: w.js ${loader} B, UI ${ui} B (gzip -9; budgets 1536, and 9216 with a config)`);
}
