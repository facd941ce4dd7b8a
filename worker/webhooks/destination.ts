/**
 * May the Worker post deliveries to this URL? A pure check of the URL's
 * literal host (no DNS lookup), applied when a webhook is created or changed
 * and again before every send, so a webhook can never be used to reach
 * addresses inside a network: private, loopback, link-local, unique-local,
 * CGNAT, multicast, unspecified and reserved ranges, cloud metadata
 * addresses, and names that only resolve locally (`localhost`, `*.local`…).
 *
 * Hosts are read the way browsers (and the Workers runtime) read them: IPv4
 * in any notation the WHATWG URL parser accepts (`2130706433`, `0x7f.1`,
 * `0177.0.0.1`, `127.1`), IPv6 with embedded IPv4 (mapped, compatible,
 * NAT64, 6to4) judged by the IPv4 inside.
 *
 * The local run (ENVIRONMENT=development) also allows http and https to
 * 127.0.0.1 and localhost, so a receiver on the same machine can be tested.
 * A name that resolves to a private address (DNS rebinding) is not caught
 * here; Workers cannot reach private networks through fetch in production.
 */

export interface DestinationRules {
  /** The local run: 127.0.0.1 and localhost allowed, over http too. */
  development: boolean;
}

/** Why deliveries may not go to `url` (a message naming the rule), or null when they may. */
export function destinationRefusal(url: string, rules: DestinationRules): string | null {
  if (!URL.canParse(url)) return 'must be an absolute URL such as https://hooks.example/cx';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  const devLoopback = rules.development && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost');
  if (devLoopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return null;
  if (parsed.protocol !== 'https:') {
    return rules.development ? 'must be an https URL (or http://127.0.0.1 or http://localhost in the local run)' : 'must be an https URL';
  }
  const refused = hostRefusal(parsed.hostname);
  return refused && `must not point to ${refused} (${parsed.hostname})`;
}

/** What kind of non-public host `host` is ("a loopback address"…), or null for a public one. */
export function hostRefusal(host: string): string | null {
  if (host.startsWith('[')) {
    const groups = parseIpv6(host.slice(1, -1));
    return groups ? ipv6Refusal(groups) : 'an address that is not valid IPv6';
  }
  const v4 = parseIpv4(host);
  if (v4 === 'invalid') return 'an address that is not valid IPv4';
  if (v4 !== null) return ipv4Refusal(v4);
  return nameRefusal(host);
}

// ---------------------------------------------------------------------------
// Names

/** Names that only resolve inside a machine or a network (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'localdomain', 'lan', 'intranet'];
/** Cloud metadata services reachable by name. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

function nameRefusal(host: string): string | null {
  const name = host.toLowerCase().replace(/\.+$/, '');
  if (METADATA_NAMES.has(name)) return 'a cloud metadata address';
  if (!name.includes('.')) return name === 'localhost' ? 'a loopback name' : 'a name without a domain (it could only resolve locally)';
  const suffix = LOCAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (suffix === 'localhost') return 'a loopback name';
  return suffix ? `a name that only resolves locally (.${suffix})` : null;
}

// ---------------------------------------------------------------------------
// IPv4

/**
 * The WHATWG URL "IPv4 parser": 1 to 4 dot-separated numbers, each decimal,
 * octal (leading 0) or hex (0x); the last fills the remaining bytes. Returns
 * the address as an unsigned 32-bit number, null when the host is a name,
 * 'invalid' when it ends in a number but is not a valid address.
 */
export function parseIpv4(host: string): number | null | 'invalid' {
  const parts = host.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const last = parts[parts.length - 1] ?? '';
  // Only a host whose last label is a number is an IPv4 address at all.
  if (!/^(\d+|0x[0-9a-f]*)$/i.test(last)) return null;
  if (parts.length > 4) return 'invalid';
  const numbers: number[] = [];
  for (const part of parts) {
    const n = ipv4Number(part);
    if (n === null) return 'invalid';
    numbers.push(n);
  }
  const head = numbers.slice(0, -1);
  const tail = numbers[numbers.length - 1]!;
  if (head.some((n) => n > 255) || tail >= 256 ** (5 - numbers.length)) return 'invalid';
  return head.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + tail;
}

function ipv4Number(part: string): number | null {
  if (part === '') return null;
  let digits = part;
  let radix = 10;
  if (/^0x/i.test(part)) {
    digits = part.slice(2);
    radix = 16;
  } else if (part.length > 1 && part.startsWith('0')) {
    digits = part.slice(1);
    radix = 8;
  }
  if (digits === '') return 0;
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!valid.test(digits)) return null;
  const n = parseInt(digits, radix);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

const ipv4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** Non-public IPv4 blocks (IANA special-purpose registry), as [first address, prefix length, what it is]. */
const IPV4_BLOCKS: [number, number, string][] = [
  [ipv4(0, 0, 0, 0), 8, 'an unspecified address'],
  [ipv4(10, 0, 0, 0), 8, 'a private address'],
  [ipv4(100, 64, 0, 0), 10, 'a shared (CGNAT) address'],
  [ipv4(127, 0, 0, 0), 8, 'a loopback address'],
  [ipv4(169, 254, 0, 0), 16, 'a link-local address'],
  [ipv4(172, 16, 0, 0), 12, 'a private address'],
  [ipv4(192, 0, 0, 0), 24, 'a reserved address'],
  [ipv4(192, 0, 2, 0), 24, 'a documentation address'],
  [ipv4(192, 88, 99, 0), 24, 'a reserved address'],
  [ipv4(192, 168, 0, 0), 16, 'a private address'],
  [ipv4(198, 18, 0, 0), 15, 'a reserved address'],
  [ipv4(198, 51, 100, 0), 24, 'a documentation address'],
  [ipv4(203, 0, 113, 0), 24, 'a documentation address'],
  [ipv4(224, 0, 0, 0), 4, 'a multicast address'],
  [ipv4(240, 0, 0, 0), 4, 'a reserved address'], // and 255.255.255.255, broadcast
];

/** Instance metadata services (AWS, GCP, Azure, Oracle; Alibaba; AWS's second one). */
const IPV4_METADATA = new Set([ipv4(169, 254, 169, 254), ipv4(100, 100, 100, 200), ipv4(192, 0, 0, 192)]);

function ipv4Refusal(address: number): string | null {
  if (IPV4_METADATA.has(address)) return 'a cloud metadata address';
  for (const [first, prefix, what] of IPV4_BLOCKS) {
    const size = 2 ** (32 - prefix);
    if (address >= first && address < first + size) return what;
  }
  return null;
}

// ---------------------------------------------------------------------------
// IPv6

/** Eight 16-bit groups of an IPv6 address (brackets removed), or null. A trailing dotted IPv4 is accepted. */
export function parseIpv6(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  // A dotted IPv4 may only end the whole address.
  const groupsOf = (half: string, endsAddress: boolean): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (part.includes('.')) {
        const v4 = endsAddress && i === parts.length - 1 ? parseDottedQuad(part) : null;
        if (v4 === null) return null;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) out.push(parseInt(part, 16));
      else return null;
    }
    return out;
  };
  const head = groupsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** Strict dotted-decimal IPv4 (inside IPv6 text only this form is allowed). */
