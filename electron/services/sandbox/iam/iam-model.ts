import { createHash } from 'node:crypto';
import type { StoredTag } from '../secret-model';

/**
 * IAM entities as the sandbox stores them (one set per account). Policy documents are kept as
 * the JSON text they were given, because IAM returns them as written (URL-encoded) and
 * SimulatePrincipalPolicy points into that text.
 */
export interface StoredInlinePolicy {
  name: string;
  document: string;
}

export interface StoredPrincipalEntity {
  name: string;
  path: string;
  /** AROA... for roles, AIDA... for users. */
  id: string;
  arn: string;
  createDate: number;
  description?: string;
  /** A managed policy's ARN. */
  permissionsBoundary?: string;
  /** Managed policy ARNs. */
  attachedPolicies: string[];
  inlinePolicies: StoredInlinePolicy[];
  tags: StoredTag[];
}

export interface StoredRole extends StoredPrincipalEntity {
  trustPolicy: string;
  maxSessionDuration: number;
}

export type StoredUser = StoredPrincipalEntity;

export interface StoredPolicyVersion {
  versionId: string;
  document: string;
  createDate: number;
}

export interface StoredManagedPolicy {
  name: string;
  path: string;
  id: string;
  arn: string;
  description?: string;
  createDate: number;
  updateDate: number;
  defaultVersionId: string;
  versions: StoredPolicyVersion[];
}

export interface IamState {
  roles: StoredRole[];
  users: StoredUser[];
  policies: StoredManagedPolicy[];
}

export function emptyIamState(): IamState {
  return { roles: [], users: [], policies: [] };
}

/** IAM's unique ids: a type prefix and 17 characters; derived from the ARN so they stay stable. */
export function iamUniqueId(prefix: 'AROA' | 'AIDA' | 'ANPA', arn: string): string {
  return prefix + createHash('sha256').update(arn).digest('hex').toUpperCase().slice(0, 17);
}

/** IAM paths begin and end with `/`. */
export function normalisePath(path: string | undefined): string {
  if (path === undefined || path === '' || path === '/') return '/';
  return `${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}`;
}

export function roleArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:role${path}${name}`;
}

export function userArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:user${path}${name}`;
}

export function policyArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:policy${path}${name}`;
}
