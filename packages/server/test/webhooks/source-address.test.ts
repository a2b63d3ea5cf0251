import { describe, expect, it } from 'vitest';
import { addressGroup } from '../../src/webhooks/source-address';

describe('addressGroup (the unit of the failed-auth limit)', () => {
  it('keeps IPv4 addresses, and IPv4-mapped IPv6 as IPv4', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one source, whatever its spelling', () => {
    const group = addressGroup('2001:db8:1:2::1');
    expect(group).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:0db8:0001:0002:ffff:ffff:ffff:fffe')).toBe(group);
    expect(addressGroup('2001:DB8:1:2:abcd::')).toBe(group);
    expect(addressGroup('2001:db8:1:3::1')).not.toBe(group);
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything else (an unknown address) as it is', () => {
    expect(addressGroup('')).toBe('');
    expect(addressGroup('unknown')).toBe('unknown');
  });
});
