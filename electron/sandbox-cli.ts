/**
 * `npm run sandbox -- [--port N] [--data FILE] [--example-data]`: runs the local AWS emulator
 * (Secrets Manager, STS, IAM, KMS, CloudTrail) on 127.0.0.1 until Ctrl+C. Prints one line with the
 * URL (tests read it), then a hint, then the accounts and their keys.
 */
import { sandboxAccessKeys, sandboxEnvironments, startSandbox } from './services/sandbox';
import type { SandboxOptions } from './services/sandbox';

const usage = 'Usage: npm run sandbox -- [--port N] [--data FILE] [--example-data]';

interface CliOptions {
  port: number;
  dataFile?: string;
  exampleData: boolean;
}

/** Strict parsing: anything unexpected is an error, so a typo never silently runs in memory. */
function parseArgs(args: readonly string[]): CliOptions | string {
  const options: CliOptions = { port: 0, exampleData: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return args[i];
    };
    switch (flag) {
      case '--port': {
        const value = takeValue();
        if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65_535) return `--port needs a number from 0 to 65535. ${usage}`;
        options.port = Number(value);
        break;
      }
      case '--data': {
        const value = takeValue();
        if (value === undefined || value === '') return `--data needs a file path. ${usage}`;
        options.dataFile = value;
        break;
      }
      case '--example-data':
        if (inline !== undefined) return `--example-data takes no value. ${usage}`;
        options.exampleData = true;
        break;
      default:
        return `Unknown argument: ${arg}. ${usage}`;
    }
  }
  return options;
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    process.exitCode = 2;
    return;
  }
  const sandboxOptions: SandboxOptions = parsed.dataFile === undefined ? { port: parsed.port } : { port: parsed.port, dataFile: parsed.dataFile };
  const sandbox = await startSandbox(sandboxOptions);
  if (parsed.exampleData) {
    for (const accountId of [sandbox.accountId, ...sandboxEnvironments.map((environment) => environment.accountId)]) {
      const { created, skipped } = await sandbox.loadExampleData({ accountId });
      process.stderr.write(`Example data for account ${accountId}: ${String(created)} secrets created, ${String(skipped)} already present.\n`);
    }
  }
  process.stdout.write(`Sandbox Secrets Manager listening on ${sandbox.url}\n`);
  process.stdout.write(
    `Try: AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox aws --region us-east-1 --endpoint-url ${sandbox.url} secretsmanager list-secrets\n`,
  );
  const environments = sandboxEnvironments.map((environment) => `${environment.name} ${environment.accountId} in ${environment.region} (key ${environment.credentials.accessKeyId})`);
  process.stdout.write(
    `Accounts: any other key is ${sandbox.accountId}; ${environments.join('; ')}; ${sandboxAccessKeys.limited.accessKeyId} is a user of ${sandbox.accountId} without IAM or CloudTrail access.\n`,
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`The sandbox did not close cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
