/**
 * Test isolation for code that reads AWS settings from the environment and the home directory:
 * a temporary HOME with rendered config/credentials files, and env changes that are undone.
 *
 * The SDK's providers read `process.env` at call time (HOME for the SSO cache, AWS_CONFIG_FILE...),
 * so every variable a test relies on is set here and restored afterwards, never leaked.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const awsFixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/aws');

/** Variables that would let the developer's own AWS setup leak into a test. */
const awsVariables = [
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

export interface AwsTestHome {
  readonly home: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** Sets env variables (undefined deletes) until `restore`. */
  setEnv(vars: Record<string, string | undefined>): void;
  /** Restores every variable this helper touched and deletes the temp HOME. */
  restore(): Promise<void>;
}

/** Replaces `{{NAME}}` placeholders; an unknown placeholder is an error so fixtures cannot silently break. */
export function renderTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`fixture placeholder {{${name}}} has no value`);
    return value;
  });
}

export async function renderFixture(name: string, vars: Readonly<Record<string, string>>): Promise<string> {
  return renderTemplate(await readFile(join(awsFixturesDir, name), 'utf8'), vars);
}

/** Creates a temp HOME with `.aws/config` and `.aws/credentials` and points the AWS variables at it. */
export async function createAwsTestHome(files: { config?: string; credentials?: string } = {}): Promise<AwsTestHome> {
  const home = await mkdtemp(join(tmpdir(), 'airlock-aws-'));
  const configFile = join(home, '.aws', 'config');
  const credentialsFile = join(home, '.aws', 'credentials');
  await mkdir(join(home, '.aws'), { recursive: true });
  if (files.config !== undefined) await writeFile(configFile, files.config);
  if (files.credentials !== undefined) await writeFile(credentialsFile, files.credentials);

  const saved = new Map<string, string | undefined>();
  const setEnv = (vars: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(vars)) {
      if (!saved.has(key)) saved.set(key, process.env[key]);
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  };
  setEnv(Object.fromEntries(awsVariables.map((name) => [name, undefined])));
  setEnv({ HOME: home, USERPROFILE: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_EC2_METADATA_DISABLED: 'true' });

  return {
    home,
    configFile,
    credentialsFile,
    setEnv,
    async restore() {
      for (const [key, value] of saved) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
      saved.clear();
      await rm(home, { recursive: true, force: true });
    },
  };
}
