/**
 * Secrets: the connections, variables and config values Airflow reads from AWS Secrets Manager
 * under the prefixes of the backend kwargs in use.
 *
 * Every method that needs the prefixes takes `kwargs`: the AIRFLOW__SECRETS__BACKEND_KWARGS JSON
 * text in use ("" = none set, Airflow's defaults). Kwargs Airflow would reject fail with
 * INVALID_INPUT; they are never silently replaced by the defaults.
 *
 * Listing never reads values. Values reach the renderer only from `secrets.get` (the user opened
 * a secret), an import preview (the user is reviewing a change) or an export the user asked to
 * include values in.
 */
import { z } from 'zod';
import { lookupKinds, type LookupKind } from '../airflow';
import type { ApiError } from '../errors';
import type { OutsideReason, SecretTag } from '../secrets';

export type { SecretTag } from '../secrets';
import type { ImportFormat, ImportPlanItem } from '../imports';
import { absolutePathSchema, folderRelativeFileSchema, kwargsJsonTextSchema, writeGuardFields } from './common';
import { method } from './contract';

/** The kinds are Airflow's lookup kinds; what differs between them is in shared/secrets' descriptors. */
export type SecretKind = LookupKind;


/** A secret's metadata from ListSecrets: never its value. Dates are ISO strings. */
export interface SecretSummary {
  readonly name: string;
  readonly arn: string;
  readonly kind: SecretKind;
  /** The conn_id, variable key or config key Airflow would use for this secret. */
  readonly id: string;
  readonly description: string | null;
  readonly lastChangedAt: string | null;
  readonly createdAt: string | null;
  /**
   * Set while the secret is scheduled for deletion: ListSecrets' `DeletedDate`, which is the date
   * AWS deletes it for good (the end of the recovery window), not when the deletion was asked for.
   */
  readonly deletedAt: string | null;
  readonly tags: readonly SecretTag[];
}

/** A secret that looks like an Airflow secret but that Airflow never reads, and why. */
export interface OutsideSecret {
  readonly name: string;
  readonly arn: string;
  readonly description: string | null;
  readonly lastChangedAt: string | null;
  readonly deletedAt: string | null;
  readonly tags: readonly SecretTag[];
  readonly reason: OutsideReason;
  readonly message: string;
  readonly kind: SecretKind | null;
  readonly id: string | null;
  /** The name Airflow reads for it; null when no rename helps. */
  readonly suggestedName: string | null;
}

export interface SecretPrefixes {
  readonly connections: string | null;
  readonly variables: string | null;
  readonly config: string | null;
}

/**
 * A listing that goes on after its first answer (`secrets.list` with `stream: true`): ask
 * `secrets.listMore` with this id and cursor for what follows, until an answer is `done`.
 */
export interface ListingStream {
  readonly listingId: string;
  readonly cursor: number;
  /** When the rows of this answer were listed (they come from the inventory); null: this is the listing's first page. */
  readonly listedAt: string | null;
  /** The rows come from what an earlier listing saw, shown while this one revalidates them. */
  readonly fromCache: boolean;
}

/** What a streamed listing found since the last answer. */
export interface ListingUpdate {
  readonly listingId: string;
  /** Rows to add, or to replace the row of the same name. */
  readonly items: readonly SecretSummary[];
  readonly notLookedUp: readonly OutsideSecret[];
  /** Names whose rows to drop (only in the last answer: gone since the cache was made). */
  readonly removed: readonly string[];
  /** Pass to the next `secrets.listMore`. */
  readonly cursor: number;
  /** Secrets seen and calls made so far. */
  readonly scanned: number;
  readonly listCalls: number;
  /** The listing is over: the rows are now exactly its result (or `error` says why it stopped). */
  readonly done: boolean;
  /** When the finished listing started; null until done. */
  readonly listedAt: string | null;
  readonly error: ApiError | null;
}

/** One item of a bulk move or restore. */
export interface BulkItemResult {
  /** The secret the item was about (the source of a move). */
  readonly name: string;
  readonly outcome: 'done' | 'failed';
  /** Where a move put it. */
  readonly to?: string;
  readonly error: ApiError | null;
}

