import { describe, expect, it } from 'vitest';
import { outcome, retryDelay } from '../../widget/ui/backoff';
import { css } from '../../widget/ui/styles';

describe('outcome of a post', () => {
  it('is done when stored, already stored (200 duplicate) or final (409)', () => {
    for (const status of [200, 201, 204, 409]) expect(outcome(status)).toBe('done');
  });

  it('retries what may pass later: no answer, timeouts, rate limits, server errors', () => {
    for (const status of [0, 408, 429, 500, 502, 503]) expect(outcome(status)).toBe('retry');
  });

  it('resends bare what was refused for an optional field (400) or its size (413)', () => {
    for (const status of [400, 413]) expect(outcome(status)).toBe('bare');
  });

  it('drops what the collector will always refuse, and what is too old', () => {
    for (const status of [401, 403, 404, 415, 422, -1]) expect(outcome(status)).toBe('drop');
  });
});

describe('retryDelay', () => {
  it('doubles from 2 s and stops at 10 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelay(9)).toBe(512_000);
    expect(retryDelay(10)).toBe(600_000);
    expect(retryDelay(50)).toBe(600_000);
  });
});

describe('css', () => {
  it('places the card as the config says', () => {
    expect(css('#123456', 'bottom-left')).toContain('bottom:16px;left:min(16px,2.5vw)');
    expect(css('#123456', 'top-right')).toContain('top:16px;right:min(16px,2.5vw)');
    expect(css('#123456', 'center')).toContain('translate:-50% -50%');
  });

  it('takes only hex colours from the config (nothing else can reach the stylesheet)', () => {
    expect(css('#abc', 'center')).toContain('4px solid #abc');
    expect(css('red;}*{display:none', 'center')).toContain('4px solid #1f6feb');
    expect(css('red;}*{display:none', 'center')).not.toContain('display:none');
  });
});
