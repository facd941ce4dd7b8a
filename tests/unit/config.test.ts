import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_SECRETS, MIN_SECRET_LENGTH, secretProblem } from '../../worker/config';

const example = readFileSync(fileURLToPath(new URL('../../.dev.vars.example', import.meta.url).href), 'utf8');

describe('the secrets .dev.vars.example publishes', () => {
  it('are the values the Worker refuses outside development, every one of them', () => {
    const published = Object.fromEntries(
      example.split('\n').filter((line) => /^[A-Z_]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(published).toEqual(EXAMPLE_SECRETS);
  });

  it('are refused for any secret outside development, as short ones are; accepted in development', () => {
    const production = { ENVIRONMENT: 'production' } as Cloudflare.Env;
    for (const value of Object.values(EXAMPLE_SECRETS)) {
      expect(secretProblem(production, 'QUOTA_KEY', value)).toMatch(/^QUOTA_KEY (is a published example value|must be at least 32 characters)/);
      expect(secretProblem({ ENVIRONMENT: 'development' } as Cloudflare.Env, 'QUOTA_KEY', value)).toBeNull();
    }
    expect(secretProblem(production, 'ADMIN_TOKEN', 'x'.repeat(MIN_SECRET_LENGTH))).toBeNull();
  });
});