export interface SecretListing {
  readonly prefixes: SecretPrefixes;
  /** What joins a prefix and an id (`sep`). */
  readonly joiner: string;
  /** Secrets Airflow reads, including those scheduled for deletion (`deletedAt` set). */
  readonly items: readonly SecretSummary[];
  /** Secrets under a prefix that Airflow still never reads (a lookup pattern skips them). */
  readonly notLookedUp: readonly OutsideSecret[];
  /** ListSecrets calls made: at most 1.5 x ceil(N/100) for N secrets (ranges fetched at once). */
  readonly listCalls: number;
  /** Warnings about the kwargs text (duplicate keys...). */
  readonly kwargsWarnings: readonly string[];
  /** Present when more rows follow (`secrets.listMore`); absent: this answer is the whole listing. */
  readonly stream?: ListingStream;
}

export interface OutsideListing {
  readonly items: readonly OutsideSecret[];
  readonly listCalls: number;
}

export interface SecretDetail {
  readonly name: string;
  readonly arn: string;
  readonly description: string | null;
  readonly tags: readonly SecretTag[];
  readonly lastChangedAt: string | null;
  readonly createdAt: string | null;
  /** The SecretString; null when the secret holds binary data (Airflow ignores those). */
  readonly value: string | null;
  readonly binary: boolean;
  readonly versionId: string;
  readonly versionStages: readonly string[];
  readonly versionCreatedAt: string | null;
}

export interface SecretVersion {
  readonly versionId: string;
  /** AWSCURRENT, AWSPREVIOUS, AWSPENDING or custom labels; empty for a deprecated version. */
  readonly stages: readonly string[];
  readonly createdAt: string | null;
  readonly lastAccessedAt: string | null;
}

export type SaveOutcome =
  | { readonly outcome: 'saved'; readonly name: string; readonly versionId: string | null; readonly concurrentWrite: boolean }
  | {
      readonly outcome: 'conflict';
      readonly name: string;
      /** What is stored now (someone changed it since it was opened). */
      readonly current: { readonly versionId: string; readonly value: string | null; readonly lastChangedAt: string | null };
    };

export interface ImportPreview {
  readonly format: ImportFormat;
  readonly items: readonly ImportPlanItem[];
  /** Problems with the file itself (not valid YAML...). */
  readonly fileProblems: readonly string[];
  readonly ignored: number;
}

export type ImportOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'skipped-exists'
  | 'skipped-invalid'
  | 'conflict'
  | 'failed'
  | 'would-create'
  | 'would-update';

export interface ImportItemResult {
  readonly key: string;
  readonly kind: 'connection' | 'variable';
  readonly id: string;
  readonly name: string | null;
  readonly outcome: ImportOutcome;
  readonly message: string | null;
  readonly error: ApiError | null;
}

export interface ImportRunResult {
  readonly dryRun: boolean;
  readonly results: readonly ImportItemResult[];
  readonly counts: Readonly<Record<ImportOutcome, number>>;
}

export interface ExportOutcome {
  readonly fileName: string;
  /** The file's text for the renderer to download; null when the main process saved it. */
  readonly content: string | null;
  /** Where the file was saved (Electron's save dialog); null otherwise. */
  readonly savedPath: string | null;
  readonly cancelled: boolean;
  readonly included: number;
  readonly skipped: readonly { readonly kind: SecretKind; readonly id: string; readonly reason: string }[];
}

const secretKindSchema = z.enum(lookupKinds);
/** The backend kwargs JSON text in use; "" = none set (Airflow's defaults). */
export const kwargsTextSchema = kwargsJsonTextSchema.default('');
const secretNameSchema = z.string().min(1).max(2048);
const idSchema = z.string().min(1).max(512);
/** Generous on purpose: the 65,536-byte limit is checked in bytes by the service (TOO_LARGE). */
const secretValueSchema = z.string().max(1_000_000);
const versionIdSchema = z.string().min(1).max(64);
const requestTokenSchema = z.string().regex(/^[A-Za-z0-9-]{32,64}$/, 'A request token is 32 to 64 letters, digits or dashes');
const tagSchema = z.object({ key: z.string().min(1).max(128), value: z.string().max(256) }).strict();
const tagsSchema = z.array(tagSchema).max(50);
const taskIdSchema = z.string().min(1).max(100).optional();
const storageSchema = z.enum(['json', 'uri']);
const importFormatSchema = z.enum(['airflow-settings-yaml', 'connections-json', 'connections-yaml', 'connections-env', 'dotenv', 'variables-json']);
const exportFormatSchema = z.enum(['airflow-settings-yaml', 'connections-json', 'connections-yaml', 'connections-env', 'dotenv']);

