import { isIPv6 } from 'node:net';

/** The first four 16-bit groups of an IPv6 address, in their short hexadecimal form. */
function ipv6Network64(address: string): string {
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  // An embedded IPv4 address (`64:ff9b::192.0.2.1`) fills the last two groups.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const first = groupsOf(head);
  const last = tail === undefined ? [] : groupsOf(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(first) - width(last)).fill('0');
  return [...first, ...zeros, ...last]
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':');
}

/**
 * What failed attempts are counted under for a client address: an IPv4 address as it is, an IPv6
 * address by its /64 network. One subscriber usually holds a whole /64; counting single IPv6
 * addresses would let one client spread its guesses over 2^64 of them.
 */
export function clientAddressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const plain = address.split('%')[0]!;
  return isIPv6(plain) ? `${ipv6Network64(plain)}::/64` : address;
}
