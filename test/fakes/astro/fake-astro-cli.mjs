/**
 * A fake `astro` (Astro CLI v1.45.0) for tests, rebuilt from reference/astro-cli.md. It speaks the
 * real CLI's argv, output formats, messages, exit codes and traps, over a real process boundary:
 *
 * - `Error: …` on stderr and exit 1 (usage text too for workspace/context errors), exit 2 for a panic;
 * - the `Using an Astro API Token` stdout line whenever ASTRO_API_TOKEN is set (except inspect);
 * - prompts that read stdin without a TTY check: they block forever on an open pipe and fail at EOF
 *   (deployment selection, the create-a-deployment flow);
 * - an expired session that starts the interactive login flow inside any command: the prompt, then
 *   (on Enter, or at EOF) a wait of up to 300 s for the browser login that no test completes;
 *   `expiredLogin: 'fails-at-eof'` gives up at EOF instead and fails at the API (see below);
 * - `deployment variable create/update` with whole-list replace semantics, secrets that keep their
 *   value when re-sent without one and can never be un-secreted, the `--load` file quirks, and
 *   partial failures that apply the valid variables and then exit 1;
 * - the config file written under $ASTRO_HOME (the API token included), or under a stand-in for
 *   the real home folder inside the state folder, never the real one.
 *
 * Every invocation is logged in the state file (argv, env var names, stdin kind, whether argv held
 * a secret, the --load file's permissions) so tests can check what the app really ran.
 */
import { appendFileSync, existsSync, fstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { readState, statePath, tick, updateState } from './fake-state.mjs';
import { renderTable } from './print-table.mjs';

// ---------------------------------------------------------------------------------------------
// Output and errors

class CliError extends Error {
  /** @param {string} message @param {{ usage?: string, exitCode?: number }} [options] */
  constructor(message, options = {}) {
    super(message);
    this.usage = options.usage;
    this.exitCode = options.exitCode ?? 1;
  }
}

const out = (text) => process.stdout.write(text);
const err = (text) => process.stderr.write(text);

const noContext = 'no context set, have you authenticated to Astro or APC? Run astro login and try again';
const deploymentNotFound =
  'the Deployment specified was not found in this workspace. Your account or API Key may not have access to the deployment specified';
const variableError =
  'there was an error while creating or updating one or more of the environment variables. Check the command output above for more information';

// ---------------------------------------------------------------------------------------------
// stdin: a buffered line read with no TTY check, like pkg/input

function readLine() {
  recordWaiting('stdin');
  return new Promise((resolvePromise) => {
    let buffer = '';
    const finish = (value) => {
      recordWaiting(null);
      process.stdin.off('data', onData);
      process.stdin.off('end', onEnd);
      process.stdin.off('error', onEnd);
      process.stdin.pause();
      resolvePromise(value);
    };
    const onData = (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline !== -1) finish(buffer.slice(0, newline).replace(/\r$/, ''));
    };
    const onEnd = () => finish(buffer);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onData);
    process.stdin.on('end', onEnd);
    process.stdin.on('error', onEnd);
    process.stdin.resume();
  });
}

function stdinKind() {
  try {
    const info = fstatSync(0);
    if (isatty(0)) return 'tty';
    if (info.isFIFO() || info.isSocket()) return 'pipe';
    if (info.isCharacterDevice()) return 'null-device';
    if (info.isFile()) return 'file';
    return 'other';
  } catch {
    return 'closed';
  }
}

// ---------------------------------------------------------------------------------------------
// Command tree and flag parsing (cobra/pflag style)

const outputFlags = {
  json: { type: 'bool' },
  output: { short: 'o', type: 'string' },
  template: { type: 'string' },
};
const variableModifyFlags = {
  'deployment-id': { short: 'd', type: 'string' },
  'deployment-name': { short: 'n', type: 'string' },
  key: { short: 'k', type: 'string' },
  value: { short: 'v', type: 'string' },
  secret: { short: 's', type: 'bool' },
  load: { short: 'l', type: 'bool' },
  env: { short: 'e', type: 'string', default: '.env' },
};