function parseDottedQuad(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return ipv4(Number(parts[0]), Number(parts[1]), Number(parts[2]), Number(parts[3]));
}

const embeddedIpv4 = (hi: number, lo: number) => ((hi << 16) >>> 0) + lo;

function ipv6Refusal(g: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUntil(8)) return 'an unspecified address';
  if (zeroUntil(7) && g7 === 1) return 'a loopback address';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated) are that IPv4 address.
  if ((zeroUntil(5) && g5 === 0xffff) || (zeroUntil(4) && g4 === 0xffff && g5 === 0)) {
    return ipv4Refusal(embeddedIpv4(g6, g7));
  }
  // NAT64 (64:ff9b::/96) reaches the IPv4 address inside; its local-use range is private.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Refusal(embeddedIpv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'a private address';
  // ::a.b.c.d (IPv4-compatible) is deprecated (RFC 4291) and the rest of ::/8 reserved.
  if (g0 >> 8 === 0) return 'a reserved address';
  if (g0 === 0x2002) return ipv4Refusal(embeddedIpv4(g1, g2)); // 6to4
  if (g0 === 0x2001 && g1 === 0) return 'a reserved address'; // Teredo
  if (g0 === 0x2001 && g1 === 0xdb8) return 'a documentation address';
  if ((g0 & 0xfff0) === 0x3ff0) return 'a documentation address'; // 3fff::/20
  if (g0 === 0x2001 && g1 === 0x2 && g2 === 0) return 'a reserved address'; // benchmarking, 2001:2::/48
  if (g0 === 0x2001 && (g1 & 0xfff0) === 0x20) return 'a reserved address'; // ORCHIDv2, 2001:20::/28
  if (g0 === 0x5f00) return 'a reserved address'; // SRv6 segment ids, 5f00::/16
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'a reserved address'; // discard-only
  if ((g0 & 0xfe00) === 0xfc00) {
    const awsMetadata = g0 === 0xfd00 && g1 === 0xec2 && g.slice(2, 7).every((x) => x === 0) && g7 === 0x254;
    return awsMetadata ? 'a cloud metadata address' : 'a unique-local address';
  }
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local address';
  if (g0 >> 8 === 0xff) return 'a multicast address';
  return null;
}
