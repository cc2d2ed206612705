import { randomInt } from 'node:crypto';

const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** AWS appends a hyphen and six random alphanumerics so that a re-created name gets a new ARN. */
function randomSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += suffixAlphabet.charAt(randomInt(suffixAlphabet.length));
  return suffix;
}

export function newSecretArn(region: string, accountId: string, name: string): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${randomSuffix()}`;
}

/** The ARN without its random suffix: what AWS calls a partial ARN. */
export function partialArn(arn: string): string {
  return arn.slice(0, -7);
}

export function looksLikeArn(secretId: string): boolean {
  return secretId.startsWith('arn:');
}

export interface ParsedArn {
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/** `arn:aws:<service>:<region>:<account>:<resource>`; undefined for anything else. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] !== 'aws') return undefined;
  const [, , service = '', region = '', accountId = ''] = parts;
  return { service, region, accountId, resource: parts.slice(5).join(':') };
}
