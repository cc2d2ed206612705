/**
 * CPython's `ipaddress.ip_address()` acceptance rules, which `urlsplit` applies to a bracketed
 * host (`postgres://[::1]:5432`). Only "is it valid" matters here, not the numeric value.
 */

export function isPythonIPv4(value: string): boolean {
  const octets = value.split('.');
  if (octets.length !== 4) return false;
  return octets.every((octet) => {
    if (!/^[0-9]{1,3}$/.test(octet)) return false;
    // Leading zeros are ambiguous (octal?) and rejected since Python 3.9.5.
    if (octet.length > 1 && octet.startsWith('0')) return false;
    return Number(octet) <= 255;
  });
}

const HEXTET_COUNT = 8;

export function isPythonIPv6(value: string): boolean {
  const percent = value.indexOf('%');
  let address = value;
  if (percent >= 0) {
    const scope = value.slice(percent + 1);
    if (scope === '' || scope.includes('%')) return false;
    address = value.slice(0, percent);
  }
  if (address === '') return false;
  const parts = address.split(':');
  if (parts.length < 3) return false;
  const last = parts[parts.length - 1] ?? '';
  if (last.includes('.')) {
    if (!isPythonIPv4(last)) return false;
    parts.pop();
    parts.push('0', '0'); // an embedded IPv4 address stands for two hextets
  }
  if (parts.length > HEXTET_COUNT + 1) return false;
  let skipIndex: number | null = null;
  for (let i = 1; i < parts.length - 1; i += 1) {
    if (parts[i] === '') {
      if (skipIndex !== null) return false;
      skipIndex = i;
    }
  }
  let hi: number;
  let lo: number;
  if (skipIndex !== null) {
    hi = skipIndex;
    lo = parts.length - skipIndex - 1;
    if (parts[0] === '') {
      hi -= 1;
      if (hi !== 0) return false;
    }
    if (parts[parts.length - 1] === '') {
      lo -= 1;
      if (lo !== 0) return false;
    }
    if (HEXTET_COUNT - (hi + lo) < 1) return false;
  } else {
    if (parts.length !== HEXTET_COUNT) return false;
    if (parts[0] === '' || parts[parts.length - 1] === '') return false;
    hi = parts.length;
    lo = 0;
  }
  const used = [...parts.slice(0, hi), ...parts.slice(parts.length - lo)];
  return used.every((hextet) => /^[0-9a-fA-F]{1,4}$/.test(hextet));
}
