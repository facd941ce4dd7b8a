/**
 * The README's budget: it fits a screen or two (what the product is, how to
 * run it, where to read on), at most 10 KiB; the manual lives in docs/.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const README_BUDGET = 10 * 1024;

describe('README.md', () => {
  it(`stays within ${README_BUDGET} bytes`, () => {
    const size = statSync(fileURLToPath(new URL('../../README.md', import.meta.url))).size;
    console.log(`README.md: ${size} B (budget ${README_BUDGET})`);
    expect(size).toBeLessThanOrEqual(README_BUDGET);
  });
});
