/**
 * The repository's one-way layers, read from the import statements of every
 * source file: the Worker stacks as routes → (scores | http | lookups |
 * webhooks | links) → db → shared, with SQL only in db/; shared/ knows no
 * program; the widget knows nothing of the Worker or the console.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

/** Repository-relative targets of a file's relative imports (types included: they are dependencies too). */
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

  it('the Worker takes from the widget only the strings and locale rules its pages share with it', () => {
    const allowed = new Set(['widget/ui/strings', 'widget/ui/locale']);
    expect(violations(worker, (t) => under(t, 'widget') && !allowed.has(t))).toEqual([]);
  });
});
