/**
 * Issue 12 item 7: the sandbox's persistence costs O(change) per write (an append to a journal,
 * fsynced) and stays atomic and crash-safe: a torn last record is ignored, compaction replaces the
 * snapshot by rename, and a crash at any step loses nothing that was acknowledged.
 */
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/services/sandbox';
import type { SandboxFileSystem, SandboxHandle } from '../../../electron/services/sandbox';
import { lookupEvents } from './aws-wire';
import { postJson, secretsClient, startupError, testCredentials } from './sandbox-harness';

let directory: string;

beforeEach(() => {
  directory = fs.mkdtempSync(join(tmpdir(), 'airlock-journal-'));
});

afterEach(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

const realFs: SandboxFileSystem = {
  readFileSync: (path) => fs.readFileSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
  mkdirSync: (path, options) => {
    fs.mkdirSync(path, options);
  },
};

/** Counts the bytes the sandbox hands to write(2). */
function countingFs(): { fileSystem: SandboxFileSystem; written: () => number; reset: () => void } {
  let bytes = 0;
  return {
    fileSystem: {
      ...realFs,
      writeSync: (fd, buffer, offset, length) => {
        const written = realFs.writeSync(fd, buffer, offset, length);
        bytes += written;
        return written;
      },
    },
    written: () => bytes,
    reset: () => {
      bytes = 0;
    },
  };
}

class SimulatedCrash extends Error {}

/**
 * A file system that "loses power" at the first call `crashAt` picks: that call and every later
 * one fail, as if the process had died there (closing descriptors still works: the OS does that).
 */
function crashingFs(crashAt: (operation: string, path: string) => boolean = () => false): { fileSystem: SandboxFileSystem; crashed: () => boolean; die: () => void } {
  let dead = false;
  const guard = <T>(operation: string, path: string, run: () => T): T => {
    if (!dead && crashAt(operation, path)) dead = true;
    if (dead) throw new SimulatedCrash(`simulated crash at ${operation} ${path}`);
    return run();
  };
  return {
    fileSystem: {
      readFileSync: (path) => guard('read', path, () => realFs.readFileSync(path)),
      openSync: (path, flags, mode) => guard('open', path, () => realFs.openSync(path, flags, mode)),
      writeSync: (fd, buffer, offset, length) => guard('write', String(fd), () => realFs.writeSync(fd, buffer, offset, length)),
      fsyncSync: (fd) => {
        guard('fsync', String(fd), () => {
          realFs.fsyncSync(fd);
        });
      },
      ftruncateSync: (fd, length) => {
        guard('truncate', String(fd), () => {
          realFs.ftruncateSync(fd, length);
        });
      },
      closeSync: (fd) => {
        realFs.closeSync(fd);
      },
      renameSync: (from, to) => {
        guard('rename', to, () => {
          realFs.renameSync(from, to);
        });
      },
      unlinkSync: (path) => {
        guard('unlink', path, () => {
          realFs.unlinkSync(path);
        });
      },
      mkdirSync: (path, options) => {
        guard('mkdir', path, () => {
          realFs.mkdirSync(path, options);
        });
      },
    },
    crashed: () => dead,
    die: () => {
      dead = true;
    },
  };
}

/**
 * Stops a sandbox whose file system has "died": the server closes and the files stay as the crash
 * left them (close cannot fold the journal; it fails, or has nothing to fold).
 */
async function abandon(sandbox: SandboxHandle): Promise<void> {
  await sandbox.close().catch((error: unknown) => {
    if (!(error instanceof SimulatedCrash)) throw error;
  });
}

/** A data file in the format of the sandbox before accounts (one list of secrets). */
function writeVersion1File(path: string, count: number, valueBytes: number): void {
  const secrets = Array.from({ length: count }, (_, index) => ({
    seq: index + 1,
    arn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:bulk/secret-${String(index).padStart(5, '0')}-AbCdEf`,
    name: `bulk/secret-${String(index).padStart(5, '0')}`,
    tags: [{ key: 'team', value: 'data' }],
    createdDate: 1_767_225_600_000,
    lastChangedDate: 1_767_225_600_000,
    versions: [{ versionId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, secretString: 'x'.repeat(valueBytes), createdDate: 1_767_225_600_000, stages: ['AWSCURRENT'] }],
  }));
  fs.writeFileSync(path, JSON.stringify({ format: 'airlock-sandbox', version: 1, nextSeq: count + 1, secrets }));
}

async function names(sandbox: SandboxHandle, region = 'us-east-1'): Promise<string[]> {
  const client = secretsClient(sandbox, { region });
  const found: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListSecretsCommand({ NextToken: token }));
    found.push(...(page.SecretList ?? []).map((secret) => secret.Name ?? ''));
    token = page.NextToken;
  } while (token !== undefined);
  client.destroy();
  return found.sort();
}

async function create(sandbox: SandboxHandle, name: string, value = 'v'): Promise<void> {
  const client = secretsClient(sandbox);
  await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  client.destroy();
}

async function createEvents(sandbox: SandboxHandle): Promise<number> {
  const answer = await lookupEvents(sandbox, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateSecret' }], MaxResults: 50 });
  return (answer.body.Events as unknown[]).length;
}

describe('journal persistence', () => {
  it('issue 12 item 7: a write costs the same bytes on disk with 5,000 secrets stored as with 20', async () => {
    const perWrite = async (count: number): Promise<{ bytesPerWrite: number; storeBytes: number }> => {
      const dataFile = join(directory, `store-${String(count)}.json`);
      writeVersion1File(dataFile, count, 200);
      const storeBytes = fs.statSync(dataFile).size;
      const counter = countingFs();
      const sandbox = await startSandbox({ dataFile, persistence: { fileSystem: counter.fileSystem } });
      const client = secretsClient(sandbox);
      // The first write of a run also creates the journal; measure the ones after it.
      await client.send(new PutSecretValueCommand({ SecretId: 'bulk/secret-00000', SecretString: 'y'.repeat(200) }));
      counter.reset();
      const writes = 10;
      for (let index = 1; index <= writes; index += 1) {
        await client.send(new PutSecretValueCommand({ SecretId: `bulk/secret-${String(index).padStart(5, '0')}`, SecretString: 'y'.repeat(200) }));
      }
      const bytesPerWrite = counter.written() / writes;
      client.destroy();
      await sandbox.close();
      return { bytesPerWrite, storeBytes };
    };
    const small = await perWrite(20);
    const large = await perWrite(5_000);
    expect(large.storeBytes, 'the large store is large').toBeGreaterThan(100 * small.storeBytes);
    // One secret (two versions) and one CloudTrail event per write, whatever else is stored.
    expect(large.bytesPerWrite, `bytes per write: ${String(small.bytesPerWrite)} with 20 secrets, ${String(large.bytesPerWrite)} with 5,000`).toBeLessThanOrEqual(small.bytesPerWrite * 1.05);
    expect(large.bytesPerWrite).toBeLessThan(large.storeBytes / 100);
  });

  it('issue 12 item 7: seeding 300 secrets through POST /_sandbox/secrets costs one fsync, answers only once durable, and each is a CreateSecret of its own', async () => {
    const dataFile = join(directory, 'seeded.json');
    let fsyncs = 0;
    const fileSystem: SandboxFileSystem = {
      ...realFs,
      fsyncSync: (fd) => {
        fsyncs += 1;
        realFs.fsyncSync(fd);
      },
    };
    const sandbox = await startSandbox({ dataFile, persistence: { fileSystem } });
    await create(sandbox, 'seed/before');
    fsyncs = 0;
    const secrets = Array.from({ length: 300 }, (_, index) => ({ name: `seed/s-${String(index).padStart(3, '0')}`, value: `value ${String(index)}` }));
    const response = await postJson(`${sandbox.url}/_sandbox/secrets`, { secrets: [...secrets, { name: 'seed/before', value: 'again' }, { name: 'bad name!', value: 'v' }] });
    expect(await response.json()).toEqual({ created: 300, skipped: 1, failed: [{ name: 'bad name!', code: 'InvalidParameterException', message: expect.any(String) as unknown }] });
    expect(fsyncs, 'fsyncs for the whole seed').toBe(1);
    // CloudTrail recorded them as CreateSecret calls (a full page of them).
    expect(await createEvents(sandbox)).toBe(50);
    // A crash right after the answer loses nothing: the journal alone holds the seed.
    fs.copyFileSync(`${dataFile}.journal`, join(directory, 'copy.json.journal'));
    await sandbox.close();
    const again = await startSandbox({ dataFile: join(directory, 'copy.json') });
    expect(await names(again)).toEqual(['seed/before', ...secrets.map((secret) => secret.name)]);
    await again.close();
  });

  it("issue 12 item 7: a read's day-resolution access date costs no disk write of its own; it is kept with the next write or on close", async () => {
    const dataFile = join(directory, 'reads.json');
    const counter = countingFs();
    const sandbox = await startSandbox({ dataFile, persistence: { fileSystem: counter.fileSystem } });
    await create(sandbox, 'reads/one');
    counter.reset();
    const client = secretsClient(sandbox);
    await client.send(new GetSecretValueCommand({ SecretId: 'reads/one' }));
    expect(counter.written(), 'bytes written by a read').toBe(0);
    const accessed = (await client.send(new DescribeSecretCommand({ SecretId: 'reads/one' }))).LastAccessedDate;
    expect(accessed).toBeInstanceOf(Date);
    client.destroy();
    await sandbox.close();
    const again = await startSandbox({ dataFile });
    const reopened = secretsClient(again);
    expect((await reopened.send(new DescribeSecretCommand({ SecretId: 'reads/one' }))).LastAccessedDate).toEqual(accessed);
    reopened.destroy();
    await again.close();
  });

  it('issue 12 item 7: close folds the journal into the snapshot and leaves one file; writes in between go to the journal only', async () => {
    const dataFile = join(directory, 'sandbox.json');
    const sandbox = await startSandbox({ dataFile });
    await create(sandbox, 'journal/first');
    expect(fs.readdirSync(directory).sort()).toEqual(['sandbox.json.journal']);
    if (process.platform !== 'win32') expect(fs.statSync(`${dataFile}.journal`).mode & 0o777).toBe(0o600);
    await sandbox.close();
    expect(fs.readdirSync(directory)).toEqual(['sandbox.json']);
    expect(JSON.parse(fs.readFileSync(dataFile, 'utf8'))).toMatchObject({ format: 'airlock-sandbox', version: 2, generation: 1 });
  });

  it('issue 12 item 7: a crash after the journal append and before compaction loses nothing (npm run sandbox killed with SIGKILL)', { timeout: 60_000 }, async () => {
    const dataFile = join(directory, 'killed.json');
    const root = resolve(import.meta.dirname, '../../..');
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'electron', 'sandbox-cli.ts'), '--data', dataFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) => child.once('exit', (_code, signal) => resolveExit(signal)));
    const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
    const url = /listening on (http:\/\/\S+)/.exec(String(first.value))?.[1];
    if (url === undefined) throw new Error(`Unexpected first line: ${String(first.value)}`);
    const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: url, credentials: testCredentials, maxAttempts: 1 });
    await client.send(new CreateSecretCommand({ Name: 'killed/one', SecretString: 'first' }));
    await client.send(new PutSecretValueCommand({ SecretId: 'killed/one', SecretString: 'second' }));
    await client.send(new CreateSecretCommand({ Name: 'killed/two', SecretString: 'other' }));
    client.destroy();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Acknowledged writes are in the journal; no snapshot was ever written.
    expect(fs.existsSync(dataFile)).toBe(false);
    expect(fs.existsSync(`${dataFile}.journal`)).toBe(true);

    const restarted = await startSandbox({ dataFile });
    expect(await names(restarted)).toEqual(['killed/one', 'killed/two']);
    const again = secretsClient(restarted);
    expect((await again.send(new GetSecretValueCommand({ SecretId: 'killed/one' }))).SecretString).toBe('second');
    expect((await again.send(new GetSecretValueCommand({ SecretId: 'killed/one', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('first');
    again.destroy();
    expect(await createEvents(restarted)).toBe(2);
    await restarted.close();
  });

  it('issue 12 item 7: a torn last journal record is ignored, and the next write starts on a clean line', async () => {
    const dataFile = join(directory, 'torn.json');
    const power = crashingFs();
    const first = await startSandbox({ dataFile, persistence: { fileSystem: power.fileSystem } });
    await create(first, 'torn/kept-1');
    await create(first, 'torn/kept-2');
    power.die();
    await abandon(first);
    // The write in flight when the power went: half a record, no newline.
    fs.appendFileSync(`${dataFile}.journal`, '0123456789abcdef {"t":"secret","a":"000000000000","r":"us-east-1","n":9,"s":{"name":"torn/lost","se');

    const second = await startSandbox({ dataFile });
    expect(await names(second)).toEqual(['torn/kept-1', 'torn/kept-2']);
    await create(second, 'torn/after');
    await second.close();
    const third = await startSandbox({ dataFile });
    expect(await names(third)).toEqual(['torn/after', 'torn/kept-1', 'torn/kept-2']);
    await third.close();
  });

  it('issue 12 item 7: a last record that is whole but fails its checksum is a torn write too', async () => {
    const dataFile = join(directory, 'checksum.json');
    const power = crashingFs();
    const first = await startSandbox({ dataFile, persistence: { fileSystem: power.fileSystem } });
    await create(first, 'checksum/kept');
    await create(first, 'checksum/torn');
    power.die();
    await abandon(first);
    const journal = `${dataFile}.journal`;
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    // The last line is the second create's CloudTrail event; garble the secret record before it instead.
    const last = lines.length - 2;
    lines[last] = (lines[last] ?? '').replace('CreateSecret', 'CreateSecreT');
    fs.writeFileSync(journal, lines.join('\n'));
    const second = await startSandbox({ dataFile });
    expect(await names(second)).toEqual(['checksum/kept', 'checksum/torn']);
    expect(await createEvents(second)).toBe(1);
    await second.close();
  });

  it('issue 12 item 7: a crash during compaction, before the new snapshot is renamed into place, loses nothing', async () => {
    const dataFile = join(directory, 'compaction.json');
    let snapshotRenames = 0;
    const power = crashingFs((operation, path) => operation === 'rename' && path === dataFile && ++snapshotRenames === 2);
    // Compact after every request, so the second request's compaction is the one that crashes.
    const sandbox = await startSandbox({ dataFile, persistence: { fileSystem: power.fileSystem, compactAfterBytes: 1 } });
    await create(sandbox, 'compaction/first');
    const client = secretsClient(sandbox);
    // The journal append was durable; the crash came after it, so the caller hears of a failure.
    await expect(client.send(new CreateSecretCommand({ Name: 'compaction/second', SecretString: 'v' }))).rejects.toMatchObject({ name: 'InternalServiceError' });
    client.destroy();
    expect(power.crashed()).toBe(true);
    await abandon(sandbox);

    const restarted = await startSandbox({ dataFile });
    expect(await names(restarted)).toEqual(['compaction/first', 'compaction/second']);
    expect(await createEvents(restarted)).toBe(2);
    await restarted.close();
  });

  it('issue 12 item 7: a crash after the new snapshot is in place and before the journal restarts does not replay the old journal', async () => {
    const dataFile = join(directory, 'generation.json');
    const journal = `${dataFile}.journal`;
    let journalRenames = 0;
    // Rename 1 starts the first journal, 2 the journal after the first compaction, 3 after the second.
    const power = crashingFs((operation, path) => operation === 'rename' && path === journal && ++journalRenames === 3);
    const sandbox = await startSandbox({ dataFile, persistence: { fileSystem: power.fileSystem, compactAfterBytes: 1 } });
    await create(sandbox, 'generation/first');
    await expect(create(sandbox, 'generation/second')).rejects.toMatchObject({ name: 'InternalServiceError' });
    await abandon(sandbox);
    // The snapshot already holds both; the journal is the older generation and holds the second create again.
    expect(JSON.parse(fs.readFileSync(dataFile, 'utf8'))).toMatchObject({ generation: 2 });
    expect(fs.readFileSync(journal, 'utf8')).toContain('generation/second');

    const restarted = await startSandbox({ dataFile });
    expect(await names(restarted)).toEqual(['generation/first', 'generation/second']);
    // Replaying the stale journal would have recorded the second CreateSecret event twice.
    expect(await createEvents(restarted)).toBe(2);
    await restarted.close();
    expect(fs.readdirSync(directory).filter((file) => !file.endsWith('.tmp'))).toEqual(['generation.json']);
  });
});

describe('legacy and damaged files', () => {
  it("issue 12 item 7: issue 13 item 7: a data file from before accounts opens as the default account's store (by each ARN's region) and is rewritten on close", async () => {
    const dataFile = join(directory, 'legacy.json');
    const secret = (name: string, region: string, seq: number): Record<string, unknown> => ({
      seq,
      arn: `arn:aws:secretsmanager:${region}:000000000000:secret:${name}-AbCdEf`,
      name,
      tags: [],
      createdDate: 1_767_225_600_000,
      lastChangedDate: 1_767_225_600_000,
      versions: [{ versionId: `00000000-0000-4000-8000-00000000000${String(seq)}`, secretString: `value of ${name}`, createdDate: 1_767_225_600_000, stages: ['AWSCURRENT'] }],
    });
    fs.writeFileSync(dataFile, JSON.stringify({ format: 'airlock-sandbox', version: 1, nextSeq: 3, secrets: [secret('legacy/east', 'us-east-1', 1), secret('legacy/west', 'eu-west-1', 2)] }));
    const sandbox = await startSandbox({ dataFile });
    expect(await names(sandbox)).toEqual(['legacy/east']);
    expect(await names(sandbox, 'eu-west-1')).toEqual(['legacy/west']);
    const client = secretsClient(sandbox);
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:legacy/east-AbCdEf' }))).SecretString).toBe('value of legacy/east');
    client.destroy();
    await sandbox.close();
    expect(JSON.parse(fs.readFileSync(dataFile, 'utf8'))).toMatchObject({ version: 2, accounts: [{ accountId: '000000000000' }] });
    const again = await startSandbox({ dataFile });
    expect(await names(again)).toEqual(['legacy/east']);
    await again.close();
  });

  it('issue 12 item 7: a damaged record before the last one is refused, leaving the files untouched and the value unquoted', async () => {
    const dataFile = join(directory, 'damaged.json');
    const power = crashingFs();
    const sandbox = await startSandbox({ dataFile, persistence: { fileSystem: power.fileSystem } });
    await create(sandbox, 'damaged/one', 'hunter2-secret-value');
    await create(sandbox, 'damaged/two');
    power.die();
    await abandon(sandbox);
    const journal = `${dataFile}.journal`;
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace('damaged/one', 'damaged/0ne');
    const damaged = lines.join('\n');
    fs.writeFileSync(journal, damaged);
    const error = await startupError(dataFile);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(dataFile);
    expect(error.message).not.toContain('hunter2');
    expect(fs.readFileSync(journal, 'utf8')).toBe(damaged);
    expect(fs.existsSync(dataFile)).toBe(false);
  });

  it('issue 12 item 7: a journal newer than its snapshot (an old snapshot restored over a newer one) is refused', async () => {
    const dataFile = join(directory, 'mismatch.json');
    const power = crashingFs();
    const sandbox = await startSandbox({ dataFile, persistence: { fileSystem: power.fileSystem, compactAfterBytes: 1 } });
    await create(sandbox, 'mismatch/one');
    const backup = fs.readFileSync(dataFile);
    await create(sandbox, 'mismatch/two');
    power.die();
    await abandon(sandbox);
    fs.writeFileSync(dataFile, backup);
    const error = await startupError(dataFile);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('older than its journal');
  });
});
