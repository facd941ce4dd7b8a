/**
 * The webhook destination check (SSRF): a pure function of the URL text.
 * Nothing here sends a request; every address below is only parsed.
 */
import { describe, expect, it } from 'vitest';
import { destinationRefusal, hostRefusal, parseIpv4, parseIpv6 } from '../../worker/webhooks/destination';

const production = { development: false };
const development = { development: true };
const refused = (url: string, rules = production) => destinationRefusal(url, rules);

describe('IPv4 in every notation browsers accept', () => {
  it.each([
    ['127.0.0.1', 0x7f000001],
    ['2130706433', 0x7f000001], // one decimal number
    ['0x7f000001', 0x7f000001], // hex
    ['0x7F.0.0.1', 0x7f000001],
    ['0177.0.0.1', 0x7f000001], // octal
    ['0177.0.0.01', 0x7f000001],
    ['127.1', 0x7f000001], // short forms: the last part fills the rest
    ['127.0.1', 0x7f000001],
    ['0x7f.1', 0x7f000001],
    ['10.0.0.1.', 0x0a000001], // a trailing dot
    ['0', 0],
    ['0x', 0],
    ['169.254.43518', 0xa9fea9fe], // 169.254.169.254
    ['255.255.255.255', 0xffffffff],
    ['4294967295', 0xffffffff],
  ])('%s is %d', (host, address) => {
    expect(parseIpv4(host)).toBe(address);
  });

  it.each(['hooks.example', 'example.com', '1.2.3.example', 'x1'])('%s is a name', (host) => {
    expect(parseIpv4(host)).toBeNull();
  });

  it.each(['256.0.0.1', '4294967296', '1.2.3.4.5', '08.0.0.1', '0x1g.0.0.1', '1..1', '1.2.3.256'])('%s is not a valid address', (host) => {
    expect(parseIpv4(host)).toBe('invalid');
  });

  it('agrees with the URL parser of the runtime on every form above', () => {
    for (const host of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', '169.254.43518']) {
      const canonical = new URL(`https://${host}/`).hostname;
      expect(parseIpv4(canonical)).toBe(parseIpv4(host));
    }
  });
});

describe('IPv6', () => {
  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['fe80::1', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ['::ffff:127.0.0.1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ['::ffff:7f00:1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ['2001:db8:0:0:0:0:0:1', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]],
  ])('%s', (text, groups) => {
    expect(parseIpv6(text)).toEqual(groups);
  });

  it.each(['1::2::3', '12345::', ':::', '1:2:3:4:5:6:7:8:9', '::ffff:1.2.3', 'g::1', '1.2.3.4::'])('%s is not valid', (text) => {
    expect(parseIpv6(text)).toBeNull();
  });
});

describe('refused hosts', () => {
  it.each([
    // IPv4: loopback, private, link-local, CGNAT, metadata, multicast, unspecified, reserved
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'], ['192.168.0.1', 'private'], ['169.254.1.1', 'link-local'], ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'], ['169.254.169.254', 'metadata'], ['100.100.100.200', 'metadata'], ['192.0.0.192', 'metadata'],
    ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'reserved'], ['240.0.0.1', 'reserved'], ['198.18.0.1', 'reserved'], ['192.0.2.1', 'documentation'],
    // IPv6
    ['[::1]', 'loopback'], ['[::]', 'unspecified'], ['[fe80::1]', 'link-local'], ['[febf::1]', 'link-local'],
    ['[fc00::1]', 'unique-local'], ['[fd12:3456::1]', 'unique-local'], ['[fd00:ec2::254]', 'metadata'], ['[ff02::1]', 'multicast'],
    ['[fec0::1]', 'site-local'], ['[2001:db8::1]', 'documentation'], ['[3fff::1]', 'documentation'], ['[2001:2::1]', 'reserved'], ['[2001:20::1]', 'reserved'], ['[5f00::1]', 'reserved'],
    // IPv4 inside IPv6: mapped, translated, compatible, NAT64, 6to4
    ['[::ffff:127.0.0.1]', 'loopback'], ['[::ffff:7f00:1]', 'loopback'], ['[::ffff:10.0.0.1]', 'private'],
    ['[::ffff:a9fe:a9fe]', 'metadata'], ['[::ffff:0:192.168.1.1]', 'private'], ['[::127.0.0.1]', 'reserved'],
    ['[::8.8.8.8]', 'reserved'], ['[64:ff9b::10.0.0.1]', 'private'], ['[64:ff9b:1::1]', 'private'], ['[2002:a9fe:a9fe::1]', 'metadata'],
    ['[2002:7f00:1::]', 'loopback'], ['[2001::1]', 'reserved'],
    // Names that resolve only locally
    ['localhost', 'loopback'], ['LOCALHOST', 'loopback'], ['localhost.', 'loopback'], ['api.localhost', 'loopback'],
    ['printer.local', 'locally'], ['db.internal', 'locally'], ['router.home.arpa', 'locally'], ['intranet', 'without a domain'],
    ['metadata.google.internal', 'metadata'], ['metadata', 'metadata'],
  ])('%s (%s)', (host, what) => {
    expect(hostRefusal(host)).toContain(what);
  });

  it.each(['hooks.example.com', 'hooks.slack.com', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '[2606:4700::1111]', '[::ffff:8.8.8.8]', '[64:ff9b::8.8.8.8]', '[2002:808:808::1]', '11.0.0.1'])(
    '%s is public',
    (host) => {
      expect(hostRefusal(host)).toBeNull();
    },
  );
});

describe('destinationRefusal', () => {
  it('production: https to a public host only', () => {
    expect(refused('https://hooks.example/cx')).toBeNull();
    expect(refused('https://hooks.slack.com/services/T0/B0/x')).toBeNull();
    expect(refused('http://hooks.example/cx')).toBe('must be an https URL');
    expect(refused('ftp://hooks.example/cx')).toBe('must be an https URL');
    expect(refused('https://user:pw@hooks.example/')).toContain('user name');
    expect(refused('not a url')).toContain('absolute URL');
  });

  it.each([
    'https://127.0.0.1/', 'https://2130706433/', 'https://0x7f000001/', 'https://0177.0.0.1/', 'https://127.1/', 'https://0x7f.1/',
    'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://localhost:8443/', 'https://169.254.169.254/latest/meta-data/',
    'https://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'https://10.0.0.1./', 'https://0/', 'http://127.0.0.1:8787/',
  ])('production refuses %s, however the address is written', (url) => {
    expect(refused(url)).not.toBeNull();
  });

  it('the local run also allows http and https to 127.0.0.1 and localhost, any port, and nothing else private', () => {
    for (const url of ['http://127.0.0.1/', 'http://127.0.0.1:8787/hook', 'http://localhost:9000/x', 'https://localhost/']) {
      expect(refused(url, development), url).toBeNull();
    }
    for (const url of ['http://10.0.0.1/', 'https://192.168.1.1/', 'http://[::1]/', 'http://hooks.example/', 'https://169.254.169.254/', 'http://api.localhost/']) {
      expect(refused(url, development), url).not.toBeNull();
    }
    expect(refused('http://hooks.example/', development)).toContain('in the local run');
  });

  it('names the address in its message', () => {
    expect(refused('https://0x7f.1/')).toBe('must not point to a loopback address (127.0.0.1)');
    expect(refused('https://[::ffff:a9fe:a9fe]/')).toBe('must not point to a cloud metadata address ([::ffff:a9fe:a9fe])');
  });
});
