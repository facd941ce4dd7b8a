/**
 * fast-check generators for what a client can send: valid payloads, and the
 * ways to break them — field values, object shape, the bytes of the body,
 * media type, Origin, path segments, query strings and Authorization.
 *
 * Generators break things freely; whether the result must be refused is
 * decided afterwards by each test's verdict, from the shared schemas and the
 * test's own store (so a mutation that happens to stay valid is not
 * mistaken for a refusal the server owed).
 */
import fc from 'fast-check';
import { KINDS, type Kind, scaleScores } from '../../shared/kinds';
import { MAX_BODY_BYTES } from '../../shared/limits';

// ---------------------------------------------------------------------------
// Values

/** Values that break most field rules: wrong types, edges, sizes, odd text. */
const NASTY: unknown[] = [
  null, true, false, 0, -1, 11, 0.5, 1e21, -1e21, 2 ** 53 + 2, '', ' ', '\t\n', '\u0000', '\ud800', 'a\udfffb', '🙂',
  'Checkout', '-checkout', 'check out', 'x'.repeat(65), 'é', '../../etc/passwd', '=HYPERLINK("x")', '<script>alert(1)</script>',
  "'; DROP TABLE responses; --", '%00', '\u202e', [], {}, [1], { a: 1 }, { __proto__: null }, 'nps ', 'NPS', '2026-02-30',
  '9', '1e3', 'true', 'null',
];

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 2 },
  // Over most text limits (2000 characters), still under the body limit.
  { arbitrary: fc.string({ minLength: 2001, maxLength: 2100 }), weight: 1 },
);

/** Valid values of the widget's optional fields, small pools so that groups collide. */
export const touchpoint = fc.oneof(fc.constantFrom('checkout', 'support', 'onboarding', 'a', 'x-1_2'), fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,63}$/));
export const locale = fc.constantFrom('en', 'fa', 'ar', 'en-GB', 'EN-gb', 'fa-IR', 'zh-Hant-TW', 'de-CH-1996', 'pt-br', 'ckb');
export const country = fc.constantFrom('', 'IR', 'DE', 'US', 'EG', 'IN');
export const userAgent = fc.constantFrom(
  '',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
);
/** Text within a limit, counted in code points, never blank. */
export const someText = (max: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 60) }).filter((s) => s.trim().length > 0 && [...s].length <= max);
export const page = fc
  .tuple(fc.webPath(), fc.option(fc.webQueryParameters(), { nil: undefined }), fc.option(fc.webFragments(), { nil: undefined }))
  .map(([path, query, fragment]) => `/${path.replace(/^\//, '')}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`)
  .filter((p) => p.length <= 2048);
export const meta = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 40 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)),
  fc.oneof(someText(200), fc.string({ maxLength: 60 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
  { maxKeys: 20 },
);
export const userId = fc.oneof(fc.constantFrom('u_1', 'u_2', 'user@example.com'), someText(128));

/** A valid answer to a survey of `kind` (the id, site and survey are the caller's). */
export function answerFields(kind: Kind) {
  return fc.record(
    {
      score: fc.constantFrom(...scaleScores(kind)),
      comment: someText(300),
      touchpoint,
      locale,
      page,
      user: userId,
      meta,
    },
    { requiredKeys: ['score'] },
  );
}

export const kind = fc.constantFrom(...KINDS);

// ---------------------------------------------------------------------------
// Mutations of a JSON value

type Path = (string | number)[];

export type Mutation =
  | { op: 'set'; pick: number; value: unknown }
  | { op: 'drop'; pick: number }
  | { op: 'add'; pick: number; key: string; value: unknown };

function nodes(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => nodes(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, item] of Object.entries(value)) nodes(item, [...path, k], out);
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  return node;
}

/**
 * Apply mutations to a copy of `value`. `undefined` means "no body at all".
 * Values are copied in too: generated constants are shared objects, and a
 * later mutation must not change (or loop) them.
 */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(value);
  for (const m of mutations) {
    if (root === undefined) break;
    if (m.op === 'add') {
      const objects = nodes(root).filter((p) => {
        const node = p.length === 0 ? root : parentOf(root, p)[p[p.length - 1]!];
        return node !== null && typeof node === 'object' && !Array.isArray(node);
      });
      if (objects.length === 0) continue;
      const path = objects[m.pick % objects.length]!;
      const node = (path.length === 0 ? root : parentOf(root, path)[path[path.length - 1]!]) as Record<string, unknown>;
      node[m.key in node ? `${m.key}_x` : m.key] = structuredClone(m.value);
      continue;
    }
    const all = nodes(root);
    const path = all[m.pick % all.length]!;
    if (path.length === 0) {
      root = m.op === 'set' ? structuredClone(m.value) : undefined;
      continue;
    }
    const parent = parentOf(root, path);
    const last = path[path.length - 1]!;
    if (m.op === 'set') parent[last] = structuredClone(m.value);
    else if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  }
  return root;
}

