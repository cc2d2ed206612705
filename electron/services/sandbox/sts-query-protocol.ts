import type { ServerResponse } from 'node:http';
import { sendQueryError } from './query-protocol';

/**
 * STS speaks the Query protocol. The sandbox answers GetCallerIdentity (the account and the
 * identity behind the caller's access key; it needs no permission, as in AWS) and refuses the
 * rest with InvalidAction.
 */
export const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function sendStsError(response: ServerResponse, status: number, code: string, message: string, requestId: string): void {
  sendQueryError(response, stsNamespace, { status, code, message }, requestId);
}
