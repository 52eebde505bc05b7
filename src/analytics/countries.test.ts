import { describe, expect, it } from 'vitest';
import { countryOf } from './countries.js';

describe('the country of an address', () => {
  // Networks of the address registries and universities themselves, whose country does not move.
  it('finds the country of public addresses, IPv4 and IPv6, in the shipped database', () => {
    expect(countryOf('193.0.6.139')).toBe('NL'); // RIPE NCC, Amsterdam
    expect(countryOf('202.12.29.1')).toBe('AU'); // APNIC, Brisbane
    expect(countryOf('133.11.0.1')).toBe('JP'); // University of Tokyo
    expect(countryOf('130.149.7.1')).toBe('DE'); // TU Berlin
    expect(countryOf('200.3.12.1')).toBe('BR'); // LACNIC
    expect(countryOf('2001:67c:2e8::1')).toBe('NL'); // RIPE NCC
    expect(countryOf('::ffff:193.0.6.139')).toBe('NL');
  });

  it('places no private, reserved or documentation address, and nothing that is not an address', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '100.64.0.1', '169.254.1.1', '0.0.0.0', '192.0.2.1', '198.51.100.7', '203.0.113.1', '::1', 'fc00::1', 'fe80::1', '2001:db8::1', '', 'not-an-address']) {
      expect(countryOf(ip), ip).toBe('');
    }
  });
});
