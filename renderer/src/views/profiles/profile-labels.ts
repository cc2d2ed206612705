/** How profiles are named and grouped in the UI: by how they sign in. */
import type { IconName } from '@blueprintjs/icons';
import { assertNever } from '../../../../shared/assert';
import type { ProfileKind, ProfileSummary, SsoTokenState } from '../../../../shared/api';

export function kindLabel(kind: ProfileKind): string {
  switch (kind) {
    case 'static': return 'access keys';
    case 'app-keys': return 'keys entered in Airlock';
    case 'sso': return 'AWS SSO';
    case 'sso-legacy': return 'AWS SSO (legacy)';
    case 'assume-role': return 'role';
    case 'web-identity': return 'web identity role';
    case 'credential-process': return 'credential process';
    case 'sandbox': return 'local sandbox';
    case 'unknown': return 'unknown';
    default: return assertNever(kind, 'Unknown profile kind');
  }
}

export function kindIcon(kind: ProfileKind): IconName {
  switch (kind) {
    case 'static': return 'key';
    case 'app-keys': return 'key';
    case 'sso':
    case 'sso-legacy': return 'log-in';
    case 'assume-role': return 'swap-horizontal';
    case 'web-identity': return 'id-number';
    case 'credential-process': return 'console';
    case 'sandbox': return 'lab-test';
    case 'unknown': return 'help';
    default: return assertNever(kind, 'Unknown profile kind');
  }
}

interface ProfileGroup {
  readonly title: string;
  readonly profiles: readonly ProfileSummary[];
}

const groupOrder: readonly { title: string; kinds: readonly ProfileKind[] }[] = [
  { title: 'AWS SSO', kinds: ['sso', 'sso-legacy'] },
  { title: 'Roles', kinds: ['assume-role', 'web-identity'] },
  { title: 'Access keys', kinds: ['static', 'app-keys'] },
  { title: 'Credential process', kinds: ['credential-process'] },
  { title: 'Other', kinds: ['unknown'] },
  { title: 'Try without AWS', kinds: ['sandbox'] },
];

/** A missing region is fixed by choosing one, so such profiles stay in their group. */
export function isUnusable(profile: ProfileSummary): boolean {
  return profile.broken !== null && profile.broken.code !== 'no-region';
}

/** Usable profiles by kind, then the ones that cannot be used (with their reason) last. */
export function groupProfiles(profiles: readonly ProfileSummary[]): ProfileGroup[] {
  const groups = groupOrder.map(({ title, kinds }) => ({ title, profiles: profiles.filter((profile) => !isUnusable(profile) && kinds.includes(profile.kind)) }));
  groups.push({ title: 'Cannot be used', profiles: profiles.filter(isUnusable) });
  return groups.filter((group) => group.profiles.length > 0);
}

/** Host and port of a custom endpoint, short enough for a menu. */
export function endpointHost(endpoint: string | null): string | null {
  if (endpoint === null) return null;
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** A short word for an SSO login that needs attention, or null when it is fine. */
export function ssoAttention(sso: SsoTokenState | null): string | null {
  if (sso === null) return null;
  if (sso.state === 'missing') return 'not logged in';
  if (sso.state === 'expired' && !sso.refreshable) return 'login expired';
  return null;
}