const tree = {
  name: 'astro',
  persistentFlags: { verbosity: { type: 'string', default: 'warning' }, help: { short: 'h', type: 'bool' } },
  children: {
    version: { run: cmdVersion, noAuth: true, args: 'none' },
    login: { run: cmdLogin, noAuth: true, args: 'max1' },
    logout: { run: cmdLogout, noAuth: true, args: 'max1' },
    deployment: {
      aliases: ['de', 'deployments'],
      persistentFlags: { 'workspace-id': { type: 'string' } },
      children: {
        list: { aliases: ['ls'], flags: { all: { short: 'a', type: 'bool' }, ...outputFlags }, run: cmdDeploymentList, args: 'none' },
        inspect: {
          aliases: ['in'],
          quietToken: true,
          flags: {
            'deployment-name': { short: 'n', type: 'string' },
            output: { short: 'o', type: 'string', default: 'yaml' },
            key: { short: 'k', type: 'string' },
            template: { short: 't', type: 'bool' },
            'clean-output': { short: 'c', type: 'bool' },
            'show-workload-identity': { type: 'bool' },
          },
          run: cmdInspect,
          args: 'max1',
        },
        variable: {
          aliases: ['var', 'variables'],
          children: {
            list: {
              flags: {
                'deployment-id': { short: 'd', type: 'string' },
                'deployment-name': { short: 'n', type: 'string' },
                key: { short: 'k', type: 'string' },
                save: { short: 's', type: 'bool' },
                env: { short: 'e', type: 'string', default: '.env' },
              },
              run: cmdVariableList,
              args: 'none',
            },
            create: { flags: variableModifyFlags, run: (ctx) => cmdVariableModify(ctx, false), args: 'any' },
            update: { flags: variableModifyFlags, run: (ctx) => cmdVariableModify(ctx, true), args: 'any' },
          },
        },
      },
    },
    workspace: { aliases: ['wo'], children: { list: { aliases: ['ls'], flags: outputFlags, run: cmdWorkspaceList, args: 'none' } } },
    organization: { aliases: ['org'], children: { list: { aliases: ['ls'], flags: outputFlags, run: cmdOrganizationList, args: 'none' } } },
  },
};

function findChild(node, name) {
  return Object.entries(node.children ?? {}).find(([childName, child]) => childName === name || (child.aliases ?? []).includes(name));
}

