/**
 * A version of `apache-airflow-providers-amazon`, as `[major, minor, patch]`: the release numbers
 * that decide which lookup rules the provider has. Requirement text is read by shared/pep440.ts
 * and reduced to this tuple first, so comparing three integers is all this needs (no PEP 440
 * library applies here).
 */
export type ProviderVersion = readonly [number, number, number];

export function compareVersions(a: ProviderVersion, b: ProviderVersion): number {
  for (let i = 0; i < 3; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

export function versionAtLeast(version: ProviderVersion, minimum: ProviderVersion): boolean {
  return compareVersions(version, minimum) >= 0;
}

export function maxVersion(a: ProviderVersion, b: ProviderVersion): ProviderVersion {
  return compareVersions(a, b) >= 0 ? a : b;
}

export function formatVersion(version: ProviderVersion): string {
  return version.join('.');
}

/** Reads `9.2.0`, `9.2` or `9`; anything else (a range, `latest`) gives null. */
export function parseProviderVersion(text: string): ProviderVersion | null {
  const match = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}
