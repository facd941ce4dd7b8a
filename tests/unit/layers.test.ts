/**
 * The repository's one-way layers, read from the import statements of every
 * source file (types and lazy `import()` included: they are dependencies too):
 *
 * - the Worker stacks as routes → (scores | http | lookups | webhooks |
 *   links) → db → shared, with SQL only in db/;
 * - the console stacks as views → components → (state | forms) → (api |
 *   i18n) → shared: a lower room is given what it needs by its caller
 *   (api/ gets its token and sign-out from configureClient), never reaches up;
 * - shared/ knows no program; the widget knows nothing of the Worker or the
 *   console; the Worker nothing of the widget or the console; the console
 *   takes from the widget only its preview;
 * - and no module of the product imports itself round a circle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url).href));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Repository-relative targets of a file's relative imports, without their extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => relative(root, resolve(root, dirname(file), m[1]!)));
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

function violations(files: string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(forbidden).map((target) => `${file} → ${target}`));
}

const worker = sources('worker');

describe('the Worker points down', () => {
  it('nothing but the entry points (index.ts, app.ts) and routes import routes/', () => {
    const outside = worker.filter((f) => !under(f, 'worker/routes') && !['worker/index.ts', 'worker/app.ts'].includes(f));
    expect(violations(outside, (t) => under(t, 'worker/routes'))).toEqual([]);
  });

  it('db/ imports only shared/ and db/', () => {
    const db = worker.filter((f) => under(f, 'worker/db'));
    expect(db.length).toBeGreaterThan(5);
    expect(violations(db, (t) => !under(t, 'worker/db') && !under(t, 'shared'))).toEqual([]);
  });

  it('scores/ is pure: it reads no database and knows no HTTP', () => {
    const scores = worker.filter((f) => under(f, 'worker/scores'));
    // db/rollups.ts and db/link-mints.ts are imported for their row types only; the route does the reads.
    const typesOnly = ['worker/db/rollups', 'worker/db/link-mints'];
    const forbidden = (t: string) => under(t, 'worker/http') || under(t, 'worker/lookups') || (under(t, 'worker/db') && !typesOnly.includes(t));
    expect(violations(scores, forbidden)).toEqual([]);
    for (const file of scores) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/\bD1Database\b|\bApiError\b/);
  });

  it('themes/ is pure: it reads no database and knows no HTTP', () => {
    const themes = worker.filter((f) => under(f, 'worker/themes'));
    expect(themes.length).toBeGreaterThan(0);
    expect(violations(themes, (t) => under(t, 'worker/db') || under(t, 'worker/http') || t === 'worker/lookups')).toEqual([]);
    for (const file of themes) expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/\bD1Database\b|\bApiError\b/);
  });

  it('http/ middleware is given its lookups: it imports neither db/ nor lookups', () => {
    const http = worker.filter((f) => under(f, 'worker/http'));
    expect(violations(http, (t) => under(t, 'worker/db') || t === 'worker/lookups')).toEqual([]);
  });

  it('only db/ writes SQL', () => {
    const outside = worker.filter((f) => !under(f, 'worker/db'));
    const calling = outside.filter((f) => /\.prepare\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(calling).toEqual([]);
  });

  it('the entry module exports its handlers only (workerd takes every named export for an entrypoint)', () => {
    const entry = readFileSync(join(root, 'worker/index.ts'), 'utf8');
    expect(entry.match(/^export (?!default)/gm) ?? []).toEqual([]);
  });
});

describe('the programs around shared/', () => {
  it('shared/ imports no program', () => {
    expect(violations(sources('shared'), (t) => !under(t, 'shared'))).toEqual([]);
  });

  it('the widget imports neither the Worker nor the console', () => {
    expect(violations(sources('widget'), (t) => under(t, 'worker') || under(t, 'console'))).toEqual([]);
  });

  it('the Worker imports neither the widget nor the console (what its pages share with the widget is in shared/)', () => {
    expect(violations(worker, (t) => under(t, 'widget') || under(t, 'console'))).toEqual([]);
  });

  it('the console imports nothing of the Worker, and of the widget only the preview its survey editor shows', () => {
    expect(violations(sources('console'), (t) => under(t, 'worker') || (under(t, 'widget') && t !== 'widget/ui/preview'))).toEqual([]);
  });
});

/**
 * The console's rooms, lowest first. A room may import its own files, every
 * room below it and shared/; `build.ts` (the build) and `main.tsx` (the
 * entry point) stand outside them.
 */
const CONSOLE_ROOMS: { room: string; may: string[] }[] = [
  { room: 'console/api', may: [] },
  { room: 'console/i18n', may: [] },
  { room: 'console/forms', may: [] },
  { room: 'console/state', may: ['console/api', 'console/i18n'] },
  { room: 'console/components', may: ['console/state', 'console/forms', 'console/api', 'console/i18n'] },
  { room: 'console/views', may: ['console/components', 'console/state', 'console/forms', 'console/api', 'console/i18n', 'widget/ui/preview'] },
];

describe('the console points down: views → components → state | forms → api | i18n → shared', () => {
  const files = sources('console');

  it('every source file of the console is in a room, or is the entry point or the build', () => {
    const roomless = files.filter((f) => !CONSOLE_ROOMS.some(({ room }) => under(f, room)));
    expect(roomless.sort()).toEqual(['console/build.ts', 'console/main.tsx']);
  });

  for (const { room, may } of CONSOLE_ROOMS) {
    it(`${room}/ imports only ${[...may, 'shared'].join(', ')}`, () => {
      const inRoom = files.filter((f) => under(f, room));
      expect(inRoom.length).toBeGreaterThan(0);
      const allowed = (t: string) => under(t, room) || under(t, 'shared') || may.some((m) => under(t, m));
      expect(violations(inRoom, (t) => !allowed(t))).toEqual([]);
    });
  }
});

/** The file an import names: `x` is `x.ts`, `x.tsx` or `x/index.ts(x)`. */
function fileOf(target: string): string | null {
  const found = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`].find(
    (path) => /\.tsx?$/.test(path) && existsSync(join(root, path)),
  );
  return found ?? null;
}

/** Every circle of imports among `files`, each as the files round it (the first repeated at the end). */
function circles(files: string[], edgesOf: (file: string) => string[]): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edgesOf(file)) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('no import circles', () => {
  const product = ['shared', 'widget', 'worker', 'console'].flatMap(sources);
  const edges = (file: string) => importsOf(file).flatMap((t) => fileOf(t) ?? []);

  it('in shared/, the widget, the Worker or the console', () => {
    expect(product.length).toBeGreaterThan(100);
    expect(circles(product, edges)).toEqual([]);
  });

  it('the search finds a circle when there is one (a → b → c → a)', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c', 'd'], c: ['a'], d: [] };
    expect(circles(Object.keys(graph), (f) => graph[f]!)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
