/**
 * The pure decoders of link tokens (what is inside, once authenticated):
 * whatever bytes they are given (damaged, truncated, extended, random), they
 * answer claims or null and never throw; and what is encoded decodes back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK_CHANNELS } from '../../shared/schemas/channel';
import { type LinkClaims, decodeClaims, encodeClaims } from '../../worker/links/claims';
import { decodeV1Payload } from '../../worker/links/token-v1';
import { v1Payload } from '../link-token-v1';

const base32 = fc.constantFrom(...'0123456789abcdefghjkmnpqrstvwxyz');
const packable = fc.array(base32, { minLength: 12, maxLength: 12 }).map((c) => c.join(''));
const idText = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/);

/** Claims as the mint makes them: ids packable or not, any user text, whole seconds. */
const claims: fc.Arbitrary<LinkClaims> = fc
  .record(
    {
      site: fc.oneof(packable, idText),
      survey: fc.oneof(packable.map((id) => `sv_${id}`), idText),
      channel: fc.constantFrom(...LINK_CHANNELS),
      expiresAt: fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((s) => s * 1000),
      user: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 128 }),
      touchpoint: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,63}$/),
      locale: fc.constantFrom('en', 'fa', 'ar-EG', 'en-GB', 'zh-Hant-TW'),
      reusable: fc.constant(true),
    },
    { requiredKeys: ['site', 'survey', 'channel', 'expiresAt'] },
  )
  .map((c) => (c.user !== undefined ? { ...c, reusable: undefined } : c))
  .map((c) => Object.fromEntries(Object.entries(c).filter(([, value]) => value !== undefined)) as unknown as LinkClaims);

const bytes = fc.uint8Array({ maxLength: 300 });

describe('decodeClaims (version 2, inside the AEAD)', () => {
  it('decodes what encodeClaims wrote', () => {
    fc.assert(
      fc.property(claims, (c) => {
        expect(decodeClaims(encodeClaims(c))).toEqual(c);
      }),
      { numRuns: 2000 },
    );
  });

  it('packs the ids this code makes: a typical payload is small', () => {
    const typical = encodeClaims({ site: 'k3v9q2m8x1zt', survey: 'sv_4hq8w2n0c7ra', channel: 'email', expiresAt: 1_900_000_000_000, user: 'cust-00042', touchpoint: 'delivery', locale: 'fa' });
    expect(typical.length).toBe(4 + 1 + 8 + 8 + 11 + 9 + 3);
  });

  it('never throws: random bytes, and every damage to a valid payload, give claims or null', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const out = decodeClaims(b);
        if (out !== null) expect(out.channel).not.toBe('web');
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(claims, fc.nat(), fc.integer({ min: 1, max: 255 }), (c, at, xor) => {
        const encoded = encodeClaims(c);
        // Every prefix is refused: a truncated payload never reads as other claims.
        for (let n = 0; n < encoded.length; n++) expect(decodeClaims(encoded.subarray(0, n))).toBeNull();
        expect(decodeClaims(Uint8Array.from([...encoded, 0]))).toBeNull();
        const damaged = encoded.slice();
        damaged[at % damaged.length]! ^= xor;
        decodeClaims(damaged);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a reusable link with a user, the widget channel, and unknown flags', () => {
    const encoded = encodeClaims({ site: 'k3v9q2m8x1zt', survey: 'sv_4hq8w2n0c7ra', channel: 'qr', expiresAt: 1_900_000_000_000, reusable: true });
    for (const flags of [encoded[4]! & ~0b111, encoded[4]! | 0x40, encoded[4]! | 0x80]) {
      const changed = encoded.slice();
      changed[4] = flags;
      expect(decodeClaims(changed)).toBeNull();
    }
    const withUser = encodeClaims({ site: 'k3v9q2m8x1zt', survey: 'sv_4hq8w2n0c7ra', channel: 'qr', expiresAt: 1_900_000_000_000, user: 'u' });
    withUser[4] = withUser[4]! | 0b1000;
    expect(decodeClaims(withUser)).toBeNull();
  });
});

describe('decodeV1Payload (the first, signed format)', () => {
  it('decodes the payloads links minted before encryption carry', () => {
    fc.assert(
      fc.property(claims, (c) => {
        const { reusable: _, ...v1 } = c;
        expect(decodeV1Payload(v1Payload(v1))).toEqual(v1);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on random, truncated or damaged payloads', () => {
    fc.assert(fc.property(bytes, (b) => void decodeV1Payload(b)), { numRuns: 5000 });
    fc.assert(
      fc.property(claims, fc.nat(), fc.nat(), (c, cut, at) => {
        const payload = v1Payload(c);
        decodeV1Payload(payload.subarray(0, cut % payload.length));
        const damaged = payload.slice();
        damaged[at % damaged.length] = 0xff;
        decodeV1Payload(damaged);
      }),
      { numRuns: 1000 },
    );
  });
});
