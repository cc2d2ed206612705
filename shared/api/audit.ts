/**
 * Audit: who changed a secret (CloudTrail, as AWS recorded it) and what Airlock itself wrote (its
 * own append-only log). Neither ever carries a secret value.
 */
import { z } from 'zod';
import { method } from './contract';

/** How CloudTrail names the one who made a call. */
export type TrailActorKind = 'iam-user' | 'sso-user' | 'assumed-role' | 'root' | 'aws-service' | 'unknown';

export interface TrailActor {
  readonly kind: TrailActorKind;
  /** What a person recognises: the IAM user name, the SSO user name, the role and session. */
  readonly name: string;
  /** The identity's ARN as CloudTrail recorded it, or null. */
  readonly arn: string | null;
  readonly accessKeyId: string | null;
}

/** The program that sent the call, read from the recorded user agent. */
export type TrailToolKind = 'airlock' | 'console' | 'aws-cli' | 'sdk' | 'terraform' | 'other';

export interface TrailTool {
  readonly kind: TrailToolKind;
  readonly label: string;
  /** The user agent as recorded (cut to a readable length). */
  readonly userAgent: string;
}

export interface TrailEvent {
  readonly eventId: string;
  /** The API call: CreateSecret, PutSecretValue, UpdateSecret, DeleteSecret, ... */
  readonly eventName: string;
  readonly time: string;
  readonly actor: TrailActor;
  readonly tool: TrailTool;
  readonly sourceIp: string | null;
  /** Set when AWS refused the call (it changed nothing). */
  readonly errorCode: string | null;
  /** For version stage moves: the stage and the versions it moved between, when recorded. */
  readonly detail: string | null;
}

export type TrailStatus =
  | { readonly kind: 'complete' }
  /** More events exist than Airlock reads at once (the newest are shown). */
  | { readonly kind: 'truncated'; readonly shown: number }
  | { readonly kind: 'no-permission'; readonly message: string }
  | { readonly kind: 'throttled'; readonly message: string };

export interface SecretTrail {
  readonly name: string;
  readonly region: string;
  /** Newest first; writes only (reads are not changes). */
  readonly events: readonly TrailEvent[];
  readonly status: TrailStatus;
}

export type AuditOutcome = 'ok' | 'failed' | 'cancelled';

/** One write Airlock made, as its own audit log keeps it. Never a value. */
export interface AuditEntry {
  /** Increasing within one data folder; with `time`, identifies the entry. */
  readonly seq: number;
  readonly time: string;
  /** The API method that wrote, e.g. `secrets.update`, `projects.applyChanges`, `deploy.apply`. */
  readonly action: string;
  /** What it wrote: a secret name, a file path, a Deployment. */
  readonly target: string;
  readonly profile: string | null;
  readonly account: string | null;
  readonly region: string | null;
  readonly environment: string | null;
  readonly outcome: AuditOutcome;
  /** The error code when the write failed. */
  readonly errorCode: string | null;
  /** A short description without values (e.g. "scheduled for deletion in 30 days"). */
  readonly note: string | null;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Matching entries in the whole log (all rotated files). */
  readonly total: number;
  /** Lines Airlock could not read (a torn write after a crash, a hand edit); they are skipped, never rewritten. */
  readonly unreadableLines: number;
  readonly logPath: string;
}

export interface AuditExport {
  readonly fileName: string;
  /** The file's text for the renderer to download; null when the main process saved it. */
  readonly content: string | null;
  readonly savedPath: string | null;
  readonly cancelled: boolean;
  readonly count: number;
}

const auditFilterFields = {
  /** Case-insensitive match on action, target, profile, account, region, environment and note. */
  text: z.string().max(200).default(''),
  outcome: z.enum(['ok', 'failed', 'cancelled']).optional(),
  /** Domain of the action (`secrets`, `projects`, `deploy`, ...). */
  domain: z.string().max(40).optional(),
};

export const auditMethods = {
  /** CloudTrail's record of writes to one secret (looked up by ARN and by name, merged). */
  'audit.secretTrail': method<SecretTrail>()(
    z.object({ name: z.string().min(1).max(2048), arn: z.string().min(1).max(2048).optional() }).strict(),
  ),
  /** Airlock's own audit log, newest first. */
  'audit.list': method<AuditPage>()(
    z.object({ ...auditFilterFields, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  ),
  /** The matching entries as JSON Lines or CSV (Electron: a save dialog; browser mode: a download). */
  'audit.export': method<AuditExport>()(z.object({ ...auditFilterFields, format: z.enum(['jsonl', 'csv']) }).strict()),
} as const;