/**
 * Where an import comes from. The window never names an arbitrary file: it sends the text (a file
 * the user chose in the page, or pasted), the handle of a file the user picked in the desktop
 * app's open dialog (`secrets.pickImportFile`), or a file inside an Astro project folder.
 */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(5_000_000), fileName: z.string().max(1024).optional() }).strict(),
  z.object({ kind: z.literal('picked'), handle: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'Not a file handle; choose the file again') }).strict(),
  /** A file of the project, relative to its folder; symlinks that lead out of the folder are refused. */
  z.object({ kind: z.literal('project-file'), project: absolutePathSchema, file: folderRelativeFileSchema }).strict(),
]);

export type ImportSource = z.input<typeof importSourceSchema>;
/** The sources the main process reads from disk. */
export type ImportFileSource = Exclude<ImportSource, { kind: 'text' }>;

/** A file picked in the desktop app's open dialog: the page knows its name, never its path. */
export interface PickedImportFile {
  /** Opaque and random; valid in this session for a while (pick again after that). */
  readonly handle: string;
  /** The file's name without its folder, for display and format detection. */
  readonly name: string;
}

const importInput = {
  kwargs: kwargsTextSchema,
  source: importSourceSchema,
  /** Omitted: detected from the file name and content. */
  format: importFormatSchema.optional(),
  /** How new and changed connections are stored. */
  storage: storageSchema.default('json'),
  taskId: taskIdSchema,
};

const moveSchema = z.object({ from: secretNameSchema, toKind: secretKindSchema, toId: idSchema, clientRequestToken: requestTokenSchema }).strict();
/** Bulk moves and restores take at most this many secrets a call. */
export const MAX_BULK_ITEMS = 5_000;

