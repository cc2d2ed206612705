/**
 * Whether the AWS profile an environment names works for this user: the team's file names a
 * profile (`awsProfile`), which this user may not have, or may have pointing at another account.
 * The user's own pick (kept in their settings, never in the shared file) takes its place.
 */
export type ProfileMatchStatus = 'ok' | 'none' | 'missing' | 'other-account' | 'account-unknown';

export interface ProfileMatch {
  readonly status: ProfileMatchStatus;
  /** The profile Airlock uses for the environment: the user's pick, else the team's. */
  readonly using: string | null;
  /** The account the profile reaches, when known (from its settings or an earlier sign-in). */
  readonly reachesAccount: string | null;
  readonly message: string | null;
}

export interface KnownProfile {
  readonly name: string;
  readonly account: string | null;
  readonly region: string | null;
}

const PICK = 'Pick your own profile for this environment: it is kept in your settings, not in the shared file.';

export function matchProfile(input: {
  readonly teamProfile: string | null;
  readonly myProfile: string | null;
  readonly expectedAccount: string | null;
  readonly expectedRegion: string | null;
  readonly profiles: readonly KnownProfile[];
}): ProfileMatch {
  const using = input.myProfile ?? input.teamProfile;
  const whose = input.myProfile === null ? 'the team\'s profile' : 'your profile';
  if (using === null) return { status: 'none', using: null, reachesAccount: null, message: `No AWS profile is set for this environment. ${PICK}` };
  const profile = input.profiles.find((candidate) => candidate.name === using);
  if (profile === undefined) {
    return { status: 'missing', using, reachesAccount: null, message: `You have no AWS profile named "${using}" (${whose} for this environment). ${PICK}` };
  }
  const regionNote = input.expectedRegion !== null && profile.region !== null && profile.region !== input.expectedRegion
    ? ` "${using}" defaults to ${profile.region}; this environment expects ${input.expectedRegion}.`
    : '';
  if (input.expectedAccount !== null && profile.account !== null && profile.account !== input.expectedAccount) {
    return { status: 'other-account', using, reachesAccount: profile.account, message: `"${using}" reaches account ${profile.account}, not ${input.expectedAccount} as this environment expects. ${PICK}` };
  }
  if (input.expectedAccount !== null && profile.account === null) {
    return { status: 'account-unknown', using, reachesAccount: null, message: `Airlock does not know yet which account "${using}" reaches: switch to it once to check it against ${input.expectedAccount}.${regionNote}` };
  }
  return { status: 'ok', using, reachesAccount: profile.account, message: regionNote === '' ? null : regionNote.trim() };
}