/** Mutations whose `set` values come from the nasty pool or from `decoys` (valid-looking values of the test's store). */
export function mutations(decoys: readonly unknown[] = []): fc.Arbitrary<Mutation[]> {
  const value = decoys.length > 0 ? fc.oneof(nastyValue, fc.constantFrom(...decoys)) : nastyValue;
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }), weight: 1 },
    {
      arbitrary: fc.record({
        op: fc.constant('add' as const),
        pick: fc.nat(),
        key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'scroe', 'ID', 'Score')),
        value: nastyValue,
      }),
      weight: 2,
    },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

// ---------------------------------------------------------------------------
// The bytes of a body

export type BodyTweak =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; junk: string }
  | { kind: 'last-key-wins'; key: string; value: unknown }
  | { kind: 'proto-key' }
  | { kind: 'bom' }
  | { kind: 'bad-utf8'; at: number; bytes: number[] }
  | { kind: 'pad-over-limit' }
  | { kind: 'garbage'; bytes: Uint8Array }
  | { kind: 'nested'; depth: number }
  | { kind: 'blank'; text: string };

export const bodyTweak: fc.Arbitrary<BodyTweak> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('append' as const), junk: fc.constantFrom('}', ',', 'x', ' null', '{}', '\u0000') }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('last-key-wins' as const), key: fc.constantFrom('score', 'site', 'survey', 'id', 'type', 'comment', 'name', 'kind', 'origins'), value: nastyValue }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'proto-key' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'bom' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('bad-utf8' as const),
      at: fc.nat(),
      // A stray byte, an overlong "/", a UTF-8-encoded surrogate, a truncated sequence.
      bytes: fc.constantFrom<number[]>([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]),
    }),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: 'pad-over-limit' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 64 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('nested' as const), depth: fc.integer({ min: 1, max: 4000 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('blank' as const), text: fc.constantFrom('', ' ', '\n\t ') }), weight: 1 },
);

const encoder = new TextEncoder();

/** The bytes sent for a JSON value after a tweak; `undefined` value means no body. */
export function encodeBody(value: unknown, tweak: BodyTweak): Uint8Array | undefined {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) return tweak.kind === 'none' ? undefined : encoder.encode('');
  switch (tweak.kind) {
    case 'none':
      return encoder.encode(text);
    case 'truncate':
      return encoder.encode(text.slice(0, tweak.at % Math.max(1, text.length)));
    case 'append':
      return encoder.encode(text + tweak.junk);
    case 'last-key-wins':
      // JSON.parse keeps the last of duplicate keys.
      return encoder.encode(text.endsWith('}') && text !== '{}' ? `${text.slice(0, -1)},${JSON.stringify(tweak.key)}:${JSON.stringify(tweak.value) ?? 'null'}}` : text);
    case 'proto-key':
      return encoder.encode(text.startsWith('{') && text !== '{}' ? `{"__proto__":{"admin":true},${text.slice(1)}` : `{"__proto__":${text}}`);
    case 'bom':
      return encoder.encode(`\ufeff${text}`);
    case 'bad-utf8': {
      const bytes = encoder.encode(text);
      const at = tweak.at % (bytes.length + 1);
      return new Uint8Array([...bytes.slice(0, at), ...tweak.bytes, ...bytes.slice(at)]);
    }
    case 'pad-over-limit':
      return encoder.encode(text + ' '.repeat(Math.max(1, MAX_BODY_BYTES + 1 - encoder.encode(text).length)));
    case 'garbage':
      return tweak.bytes;
    case 'nested':
      return encoder.encode('['.repeat(tweak.depth) + ']'.repeat(tweak.depth));
    case 'blank':
      return encoder.encode(tweak.text);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Media types the collector reads as JSON (docs/contract.md §3: JSON, or text/plain for sendBeacon). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type === 'text/plain';
}

