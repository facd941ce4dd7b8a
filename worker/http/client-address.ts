/**
 * Which client a request counts against. An IPv4 address is one client; an
 * IPv6 client is its /64 network, since a single host is handed a whole /64
 * and can send from any of its 2^64 addresses: keyed on the full address,
 * every request would be a new client to the rate limits and the quota.
 */

/** The client's network as text: the IPv4 address, or the first four hextets of an IPv6 one. */
export function clientNetwork(address: string): string {
  if (!address.includes(':')) return address;
  const hextets = expandIpv6(address.toLowerCase());
  return hextets ? `${hextets.slice(0, 4).join(':')}::/64` : address;
}

/** The eight hextets of an IPv6 address (`::`, a trailing IPv4 part and zone ids allowed), or null. */
function expandIpv6(address: string): string[] | null {
  const bare = address.replace(/%.*$/, '');
  const [head = '', tail, ...rest] = bare.split('::');
  if (rest.length > 0) return null;
  const parts = (text: string): string[] | null => {
    if (text === '') return [];
    const out: string[] = [];
    for (const piece of text.split(':')) {
      if (/^[0-9a-f]{1,4}$/.test(piece)) out.push(piece.replace(/^0+(?=.)/, ''));
      else if (/^\d{1,3}(\.\d{1,3}){3}$/.test(piece)) {
        const [a, b, c, d] = piece.split('.').map(Number) as [number, number, number, number];
        out.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
      } else return null;
    }
    return out;
  };
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  if (!left || !right) return null;
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
