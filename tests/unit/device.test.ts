import { describe, expect, it } from 'vitest';
import { deviceOf } from '../../worker/device';

describe('deviceOf', () => {
  it('names the device class of common User-Agents', () => {
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36')).toBe('desktop');
    expect(deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148')).toBe('mobile');
    expect(deviceOf('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36')).toBe('mobile');
    expect(deviceOf('Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 Chrome/131.0 Safari/537.36')).toBe('tablet');
    expect(deviceOf('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15')).toBe('tablet');
    expect(deviceOf('Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe('bot');
    expect(deviceOf('')).toBe('bot');
  });

  it('reads a crafted 64 KB header in linear time (the quadratic look-ahead is gone)', () => {
    const crafted = 'android'.repeat(9_000) + 'mobile';
    const started = performance.now();
    for (let i = 0; i < 20; i++) deviceOf(crafted);
    // Quadratic, this took about half a second per call; now only the first 512 characters are read.
    expect(performance.now() - started).toBeLessThan(200);
  });
});
