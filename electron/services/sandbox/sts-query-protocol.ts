import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CallerScope } from './aws-json-protocol';

const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function sendXml(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml) });
  response.end(xml);
}

/** The STS query-protocol action named in a form-encoded body (`Action=GetCallerIdentity&Version=...`). */
export function stsAction(body: string): string {
  return new URLSearchParams(body).get('Action') ?? '';
}

/** A stable IAM-style unique id (AIDA + 17 characters) derived from the caller's access key id. */
function userIdFor(accessKeyId: string): string {
  const digest = createHash('sha256').update(accessKeyId).digest('hex').toUpperCase();
  return `AIDA${digest.slice(0, 17)}`;
}

/**
 * GetCallerIdentity in the shape the SDK's awsQuery deserializer expects: the root element is
 * dropped and the members are read from `<GetCallerIdentityResult>`.
 */
export function sendCallerIdentity(response: ServerResponse, accountId: string, caller: CallerScope, requestId: string): void {
  const arn = `arn:aws:iam::${accountId}:user/sandbox`;
  const xml =
    `<GetCallerIdentityResponse xmlns="${stsNamespace}">` +
    '<GetCallerIdentityResult>' +
    `<Arn>${escapeXml(arn)}</Arn>` +
    `<UserId>${escapeXml(userIdFor(caller.accessKeyId ?? 'anonymous'))}</UserId>` +
    `<Account>${escapeXml(accountId)}</Account>` +
    '</GetCallerIdentityResult>' +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    '</GetCallerIdentityResponse>';
  sendXml(response, 200, xml);
}

export function sendStsError(response: ServerResponse, status: number, code: string, message: string, requestId: string): void {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const xml =
    `<ErrorResponse xmlns="${stsNamespace}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    '</ErrorResponse>';
  response.setHeader('X-Amzn-ErrorType', code);
  sendXml(response, status, xml);
}
