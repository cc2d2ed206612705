import type { ResolvedPrincipal } from './sandbox-principals';

/** Who sent a request, to which region, with which tool: everything CloudTrail records about a call. */
export interface Caller {
  readonly principal: ResolvedPrincipal;
  /** From the SigV4 credential scope, as AWS routes it. */
  readonly region: string;
  /** The User-Agent header (the SDK appends `customUserAgent` there, e.g. `airlock/0.2.0`). */
  readonly userAgent: string;
  readonly sourceIp: string;
  readonly requestId: string;
}
