import { describe, expect, it } from 'vitest';
import { clientNetwork } from '../../worker/http/client-address';

describe('clientNetwork', () => {
  it('keeps an IPv4 address whole', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
  });

  it('puts every address of one IPv6 /64 in one client, however it is written', () => {
    const one = ['2001:db8:1:2::1', '2001:DB8:1:2::ffff', '2001:0db8:0001:0002:1234:5678:9abc:def0', '2001:db8:1:2:0:0:0:1', '2001:db8:1:2::1%eth0', '2001:db8:1:2::192.0.2.1'];
    expect(new Set(one.map(clientNetwork))).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('tells different /64 networks apart, and reads :: anywhere', () => {
    expect(clientNetwork('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::ffff:198.51.100.1')).toBe('0:0:0:0::/64');
  });

  it('leaves text that is no address as it is (its own client)', () => {
    for (const odd of ['local', '1::2::3', 'gggg::1', '1:2:3:4:5:6:7:8:9']) expect(clientNetwork(odd)).toBe(odd);
  });
});