/** What the server will see of a body: the parsed JSON, or why it cannot get that far. */
export function readAsServer(body: Uint8Array | undefined, contentType: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (!isJsonMediaType(contentType)) return { ok: false };
  const bytes = body ?? new Uint8Array();
  if (bytes.length > MAX_BODY_BYTES) return { ok: false };
  try {
    const text = decoder.decode(bytes);
    if (text.trim() === '') return { ok: false };
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 10 },
  { arbitrary: fc.constantFrom('text/plain;charset=UTF-8', 'Application/JSON; charset=utf-8', 'application/json; charset=utf-16'), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      undefined, '', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp',
      'application/json-patch+json', 'application/xml', 'text/json', ';', 'application/json,text/plain', 'image/png', '*/*',
    ),
    weight: 3,
  },
  { arbitrary: printable(30), weight: 1 },
);

// ---------------------------------------------------------------------------
// Headers, paths, queries

/**
 * A string a header can carry: printable ASCII. (Latin-1 is allowed too, but
 * workerd warns about every such value, and it reaches the app as UTF-8 bytes.)
 */
export function printable(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: 'grapheme-ascii', maxLength }).filter((s) => !/[\x00-\x1f\x7f]/.test(s));
}

/** Browser origins a site did not list (the site's own are added by the caller). */
export const foreignOrigin = fc.oneof(
  fc.constantFrom('https://evil.example', 'null', 'http://shop.example', 'https://shop.example:443', 'https://shop.example.', 'https://SHOP.example', 'https://shop.example/'),
  fc.webUrl().map((u) => new URL(u).origin),
  printable(40),
);

/** Authorization headers that carry no valid credential (`undefined`: no header). */
export const badAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined, '', 'Bearer', 'Bearer ', 'Bearer  ', 'bearer', 'Basic dGVzdDp0ZXN0', 'Token test-admin-token', 'Bearer test-admin-token extra',
    'Bearer test-admin-tokenx', 'Bearer TEST-ADMIN-TOKEN', 'Bearer "test-admin-token"', 'Bearer cxr_00000000_00000000000000000000000000000000',
    'Bearer cxr_demo0000_localdemo00000000000000000000000', `Bearer ${'a'.repeat(5000)}`, 'Bearertest-admin-token',
  ),
  printable(60),
  printable(60).map((t) => `Bearer ${t}`),
  fc.stringMatching(/^[0-9a-z]{8}_[0-9a-z]{32}$/).map((t) => `Bearer cxr_${t}`),
);

/** Percent-encode text; lone surrogates (which no URL can carry) become U+FFFD first. */
const encode = (text: string) => encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));

/** Segments of odd shapes: encoded text, broken or tricky percent-escapes, over-long slugs. */
export const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', '%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F', '%2f..', 'a%2Fb', '%20', '%FF', '%25', '%2525', '~', '*', ';x', ',', 'ABC', 'a', '-abc',
    '_abc', 'sv_', 'x'.repeat(65), 'x'.repeat(3000), '%F0%9F%99%82', 'null', 'undefined', '__proto__', 'constructor', '1e3', '%u0041',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => encode(text)),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
);

/** A dot segment; the URL parser resolves these, so the request lands on another route. */
export const isDotSegment = (segment: string) => /^(\.|%2e){1,2}$/i.test(segment);

/** Hono decodes path parameters this way; used to tell a segment that still names a real key. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A raw query string from pairs; values are encoded unless `raw` is set. */
export function queryString(pairs: readonly (readonly [string, string, boolean?])[]): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([k, value, raw]) => `${encode(k)}=${raw ? value : encode(value)}`).join('&')}`;
}

/** Query values that are no value of any parameter here, and raw text with broken escapes. */
export const oddQueryValue: fc.Arbitrary<readonly [string, boolean]> = fc.oneof(
  nastyValue.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => [String(x), false] as const),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '+', '%2B', '&', '=', '%00', '%26kind%3Dnps').map((x) => [x, true] as const),
);
