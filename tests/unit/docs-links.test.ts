/**
 * The README and docs/ send readers to each other and to the contract's
 * sections instead of repeating them: every relative link must reach a file
 * that exists, and every `#section` a heading of that file (GitHub's anchors).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url).href));
const pages = ['README.md', 'widget/README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** GitHub's anchor of a heading: lower case, punctuation (§, backticks, braces, slashes) dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

/** Relative links of a page (code blocks left out), as [target file, anchor]. */
function linksOf(file: string): [string, string | undefined][] {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((href) => !/^[a-z]+:/.test(href))
    .map((href) => {
      const [path, anchor] = href.split('#');
      return [path ? relative(root, resolve(root, dirname(file), path)) : file, anchor];
    });
}

describe('links between the README and docs/', () => {
  it('writes anchors as GitHub does', () => {
    expect(anchorOf('§3 Public endpoints (the widget)')).toBe('3-public-endpoints-the-widget');
    expect(anchorOf('`GET /v1/sites/{site}/responses`')).toBe('get-v1sitessiteresponses');
  });

  for (const page of pages) {
    it(`${page}: every relative link reaches a file, and every anchor a heading`, () => {
      const broken = linksOf(page).filter(([target, anchor]) => !existsSync(join(root, target)) || (anchor !== undefined && !anchorsOf(target).has(anchor)));
      expect(broken).toEqual([]);
    });
  }
});