export const secretsMethods = {
  /**
   * The secrets Airflow reads. With `stream: true` it answers at once (the inventory of earlier
   * listings, or the first page) and `stream` says how to get the rest (`secrets.listMore`).
   */
  'secrets.list': method<SecretListing>()(z.object({ kwargs: kwargsTextSchema, taskId: taskIdSchema, stream: z.boolean().optional() }).strict()),
  /** What a streamed listing found after `cursor`; waits a while for the next page when nothing is new. */
  'secrets.listMore': method<ListingUpdate>()(z.object({ listingId: z.string().min(1).max(100), cursor: z.number().int().min(0).max(1_000_000) }).strict()),
  /** Stops a running listing, import, bulk move or restore, or value check, by its task (or listing) id. */
  'secrets.cancel': method<{ readonly cancelled: boolean }>()(z.object({ taskId: z.string().min(1).max(100) }).strict()),
  'secrets.listOutside': method<OutsideListing>()(z.object({ kwargs: kwargsTextSchema, taskId: taskIdSchema }).strict()),
  /** Reads the values of the connections (on request only) to find variables stored as connections. */
  'secrets.checkConnectionValues': method<{ readonly items: readonly OutsideSecret[]; readonly checked: number }>()(
    z.object({ kwargs: kwargsTextSchema, taskId: taskIdSchema }).strict(),
  ),
  'secrets.get': method<SecretDetail>()(z.object({ name: secretNameSchema, versionId: versionIdSchema.optional() }).strict()),
  'secrets.history': method<{ readonly name: string; readonly versions: readonly SecretVersion[] }>()(z.object({ name: secretNameSchema }).strict()),
  'secrets.create': method<{ readonly name: string; readonly arn: string; readonly versionId: string }>()(
    z
      .object({
        kwargs: kwargsTextSchema,
        kind: secretKindSchema,
        id: idSchema,
        value: secretValueSchema,
        description: z.string().max(2048).optional(),
        tags: tagsSchema.optional(),
        clientRequestToken: requestTokenSchema,
        ...writeGuardFields,
      })
      .strict(),
    { invalidates: ['secrets.list'] },
  ),
  'secrets.update': method<SaveOutcome>()(
    z
      .object({
        name: secretNameSchema,
        /** The AWSCURRENT version the editor opened; the save stops with a conflict if it moved. */
        expectedVersionId: versionIdSchema,
        value: secretValueSchema.optional(),
        description: z.string().max(2048).optional(),
        tags: tagsSchema.optional(),
        clientRequestToken: requestTokenSchema,
        ...writeGuardFields,
      })
      .strict(),
    { invalidates: ['secrets.list', 'secrets.history'] },
  ),
  'secrets.delete': method<{ readonly name: string; readonly deletionDate: string | null; readonly forced: boolean }>()(
    z
      .object({
        name: secretNameSchema,
        recoveryWindowDays: z.number().int().min(7).max(30).default(30),
        /** Deletes at once, without recovery; only with the secret's name typed again. */
        forceDeleteConfirmName: z.string().max(2048).optional(),
        ...writeGuardFields,
      })
      .strict(),
    { invalidates: ['secrets.list'] },
  ),
  'secrets.restore': method<{ readonly name: string }>()(z.object({ name: secretNameSchema, ...writeGuardFields }).strict(), { invalidates: ['secrets.list'] }),
  'secrets.rollback': method<{ readonly name: string; readonly versionId: string }>()(
    z.object({ name: secretNameSchema, toVersionId: versionIdSchema, expectedCurrentVersionId: versionIdSchema, ...writeGuardFields }).strict(),
    { invalidates: ['secrets.history', 'secrets.list'] },
  ),
  /** Copies a misplaced secret (value, description, tags) to the name Airflow reads, then schedules the old one for deletion. */
  'secrets.move': method<{ readonly from: string; readonly to: string; readonly deletionDate: string | null }>()(
    z
      .object({ kwargs: kwargsTextSchema, from: secretNameSchema, toKind: secretKindSchema, toId: idSchema, clientRequestToken: requestTokenSchema, ...writeGuardFields })
      .strict(),
    { invalidates: ['secrets.list', 'secrets.listOutside'] },
  ),
  /** Moves many misplaced secrets (like `secrets.move`), concurrently at the write quota; one production confirmation for all. */
  'secrets.moveMany': method<{ readonly results: readonly BulkItemResult[] }>()(
    z.object({ kwargs: kwargsTextSchema, moves: z.array(moveSchema).min(1).max(MAX_BULK_ITEMS), taskId: taskIdSchema, ...writeGuardFields }).strict(),
    { invalidates: ['secrets.list', 'secrets.listOutside'] },
  ),
  /** Restores many secrets scheduled for deletion, concurrently at the write quota; one production confirmation for all. */
  'secrets.restoreMany': method<{ readonly results: readonly BulkItemResult[] }>()(
    z.object({ names: z.array(secretNameSchema).min(1).max(MAX_BULK_ITEMS), taskId: taskIdSchema, ...writeGuardFields }).strict(),
    { invalidates: ['secrets.list'] },
  ),
  /** Desktop app only: the native open dialog. Browser mode answers INVALID_INPUT (the page sends the file's text instead). */
  'secrets.pickImportFile': method<{ readonly file: PickedImportFile | null }>()(z.object({}).strict()),
  'secrets.importPreview': method<ImportPreview>()(z.object(importInput).strict()),
  'secrets.importRun': method<ImportRunResult>()(
    z
      .object({
        ...importInput,
        policy: z.enum(['skip', 'overwrite']),
        dryRun: z.boolean().default(false),
        /** Plan item keys to run (a retry of the failed ones); omitted: all. */
        only: z.array(z.string().max(1200)).max(10_000).optional(),
        /** The version each secret had in the preview (null: it did not exist); a different one now is a conflict. */
        expectedVersions: z.record(z.string().max(2048), z.string().max(64).nullable()).optional(),
        ...writeGuardFields,
      })
      .strict(),
    { invalidates: ['secrets.list'] },
  ),
  'secrets.export': method<ExportOutcome>()(
    z
      .object({
        kwargs: kwargsTextSchema,
        format: exportFormatSchema,
        /** Values leave Secrets Manager only when this is explicitly true. */
        includeValues: z.boolean().default(false),
        kinds: z.array(secretKindSchema).min(1).max(3).optional(),
        taskId: taskIdSchema,
      })
      .strict(),
  ),
} as const;
