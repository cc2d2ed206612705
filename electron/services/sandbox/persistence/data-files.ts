import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { parseArn } from '../arn';
import type { JournalRecord } from '../state-changes';
import { emptyWorldState } from '../sandbox-world';
import type { AccountSnapshot, RegionSnapshot, WorldState } from '../sandbox-world';
import { emptyIamState } from '../iam/iam-model';
import { emptyKmsState } from '../kms/kms-model';
import type { StoredSecret } from '../secret-model';
import { isMissingFile } from './file-system';
import type { SandboxFileSystem } from './file-system';
import { journalHeaderSchema, journalRecordSchema, snapshotV1Schema, snapshotV2Schema } from './state-schemas';

/**
 * The sandbox's two files: the snapshot (`<data file>`, the whole state at some moment, replaced
 * atomically) and the journal (`<data file>.journal`, one line per change since that snapshot).
 * Both carry a generation: compaction writes snapshot N+1 and then starts journal N+1, so a
 * journal older than its snapshot is already folded into it and is ignored, whatever step a
 * crash interrupted.
 */
export const snapshotFormat = 'airlock-sandbox';
const journalFormat = 'airlock-sandbox-journal';

export function journalPath(dataFile: string): string {
  return `${dataFile}.journal`;
}

function corrupt(path: string, reason: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `The sandbox data file ${path} could not be loaded (${reason}). Fix or move the file away; the sandbox did not start, so the file was left untouched.`,
    { details: { path } },
  );
}

function readOptional(fs: SandboxFileSystem, path: string): Buffer | undefined {
  try {
    return fs.readFileSync(path);
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw corrupt(path, 'it cannot be read');
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the file's content, which holds secret values: keep it out.
    throw corrupt(path, 'it is not valid JSON');
  }
}

function schemaProblem(path: string, issues: readonly { readonly path: readonly PropertyKey[] }[]): AppError {
  const where = issues[0]?.path.map(String).join('.') ?? '';
  return corrupt(path, `it is not an Airlock sandbox file${where === '' ? '' : `: unexpected content at ${where}`}`);
}

/** Version 1 kept one list of secrets; each now goes to the account and region its ARN names. */
function migrateV1(secrets: readonly StoredSecret[], nextSeq: number, fallback: { accountId: string; region: string }): WorldState {
  const accounts = new Map<string, AccountSnapshot>();
  for (const secret of secrets) {
    const arn = parseArn(secret.arn);
    const accountId = arn !== undefined && /^\d{12}$/.test(arn.accountId) ? arn.accountId : fallback.accountId;
    const regionName = arn?.region === undefined || arn.region === '' ? fallback.region : arn.region;
    let account = accounts.get(accountId);
    if (account === undefined) {
      account = { accountId, iam: emptyIamState(), regions: [] };
      accounts.set(accountId, account);
    }
    let region: RegionSnapshot | undefined = account.regions.find((candidate) => candidate.region === regionName);
    if (region === undefined) {
      region = { region: regionName, nextSeq, secrets: [], kms: emptyKmsState(), events: [] };
      account.regions.push(region);
    }
    region.secrets.push(secret);
  }
  return { accounts: [...accounts.values()] };
}

export interface LoadedSnapshot {
  readonly state: WorldState;
  readonly generation: number;
  readonly bytes: number;
  /** A version 1 file: it is rewritten in the current format at the next compaction. */
  readonly needsRewrite: boolean;
}

