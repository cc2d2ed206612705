/**
 * Why browser mode's server refused a page (the body of its 401 answers), shared so that the
 * server says it and the page tells the user what happened and what to do.
 */

export const sessionRefusals = [
  /** No `Authorization` header at all. */
  'no-token',
  /** A token this run of Airlock never issued: the tab is from an earlier start of Airlock. */
  'ended',
  /** This run's token, revoked because its launch code was claimed a second time. */
  'revoked',
  /** A launch code older than its lifetime. */
  'code-expired',
  /** A launch code this run of Airlock never issued. */
  'code-unknown',
  /** A launch code that was already exchanged: the session it opened was ended for safety. */
  'code-reused',
] as const;

export type SessionRefusal = (typeof sessionRefusals)[number];

export interface SessionRefusalBody {
  readonly refusal: SessionRefusal;
}

/** Reads a 401 body; anything unexpected counts as a session that ended. */
export function readSessionRefusal(body: unknown): SessionRefusal {
  if (typeof body === 'object' && body !== null && 'refusal' in body) {
    const known = sessionRefusals.find((value) => value === body.refusal);
    if (known !== undefined) return known;
  }
  return 'ended';
}
