/**
 * What a link token carries, as the compact bytes that are encrypted into
 * it (token.ts). Pure: no keys, no clock. Short tokens fit an SMS, so the
 * ids this code makes (12 base32 characters, 60 bits) travel as 8 bytes, and
 * every other text as a length and its UTF-8.
 *
 * Layout:
 *   expires  4 bytes   Unix seconds, big-endian
 *   flags    1 byte    bits 0–2 channel (index into CHANNELS), bit 3 reusable,
 *                      bit 4 site packed, bit 5 survey packed; bits 6–7 zero
 *   site     8 bytes when packed, else a text
 *   survey   8 bytes when packed (`sv_` and 12 characters), else a text
 *   user, touchpoint, locale
 *            each a text: a length (LEB128, one byte below 128) and UTF-8; 0 = absent
 */
import { CHANNELS, type Channel } from '../../shared/schemas/channel';

export interface LinkClaims {
  site: string;
  survey: string;
  channel: Channel;
  /** Unix ms, whole seconds: the link stops working then. */
  expiresAt: number;
  user?: string;
  touchpoint?: string;
  locale?: string;
  /** One link, many answers (a QR code on a counter): never carries a user. */
  reusable?: boolean;
}

const REUSABLE = 1 << 3;
const SITE_PACKED = 1 << 4;
const SURVEY_PACKED = 1 << 5;
const CHANNEL_MASK = 0b111;
const KNOWN_FLAGS = CHANNEL_MASK | REUSABLE | SITE_PACKED | SURVEY_PACKED;

/** The alphabet of worker/ids.ts: 32 characters, 5 bits each. */
const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_CHARS = 12;
const PACKED_BYTES = 8;
const SURVEY_PREFIX = 'sv_';
const PACKABLE = /^[0-9a-hjkmnp-tv-z]{12}$/;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The 60 bits of a 12-character id, in 8 big-endian bytes (the top 4 bits zero). */
function packId(id: string): number[] {
  let bits = 0n;
  for (const char of id) bits = (bits << 5n) | BigInt(ID_ALPHABET.indexOf(char));
  const out = new Uint8Array(PACKED_BYTES);
  new DataView(out.buffer).setBigUint64(0, bits);
  return [...out];
}

function unpackId(bytes: Uint8Array): string | null {
  let bits = new DataView(bytes.buffer, bytes.byteOffset, PACKED_BYTES).getBigUint64(0);
  if (bits >> 60n !== 0n) return null;
  let id = '';
  for (let i = 0; i < ID_CHARS; i++, bits >>= 5n) id = ID_ALPHABET[Number(bits & 31n)]! + id;
  return id;
}

function pushText(out: number[], text: string | undefined): void {
  const bytes = encoder.encode(text ?? '');
  for (let length = bytes.length; ; length >>>= 7) {
    if (length < 0x80) {
      out.push(length);
      break;
    }
    out.push((length & 0x7f) | 0x80);
  }
  out.push(...bytes);
}

export function encodeClaims(claims: LinkClaims): Uint8Array {
  const site = PACKABLE.test(claims.site);
  const survey = claims.survey.startsWith(SURVEY_PREFIX) && PACKABLE.test(claims.survey.slice(SURVEY_PREFIX.length));
  const seconds = Math.floor(claims.expiresAt / 1000);
  const out: number[] = [seconds >>> 24, (seconds >>> 16) & 0xff, (seconds >>> 8) & 0xff, seconds & 0xff];
  out.push(CHANNELS.indexOf(claims.channel) | (claims.reusable ? REUSABLE : 0) | (site ? SITE_PACKED : 0) | (survey ? SURVEY_PACKED : 0));
  if (site) out.push(...packId(claims.site));
  else pushText(out, claims.site);
  if (survey) out.push(...packId(claims.survey.slice(SURVEY_PREFIX.length)));
  else pushText(out, claims.survey);
  for (const text of [claims.user, claims.touchpoint, claims.locale]) pushText(out, text);
  return Uint8Array.from(out);
}

/** Reads the bytes in order; every read returns null past the end or on bad UTF-8. */
class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  take(n: number): Uint8Array | null {
    if (this.at + n > this.bytes.length) return null;
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  text(): string | null {
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.take(1)?.[0];
      if (byte === undefined || shift > 14) return null;
      length |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    const bytes = this.take(length);
    if (!bytes) return null;
    try {
      return decoder.decode(bytes);
    } catch {
      return null;
    }
  }

  id(packed: boolean, prefix = ''): string | null {
    if (!packed) return this.text();
    const bytes = this.take(PACKED_BYTES);
    const id = bytes && unpackId(bytes);
    return id === null ? null : prefix + id;
  }
}

/** The claims of decrypted bytes, or null when they are not claims this code wrote. */
export function decodeClaims(bytes: Uint8Array): LinkClaims | null {
  const read = new Reader(bytes);
  const head = read.take(5);
  if (!head) return null;
  const seconds = new DataView(head.buffer, head.byteOffset, 4).getUint32(0);
  const flags = head[4]!;
  const channel = CHANNELS[flags & CHANNEL_MASK];
  // A link is never the widget's (`web`, index 0).
  if ((flags & ~KNOWN_FLAGS) !== 0 || channel === undefined || channel === 'web') return null;
  const site = read.id((flags & SITE_PACKED) !== 0);
  const survey = read.id((flags & SURVEY_PACKED) !== 0, SURVEY_PREFIX);
  const user = read.text();
  const touchpoint = read.text();
  const locale = read.text();
  if (!site || !survey || user === null || touchpoint === null || locale === null || read.at !== bytes.length) return null;
  const reusable = (flags & REUSABLE) !== 0;
  if (reusable && user) return null;
  return {
    site,
    survey,
    channel,
    expiresAt: seconds * 1000,
    ...(user ? { user } : {}),
    ...(touchpoint ? { touchpoint } : {}),
    ...(locale ? { locale } : {}),
    ...(reusable ? { reusable } : {}),
  };
}