function usageFor(path, node, flags) {
  const lines = ['Usage:', `  ${path.join(' ')}${node.children ? ' [command]' : ' [flags]'}`, '', 'Flags:'];
  for (const [name, spec] of Object.entries(flags)) {
    lines.push(`  ${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' string' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Resolves the command path, then parses flags against that command's (and inherited) flags. */
function parseArgv(argv) {
  const path = ['astro'];
  let node = tree;
  const rest = [];
  const inherited = { ...tree.persistentFlags };
  let descending = true;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (descending && !arg.startsWith('-')) {
      const child = findChild(node, arg);
      if (child) {
        path.push(child[0]);
        node = child[1];
        Object.assign(inherited, node.persistentFlags ?? {});
        continue;
      }
      if (node.children) throw new CliError(`unknown command "${arg}" for "${path.join(' ')}"\nRun '${path.join(' ')} --help' for usage.`);
      descending = false;
    }
    rest.push(arg);
    // A string flag's value is not a subcommand name.
    const known = arg.startsWith('--') ? inherited[arg.slice(2)] : undefined;
    if (known?.type === 'string' && !arg.includes('=') && index + 1 < argv.length) rest.push(argv[++index]);
  }

  const flagSpecs = { ...inherited, ...(node.flags ?? {}) };
  const usage = usageFor(path, node, flagSpecs);
  const flags = {};
  const set = new Set();
  const args = [];
  for (const [name, spec] of Object.entries(flagSpecs)) flags[name] = spec.default ?? (spec.type === 'bool' ? false : '');
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index];
    if (arg === '--') {
      args.push(...rest.slice(index + 1));
      break;
    }
    let name;
    let inlineValue;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inlineValue = eq === -1 ? undefined : arg.slice(eq + 1);
      if (!(name in flagSpecs)) throw new CliError(`unknown flag: --${name}`, { usage });
    } else if (arg.startsWith('-') && arg.length > 1) {
      const short = arg[1];
      const entry = Object.entries(flagSpecs).find(([, spec]) => spec.short === short);
      if (!entry) throw new CliError(`unknown shorthand flag: '${short}' in ${arg}`, { usage });
      name = entry[0];
      const tail = arg.slice(2);
      inlineValue = tail === '' ? undefined : tail.startsWith('=') ? tail.slice(1) : tail;
    } else {
      args.push(arg);
      continue;
    }
    const spec = flagSpecs[name];
    if (spec.type === 'bool') {
      flags[name] = inlineValue === undefined ? true : inlineValue === 'true';
    } else {
      const value = inlineValue ?? rest[++index];
      if (value === undefined) throw new CliError(`flag needs an argument: --${name}`, { usage });
      flags[name] = value;
    }
    set.add(name);
  }
  return { path, node, flags, set, args, usage };
}

// ---------------------------------------------------------------------------------------------
// Invocation log

const recordedEnvNames = [
  'ASTRO_API_TOKEN',
  'ASTRO_HOME',
  'ASTRO_DOMAIN',
  'ASTRO_TELEMETRY_DISABLED',
  'ASTRONOMER_KEY_ID',
  'ASTRONOMER_KEY_SECRET',
  'CLICOLOR',
  'CLICOLOR_FORCE',
];

function secretValuesIn(state) {
  const values = [];
  for (const deployment of state.deployments) {
    for (const variable of deployment.variables) if (variable.isSecret && variable.value) values.push(variable.value);
  }
  return values.concat(state.extraSecrets ?? []);
}

function loadFileInfo(parsed) {
  if (!parsed?.flags?.load) return null;
  const path = resolve(process.cwd(), parsed.flags.env);
  try {
    const info = statSync(path);
    return { path, mode: info.mode & 0o777, dirMode: statSync(dirname(path)).mode & 0o777, values: fileValues(path) };
  } catch {
    return { path, mode: null, dirMode: null, values: [] };
  }
}

function fileValues(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'))
    .map((line) => line.slice(line.indexOf('=') + 1))
    .filter((value) => value !== '');
}

function recordInvocation(argv, parsed) {
  const load = loadFileInfo(parsed);
  return updateState((state) => {
    const token = process.env.ASTRO_API_TOKEN;
    const secrets = secretValuesIn(state).concat(token ? [token] : []);
    const loaded = load?.values ?? [];
    const call = {
      seq: state.calls.length + 1,
      argv,
      command: parsed ? parsed.path.slice(1).join(' ') : null,
      cwd: process.cwd(),
      envNames: recordedEnvNames.filter((name) => process.env[name] !== undefined),
      astroHome: process.env.ASTRO_HOME ?? null,
      telemetryDisabled: process.env.ASTRO_TELEMETRY_DISABLED === '1' || process.env.ASTRO_TELEMETRY_DISABLED === 'true',
      clicolor: process.env.CLICOLOR ?? null,
      stdin: stdinKind(),
      pid: process.pid,
      // What the process is blocked on right now ('stdin', 'browser-login'), or null.
      waitingFor: null,
      argvContainsSecret: argv.some((arg) => secrets.some((secret) => arg.includes(secret))),
      argvContainsLoadedValue: argv.some((arg) => loaded.some((value) => arg.includes(value))),
      positionalValueCount: parsed ? parsed.args.filter((arg) => arg.includes('=')).length : 0,
      loadFile: load === null ? null : { path: load.path, mode: load.mode, dirMode: load.dirMode },
      exitCode: null,
    };
    state.calls.push(call);
    return call.seq;
  });
}

/** The seq of this process's own invocation record. */
let currentSeq = null;

function recordWaiting(waitingFor) {
  updateState((state) => {
    const call = state.calls.find((c) => c.seq === currentSeq);
    if (call) call.waitingFor = waitingFor;
  });
}

function recordExit(seq, exitCode) {
  updateState((state) => {
    const call = state.calls.find((c) => c.seq === seq);
    if (call) call.exitCode = exitCode;
  });
}

// ---------------------------------------------------------------------------------------------
// Config home, notices and auth (cmd/root_hooks.go, cmd/cloud/setup.go)

function configFile() {
  const home = process.env.ASTRO_HOME || join(dirname(statePath()), 'default-home');
  return join(home, '.astro', 'config.yaml');
}

function ensureConfigFile() {
  const file = configFile();
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'context: astronomer.io\n');
  }
  return file;
}

function preRunNotices(state) {
  if (state.upgradeAvailable) {
    err(`\nA newer version of Astro CLI is available: ${state.upgradeAvailable}\nPlease update to the latest version before proceeding\n\n`);
  }
  const telemetryOff = process.env.ASTRO_TELEMETRY_DISABLED === '1' || process.env.ASTRO_TELEMETRY_DISABLED === 'true';
  const file = configFile();
  if (!telemetryOff && !(state.telemetryNoticeShown ?? []).includes(file)) {
    err('Notice: Astro CLI collects anonymous telemetry. Set ASTRO_TELEMETRY_DISABLED=1 to turn it off.\n');
    updateState((s) => {
      s.telemetryNoticeShown = [...(s.telemetryNoticeShown ?? []), file];
    });
  }
}

/**
 * Returns the auth context: { kind: 'token' | 'session' | 'broken-session' | 'none', workspaceId, organizationId }.
 */
async function authenticate(state, node) {
  const token = process.env.ASTRO_API_TOKEN;
  if (token) {
    if (!node.quietToken) out('Using an Astro API Token\n');
    if (state.apiTokenValid === 'expired') {
      out('The given API Token cltokenid000000000000000 has expired \n');
      throw new CliError('API Token is expired');
    }
    if (state.apiTokenValid !== true) throw new CliError('API Token is invalid or malformed');
    // Side effect of the real CLI: the token is saved in the config file with a far expiry.
    appendFileSync(ensureConfigFile(), `contexts:\n    astronomer_io:\n        token: Bearer ${token}\n`);
    return { kind: 'token', workspaceId: state.tokenWorkspaceId ?? null, organizationId: state.currentOrganizationId };
  }
  if (state.loggedIn === true) return { kind: 'session', workspaceId: state.currentWorkspaceId, organizationId: state.currentOrganizationId };
  if (state.loggedIn === 'expired') {
    // The refresh failed: the interactive login flow starts inside the command and reads stdin.
    out('Welcome to the Astro CLI 🚀\n');
    out('To learn more about Astro, go to https://www.astronomer.io/docs\n');
    out('Press Enter to open the browser to log in or ^C to quit…');
    await readLine();
    out('\n');
    if (state.expiredLogin !== 'fails-at-eof') await waitForBrowserLogin();
    recordWaiting(null);
    // The login error is swallowed into debug logs; the command goes on and fails at the API.
    return { kind: 'broken-session', workspaceId: state.currentWorkspaceId, organizationId: state.currentOrganizationId };
  }
  return { kind: 'none', workspaceId: null, organizationId: null };
}

/**
 * After Enter the CLI opens the browser and its PKCE callback server waits 300 s for the login
 * (reference/astro-cli.md §3.3). The sheet reads the source as failing at EOF instead; a real
 * expired login with stdin at /dev/null was seen to hang until Airlock's 60 s timeout (issue 9
 * item 14), so waiting is the default and 'fails-at-eof' keeps the sheet's reading. No browser
 * is opened and no port is bound: the wait runs out, as for a user who never logs in.
 */
async function waitForBrowserLogin() {
  recordWaiting('browser-login');
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 300_000));
}

/** An authenticated API call; throws the CLI's error text otherwise. */
function requireApi(auth) {
  if (auth.kind === 'none') throw new CliError(noContext);
  if (auth.kind === 'broken-session') throw new CliError('failed to perform request, status 401');
}

function resolveWorkspace(ctx, auth, capitalised = false) {
  const flag = ctx.flags['workspace-id'];
  if (flag) return flag;
  const prefix = `failed to find a valid ${capitalised ? 'Workspace' : 'workspace'}: failed to get current Workspace`;
  if (auth.kind === 'none') throw new CliError(`${prefix}: ${noContext}`, { usage: ctx.usage });
  if (!auth.workspaceId) {
    throw new CliError(`${prefix}: current workspace context not set, you can switch to a workspace with\n\tastro workspace switch WORKSPACEID`, {
      usage: ctx.usage,
    });
  }
  return auth.workspaceId;
}

// ---------------------------------------------------------------------------------------------
// Deployment lookup and selection (cloud/deployment/deployment.go GetDeployment/SelectDeployment)

async function getDeployment(ctx, state, auth, workspaceId, { inspect = false } = {}) {
  const deploymentId = ctx.flags['deployment-id'] ?? '';
  const deploymentName = ctx.flags['deployment-name'] ?? '';
  if (auth.kind === 'none' || auth.kind === 'broken-session') {
    const inner = auth.kind === 'none' ? noContext : 'failed to perform request, status 401';
    throw new CliError(`${deploymentNotFound}: ${inner}`);
  }
  const inWorkspace = state.deployments.filter((d) => d.workspaceId === workspaceId);
  if (deploymentId) {
    if (deploymentName) out(`Both a Deployment ID and Deployment name have been supplied. The Deployment ID ${deploymentId} will be used\n`);
    const found = inWorkspace.find((d) => d.id === deploymentId);
    if (!found) throw new CliError(deploymentNotFound);
    return found;
  }
  if (deploymentName) {
    const matches = inWorkspace.filter((d) => d.name === deploymentName);
    if (matches.length === 0) {
      out(`No Deployment with the name ${deploymentName} was found\n`);
      throw new CliError(deploymentNotFound);
    }
    if (matches.length > 1) out(`More than one Deployment with the name ${deploymentName} was found\n`);
    return matches[0];
  }
  if (inWorkspace.length === 0) {
    if (inspect) return null;
    const workspace = state.workspaces.find((w) => w.id === workspaceId);
    out(`Current Workspace: ${workspace?.name ?? workspaceId}\n\nDeployment name: `);
    const name = await readLine();
    if (!name) throw new CliError('you must give your Deployment a name');
    throw new CliError('(fake astro) creating a deployment is not implemented');
  }
  if (inWorkspace.length === 1 && auth.kind === 'token') {
    const only = inWorkspace[0];
    out(`Only one Deployment was found. Using the following Deployment by default: \n\n Deployment Name: ${only.name}\n Deployment ID: ${only.id}\n`);
    return only;
  }
  out('Select a Deployment\n');
  out(
    renderTable(
      ['DEPLOYMENT NAME', 'RELEASE NAME', 'DEPLOYMENT ID', 'DAG DEPLOY ENABLED'],
      inWorkspace.map((d) => [d.name, d.namespace, d.id, String(d.isDagDeployEnabled)]),
      { selectionPrompt: true },
    ),
  );
  out('\n> ');
  const choice = Number.parseInt((await readLine()).trim(), 10);
  const selected = inWorkspace[choice - 1];
  if (!Number.isInteger(choice) || selected === undefined) throw new CliError('invalid Deployment selected');
  return selected;
}

// ---------------------------------------------------------------------------------------------
// Commands

function cmdVersion(ctx, state) {
  out(`Astro CLI Version: ${state.version}\n`);
}

async function cmdLogin() {
  out('Welcome to the Astro CLI 🚀\n');
  out('To learn more about Astro, go to https://www.astronomer.io/docs\n');
  out('Press Enter to open the browser to log in or ^C to quit…');
  await readLine();
  throw new CliError('(fake astro) browser login is not available');
}

function cmdLogout(ctx, state) {
  if (state.loggedIn === false) throw new CliError(noContext);
  updateState((s) => {
    s.loggedIn = false;
  });
  out('Successfully logged out of Astronomer\n');
}

function jsonRequested(ctx) {
  if (ctx.set.has('json') && ctx.set.has('output')) {
    throw new CliError('if any flags in the group [json output] are set none of the others can be; [json output] were all set', { usage: ctx.usage });
  }
  const format = ctx.flags.json ? 'json' : ctx.flags.output || 'table';
  if (format === 'template') throw new CliError('(fake astro) template output is not implemented');
  if (format !== 'json' && format !== 'table') throw new CliError(`invalid output format "${format}"`, { usage: ctx.usage });
  return format === 'json';
}

/** Go's json.Encoder with SetEscapeHTML(false) and a 2-space indent. */
const listJson = (value) => `${JSON.stringify(value, null, 2)}\n`;

function listEntries(items, currentId) {
  return items.map((item) => ({ name: item.name, id: item.id, isCurrent: item.id === currentId }));
}

function cmdWorkspaceList(ctx, state, auth) {
  requireApi(auth);
  const json = jsonRequested(ctx);
  const workspaces = state.workspaces
    .filter((w) => !w.organizationId || !auth.organizationId || w.organizationId === auth.organizationId)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (json) {
    out(listJson({ workspaces: listEntries(workspaces, auth.workspaceId) }));
    return;
  }
  const current = new Set(workspaces.flatMap((w, index) => (w.id === auth.workspaceId ? [index] : [])));
  out(renderTable(['NAME', 'ID'], workspaces.map((w) => [w.name, w.id]), { colouredRows: current }));
}

function cmdOrganizationList(ctx, state, auth) {
  requireApi(auth);
  const json = jsonRequested(ctx);
  if (state.organizations.length === 0 && auth.kind === 'token') {
    // The unchecked edge the reference mentions: an empty org list under a token panics.
    err('panic: runtime error: index out of range [0] with length 0\n\ngoroutine 1 [running]:\n');
    throw new CliError('', { exitCode: 2 });
  }
  if (json) {
    out(listJson({ organizations: listEntries(state.organizations, auth.organizationId) }));
    return;
  }
  const current = new Set(state.organizations.flatMap((o, index) => (o.id === auth.organizationId ? [index] : [])));
  out(renderTable(['NAME', 'ID'], state.organizations.map((o) => [o.name, o.id]), { colouredRows: current }));
}

function cmdDeploymentList(ctx, state, auth) {
  const workspaceId = resolveWorkspace(ctx, auth);
  const json = jsonRequested(ctx);
  requireApi(auth);
  const all = ctx.flags.all === true;
  const deployments = state.deployments
    .filter((d) => all || d.workspaceId === workspaceId)
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  const workspaceName = (d) => state.workspaces.find((w) => w.id === d.workspaceId)?.name ?? '';
  if (json) {
    const entries = deployments.map((d) => {
      const entry = { name: d.name };
      if (all && workspaceName(d)) entry.workspaceName = workspaceName(d);
      entry.namespace = d.namespace;
      if (d.type !== 'STANDARD' && d.clusterName) entry.clusterName = d.clusterName;
      if (d.cloudProvider) entry.cloudProvider = d.cloudProvider;
      if (d.region) entry.region = d.region;
      Object.assign(entry, {
        deploymentId: d.id,
        runtimeVersion: d.runtimeVersion,
        airflowVersion: d.airflowVersion,
        isDagDeployEnabled: d.isDagDeployEnabled,
        isCicdEnforced: d.isCicdEnforced,
        type: d.type,
        isRemoteExecutionEnabled: d.isRemoteExecutionEnabled,
      });
      return entry;
    });
    out(listJson({ deployments: entries }));
    return;
  }
  if (deployments.length === 0 && !all) {
    out(`no Deployments found in workspace ${workspaceId}\n`);
    return;
  }
  const header = ['NAME', ...(all ? ['WORKSPACE'] : []), 'NAMESPACE', 'CLUSTER', 'CLOUD PROVIDER', 'REGION', 'DEPLOYMENT ID', 'RUNTIME VERSION', 'DAG DEPLOY ENABLED', 'CI-CD ENFORCEMENT', 'DEPLOYMENT TYPE', 'REMOTE EXECUTION'];
  const rows = deployments.map((d) => [
    d.name,
    ...(all ? [workspaceName(d)] : []),
    d.namespace,
    d.type === 'STANDARD' || !d.clusterName ? 'N/A' : d.clusterName,
    d.cloudProvider || 'N/A',
    d.region || 'N/A',
    d.id,
    `${d.runtimeVersion} (based on Airflow ${d.airflowVersion})`,
    String(d.isDagDeployEnabled),
    String(d.isCicdEnforced),
    d.type,
    String(d.isRemoteExecutionEnabled),
  ]);
  out(renderTable(header, rows));
}

function inspectDocument(state, d, { template = false, showWorkloadIdentity = false } = {}) {
  const workspace = state.workspaces.find((w) => w.id === d.workspaceId);
  const variables = d.variables
    .filter((v) => !(template && v.isSecret))
    .map((v) => {
      const entry = { is_secret: v.isSecret, key: v.key };
      if (v.updatedAt) entry.updated_at = v.updatedAt;
      // The API never returns secret values, and inspect prints what the API returned.
      entry.value = v.isSecret ? null : v.value;
      return entry;
    });
  const deployment = {};
  if (variables.length > 0) deployment.environment_variables = variables;
  deployment.configuration = {
    ...(template ? {} : { name: d.name }),
    description: d.description,
    runtime_version: d.runtimeVersion,
    dag_deploy_enabled: d.isDagDeployEnabled,
    ci_cd_enforcement: d.isCicdEnforced,
    scheduler_size: 'SMALL',
    is_high_availability: false,
    is_development_mode: false,
    executor: d.executor,
    scheduler_count: 1,
    workspace_name: workspace?.name ?? '',
    deployment_type: d.type,
    cloud_provider: d.cloudProvider,
    region: d.region,
    default_task_pod_cpu: '0.25',
    default_task_pod_memory: '0.5Gi',
    resource_quota_cpu: '10',
    resource_quota_memory: '20Gi',
    // Like the real CLI, the identity is looked up only when asked for (--show-workload-identity).
    workload_identity: showWorkloadIdentity ? (d.workloadIdentity ?? '') : '',
  };
  deployment.worker_queues = [{ name: 'default', max_worker_count: 10, min_worker_count: 0, worker_concurrency: 5, worker_type: 'A5' }];
  if (!template) {
    deployment.metadata = {
      deployment_id: d.id,
      workspace_id: d.workspaceId,
      cluster_id: 'N/A',
      release_name: 'N/A',
      airflow_version: d.airflowVersion,
      current_tag: `${d.runtimeVersion}-fake`,
      status: d.status,
      created_at: d.createdAt,
      updated_at: d.updatedAt,
      deployment_url: `cloud.astronomer.io/${d.workspaceId}/deployments/${d.id}/overview`,
      webserver_url: `fake.astronomer.run/${d.namespace}`,
      airflow_api_url: `fake.astronomer.run/${d.namespace}/api/v2`,
    };
  }
  return { deployment };
}

/** json.MarshalIndent with 4 spaces: HTML characters and line/paragraph separators escaped. */
function goJson(value) {
  return JSON.stringify(value, null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

async function cmdInspect(ctx, state, auth) {
  const workspaceId = resolveWorkspace(ctx, auth);
  if (ctx.args[0]) ctx.flags['deployment-id'] = ctx.args[0];
  const deployment = await getDeployment(ctx, state, auth, workspaceId, { inspect: true });
  if (deployment === null) {
    out(`no Deployments found in workspace ${workspaceId}\n`);
    return;
  }
  const document = inspectDocument(state, deployment, { template: ctx.flags.template, showWorkloadIdentity: ctx.flags['show-workload-identity'] === true });
  if (ctx.flags.key) {
    const [section, field] = ctx.flags.key.toLowerCase().split('.');
    const value = document.deployment[section]?.[field];
    if (value === undefined) throw new CliError(`requested key not found in deployment: ${ctx.flags.key}`);
    out(`${String(value)}\n`);
    return;
  }
  out(ctx.flags.output === 'json' ? `${goJson(document)}\n` : YAML.stringify(document, { indent: 4 }));
}

function variableTable(variables) {
  return renderTable(
    ['#', 'KEY', 'VALUE', 'SECRET'],
    variables.map((v, index) => [String(index + 1), v.key, v.isSecret ? '****' : v.value, String(v.isSecret)]),
  );
}

async function cmdVariableList(ctx, state, auth) {
  const workspaceId = resolveWorkspace(ctx, auth);
  const deployment = await getDeployment(ctx, state, auth, workspaceId);
  const variables = deployment.variables.filter((v) => !ctx.flags.key || v.key === ctx.flags.key);
  if (ctx.flags.save) {
    const file = resolve(process.cwd(), ctx.flags.env);
    for (const v of variables) appendFileSync(file, `\n${v.key}=${v.isSecret ? ' # secret' : v.value}`);
    out(`\nThe following environment variables were saved to the file ${ctx.flags.env},\nsecret environment variables were saved only with a key:\n\n`);
  }
  if (variables.length === 0) {
    out('\nNo variables found\n');
    return;
  }
  out(variableTable(variables));
}

// Go's strings.TrimSpace uses unicode.IsSpace.
const goSpace = '[\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const goTrimSpace = (text) => text.replace(new RegExp(`^${goSpace}+|${goSpace}+$`, 'g'), '');
const trimChar = (text, char) => {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) start++;
  while (end > start && text[end - 1] === char) end--;
  return text.slice(start, end);
};

/** bufio.Scanner line reading: strips a trailing \r, fails on lines over 64 KiB keeping what came before. */
function readLines(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { lines: [], error: `open ${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.code}` };
  }
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  const lines = [];
  for (const part of parts) {
    if (Buffer.byteLength(part, 'utf8') > 64 * 1024 - 1) return { lines, error: 'bufio.Scanner: token too long' };
    lines.push(part.replace(/\r$/, ''));
  }
  return { lines, error: null };
}

async function cmdVariableModify(ctx, updateVars) {
  const { state, auth } = ctx;
  const workspaceId = resolveWorkspace(ctx, auth, !updateVars);
  const deployment = await getDeployment(ctx, state, auth, workspaceId);
  const makeSecret = ctx.flags.secret === true;
  let failed = false;
  const fault = state.failNextUpdate ?? null;
  if (fault) {
    updateState((s) => {
      s.failNextUpdate = null;
    });
  }
  const rejectKeys = fault?.kind === 'reject-keys' ? fault.keys : [];

  const oldVariables = deployment.variables;
  const oldKeys = oldVariables.map((v) => v.key);
  // The request starts as a copy of every variable; secrets are copied without their value.
  const request = oldVariables.map((v) => ({ key: v.key, isSecret: v.isSecret, value: v.isSecret ? undefined : v.value }));

  const addVariable = (key, value) => {
    const index = oldKeys.indexOf(key);
    if (index !== -1 && !updateVars) {
      out(`key ${key} already exists, skipping creation. Use the update command to update existing variables\n`);
    } else if (index !== -1) {
      out(`updating variable ${key} \n`);
      // A variable can be made secret but never made plain again.
      request[index] = { key, isSecret: makeSecret || oldVariables[index].isSecret, value };
    } else {
      request.push({ key, isSecret: makeSecret, value });
      out(`adding variable ${key}\n`);
    }
  };

  const key = ctx.flags.key;
  const value = ctx.flags.value;
  if (key && value) addVariable(key, value);
  if (key && !value) {
    out(`Variable with key ${key} not created or updated\nYou must provide a variable value`);
    failed = true;
  }
  if (value && !key) {
    out(`Variable with value ${value} not created or updated with flags\nYou must provide a variable key`);
    failed = true;
  }

  for (const arg of ctx.args) {
    const eq = arg.indexOf('=');
    if (eq === -1) {
      out(`Input ${arg} is not a valid key value pair, should be of the form key=value\n`);
      failed = true;
      continue;
    }
    const argKey = arg.slice(0, eq);
    const argValue = arg.slice(eq + 1);
    if (argKey === '' || argValue === '') {
      out(`Input ${arg} has blank key or value\n`);
      failed = true;
      continue;
    }
    addVariable(argKey, argValue);
  }

  if (ctx.flags.load) {
    const file = resolve(process.cwd(), ctx.flags.env);
    const { lines, error } = readLines(file);
    if (error) out(`unable to read file ${ctx.flags.env} :\n${error}\n`);
    const fileKeys = [];
    for (const line of lines) {
      if (line.startsWith('#') || line === '') continue;
      const eq = line.indexOf('=');
      if (eq === -1) {
        out(`${line} is an improperly formatted variable, no variable created\n`);
        failed = true;
        continue;
      }
      const lineKey = line.slice(0, eq);
      let lineValue = line.slice(eq + 1);
      if (lineKey === '') {
        out(`empty key! skipping creating variable with key: ${lineKey}\n`);
        failed = true;
        continue;
      }
      if (lineValue === '' || rejectKeys.includes(lineKey)) {
        out(`empty value! skipping creating variable with key: ${lineKey}\n`);
        failed = true;
        continue;
      }
      if (fileKeys.includes(lineKey)) {
        out(`key ${lineKey} already exists within the file specified, skipping creation\n`);
        failed = true;
        continue;
      }
      // No newline: the next message runs on (…variable FOOadding variable FOO).
      out(`Cleaning quotes and whitespaces from variable ${lineKey}`);
      lineValue = goTrimSpace(trimChar(trimChar(lineValue, '"'), "'"));
      const index = oldKeys.indexOf(lineKey);
      if (index !== -1) {
        if (!updateVars) {
          out(`key ${lineKey} already exists skipping creation use the --update flag to update old variables\n`);
          failed = true;
          continue;
        }
        out(`updating variable ${lineKey} \n`);
        request[index] = { key: oldVariables[index].key, isSecret: makeSecret || oldVariables[index].isSecret, value: lineValue };
        fileKeys.push(lineKey);
        continue;
      }
      request.push({ key: lineKey, isSecret: makeSecret, value: lineValue });
      fileKeys.push(lineKey);
      out(`adding variable ${lineKey}\n`);
    }
  }

  // The one "update deployment" call: the whole list replaces the deployment's list.
  if (fault?.kind === 'hang') {
    await new Promise(() => setInterval(() => undefined, 1_000_000));
  }
  if (fault?.kind === 'api-error') throw new CliError(fault.message ?? 'failed to perform request, status 500');
  const updated = updateState((s) => {
    const target = s.deployments.find((d) => d.id === deployment.id);
    const now = tick(s);
    target.variables = request.map((entry) => {
      const previous = target.variables.find((v) => v.key === entry.key);
      // A secret sent without a value keeps its stored value.
      const nextValue = entry.value === undefined ? (previous?.value ?? '') : entry.value;
      const changed = !previous || previous.value !== nextValue || previous.isSecret !== entry.isSecret;
      return { key: entry.key, value: nextValue, isSecret: entry.isSecret, updatedAt: changed ? now : (previous.updatedAt ?? null) };
    });
    target.updatedAt = now;
    target.restarts = (target.restarts ?? 0) + 1;
    return target;
  });

  if (updated.variables.length === 0) {
    out('\nNo variables for this Deployment\n');
  } else {
    out("\nUpdated list of your Deployment's variables:\n");
    out(variableTable(updated.variables));
  }
  if (failed) throw new CliError(variableError);
}

// ---------------------------------------------------------------------------------------------
// Entry point

async function flushAndExit(code) {
  await new Promise((resolvePromise) => process.stdout.write('', () => resolvePromise()));
  await new Promise((resolvePromise) => process.stderr.write('', () => resolvePromise()));
  process.exit(code);
}

export async function main(argv) {
  let parsed = null;
  let parseError = null;
  try {
    parsed = parseArgv(argv);
  } catch (error) {
    parseError = error;
  }
  const seq = recordInvocation(argv, parsed);
  currentSeq = seq;
  let code = 0;
  try {
    if (parseError) throw parseError;
    const state = readState();
    const { node, path } = parsed;
    if (parsed.flags.help || !node.run) {
      out(`${parsed.usage}\nUse "${path.join(' ')} [command] --help" for more information about a command.\n`);
    } else {
      if (node.args === 'none' && parsed.args.length > 0) throw new CliError(`unknown command "${parsed.args[0]}" for "${path.join(' ')}"`);
      if (node.args === 'max1' && parsed.args.length > 1) throw new CliError(`accepts at most 1 arg(s), received ${parsed.args.length}`, { usage: parsed.usage });
      ensureConfigFile();
      preRunNotices(state);
      const auth = node.noAuth ? { kind: 'none', workspaceId: null, organizationId: null } : await authenticate(state, node);
      await node.run({ ...parsed, state, auth }, state, auth);
    }
  } catch (error) {
    if (error instanceof CliError) {
      if (error.message) err(`Error: ${error.message}\n`);
      if (error.usage) err(error.usage);
      code = error.exitCode;
    } else {
      err(`panic: ${error?.stack ?? String(error)}\n`);
      code = 2;
    }
  }
  recordExit(seq, code);
  await flushAndExit(code);
}