export function loadSnapshot(fs: SandboxFileSystem, path: string, fallback: { accountId: string; region: string }): LoadedSnapshot {
  const content = readOptional(fs, path);
  if (content === undefined) return { state: emptyWorldState(), generation: 0, bytes: 0, needsRewrite: false };
  const json = parseJson(content.toString('utf8'), path);
  const v2 = snapshotV2Schema.safeParse(json);
  if (v2.success) return { state: { accounts: v2.data.accounts }, generation: v2.data.generation, bytes: content.length, needsRewrite: false };
  const v1 = snapshotV1Schema.safeParse(json);
  if (v1.success) {
    const names = new Set(v1.data.secrets.map((secret) => secret.name));
    if (names.size !== v1.data.secrets.length) throw corrupt(path, 'it lists the same secret name twice');
    return { state: migrateV1(v1.data.secrets, v1.data.nextSeq, fallback), generation: 0, bytes: content.length, needsRewrite: true };
  }
  const version = typeof json === 'object' && json !== null && 'version' in json ? json.version : undefined;
  throw schemaProblem(path, version === 1 ? v1.error.issues : v2.error.issues);
}

export function encodeSnapshot(state: WorldState, generation: number): Buffer {
  return Buffer.from(JSON.stringify({ format: snapshotFormat, version: 2, generation, accounts: state.accounts }), 'utf8');
}

/** One journal line: a checksum of the JSON, a space, the JSON, a newline. */
function encodeLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${createHash('sha256').update(json).digest('hex').slice(0, 16)} ${json}\n`;
}

function decodeLine(line: string): unknown {
  const space = line.indexOf(' ');
  if (space !== 16) return undefined;
  const json = line.slice(17);
  if (createHash('sha256').update(json).digest('hex').slice(0, 16) !== line.slice(0, 16)) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

export function encodeJournalHeader(generation: number): Buffer {
  return Buffer.from(encodeLine({ t: 'journal', format: journalFormat, generation }), 'utf8');
}

export function encodeJournalRecords(records: readonly JournalRecord[]): Buffer {
  return Buffer.from(records.map(encodeLine).join(''), 'utf8');
}

export interface LoadedJournal {
  readonly generation: number;
  readonly records: JournalRecord[];
  /** Bytes up to the end of the last whole record: where the next append goes. */
  readonly validBytes: number;
}

/** Splits the journal into lines at `\n` bytes (never inside a UTF-8 character). */
function lines(content: Buffer): { text: string; end: number; complete: boolean }[] {
  const found: { text: string; end: number; complete: boolean }[] = [];
  let start = 0;
  while (start < content.length) {
    const newline = content.indexOf(0x0a, start);
    const end = newline === -1 ? content.length : newline + 1;
    found.push({ text: content.subarray(start, newline === -1 ? content.length : newline).toString('utf8'), end, complete: newline !== -1 });
    start = end;
  }
  return found;
}

/**
 * Reads the journal. Each append is fsynced before the next, so only the last record can be torn
 * by a crash: a last line that is cut short or fails its checksum is ignored (and overwritten by
 * the next append). A bad line with good lines after it is damage, not a crash, and is refused.
 * Returns undefined when there is no journal (or only a torn header).
 */
export function loadJournal(fs: SandboxFileSystem, path: string): LoadedJournal | undefined {
  const content = readOptional(fs, path);
  if (content === undefined) return undefined;
  const all = lines(content);
  const decoded = all.map((line) => (line.complete ? decodeLine(line.text) : undefined));
  let lastGood = decoded.length - 1;
  while (lastGood >= 0 && decoded[lastGood] === undefined) lastGood -= 1;
  // Anything after the last good line is the torn tail; it may only be one record long.
  if (decoded.length - 1 - lastGood > 1) throw corrupt(path, 'its journal is damaged in more than its last record');
  if (lastGood < 0) return undefined;
  const header = journalHeaderSchema.safeParse(decoded[0]);
  if (!header.success) throw corrupt(path, 'its journal does not start with a journal header');
  const records: JournalRecord[] = [];
  for (let index = 1; index <= lastGood; index += 1) {
    const value = decoded[index];
    if (value === undefined) throw corrupt(path, `its journal is damaged at record ${String(index)}`);
    const record = journalRecordSchema.safeParse(value);
    if (!record.success) throw schemaProblem(path, record.error.issues);
    records.push(record.data);
  }
  return { generation: header.data.generation, records, validBytes: all[lastGood]?.end ?? 0 };
}
