import { describe, expect, it } from 'vitest';
import { inNetwork, isNetwork, networkOf, reduceIp } from './network.js';

describe('client networks and address reduction', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24', '203.0.113.0'],
    ['::ffff:198.51.100.9', '198.51.100.0/24', '198.51.100.0'],
    ['2001:db8:85a3:1234:5678:8a2e:370:7334', '2001:db8:85a3:1234::/64', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8:0:0::/64', '2001:db8:0::'],
  ])('%s is in %s and reduces to %s', (ip, network, reduced) => {
    expect(networkOf(ip)).toBe(network);
    expect(reduceIp(ip)).toBe(reduced);
  });

  it('matches addresses against CIDR networks of both families', () => {
    expect(inNetwork('198.19.4.5', '198.18.0.0/15')).toBe(true);
    expect(inNetwork('198.20.0.1', '198.18.0.0/15')).toBe(false);
    expect(inNetwork('2001:db8:abcd::1', '2001:db8::/32')).toBe(true);
    expect(inNetwork('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(inNetwork('198.18.0.1', '2001:db8::/32')).toBe(false);
    expect(isNetwork('10.0.0.0/8')).toBe(true);
    expect(isNetwork('10.0.0.0/33')).toBe(false);
    expect(isNetwork('nonsense')).toBe(false);
  });
});
