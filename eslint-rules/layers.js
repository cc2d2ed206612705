// @ts-check
/**
 * The layer rule: who may import what (CONTRIBUTING.md, "Layers"). It resolves relative imports
 * to files, so `../../electron/...` is caught as surely as a package name, the way VS Code's
 * layer check works on paths rather than on how an import is spelled.
 *
 *   shared/            only shared/ and pure packages: no Node, DOM, Electron or AWS SDK
 *   electron/services/ never `electron`/`electron-store`, never the glue (electron/*.ts, handlers/)
 *   renderer/          only shared/ and its own files; never Node, Electron or the AWS SDK
 *   electron/          never the renderer
 *   everywhere         each folder of shared/, electron/services/, renderer/src/views/ and the
 *                      other folders of renderer/src/ is a module: import its index (`../airflow`),
 *                      never a file inside it (`../airflow/ids`), unless you are inside that folder.
 *                      A nested folder (projects/health/) is part of its module. Tests (test/) may
 *                      import a module's files, to unit-test them.
 *
 * Option `root` (default: the folder above this file) is where the layers live; the unit test
 * points it at test/fixtures/lint to prove the rule fires on planted bad imports.
 */
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const suffixes = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];
const nodeBuiltins = new Set(builtinModules);

/** @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @param {string} name */
function isNodeBuiltin(name) {
  return name.startsWith('node:') || nodeBuiltins.has(name);
}

const awsPackage = /^@(aws-sdk|smithy)\//;
const electronPackages = new Set(['electron', 'electron-store', 'conf']);
const domPackages = /^(react|react-dom|@blueprintjs\/.*|@tanstack\/react-.*|@codemirror\/.*|codemirror)$/;

/**
 * The layer of a path relative to the root, or null outside the layers (tests, scripts, configs).
 * @param {string} rel
 */
function layerOf(rel) {
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('electron/services/')) return 'services';
  if (rel.startsWith('electron/handlers/')) return 'handlers';
  if (rel.startsWith('electron/')) return 'glue';
  if (rel.startsWith('renderer/')) return 'renderer';
  return null;
}

/** @param {string} from @param {string} specifier */
function resolveFile(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const suffix of suffixes) {
    const candidate = base + suffix;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The module folder a path belongs to (`shared/airflow`, `electron/services/secrets`,
 * `renderer/src/components`, `renderer/src/views/deploy`), or null for a top-level file such as
 * shared/errors.ts or electron/services/log.ts. Nested folders belong to their top module.
 * @param {string} rel
 */
function moduleOf(rel) {
  const match = /^(?:shared|electron\/services|renderer\/src\/views|renderer\/src)\/[^/]+(?=\/)/.exec(rel);
  return match && match[0] !== 'renderer/src/views' ? match[0] : null;
}

/** The glue files that may load Electron: they only ever run inside it. */
const electronGlue = /^electron\/(main|ipc|electron-settings-file|preload)\.ts$|^electron\/security\//;

/**
 * @param {string} fromLayer
 * @param {string} fromRel
 * @param {string} specifier
 * @returns {string | null} why the package is refused
 */
function packageProblem(fromLayer, fromRel, specifier) {
  const name = packageName(specifier);
  if (fromLayer === 'shared') {
    if (isNodeBuiltin(name)) return 'shared/ runs in both processes: no Node built-ins.';
    if (awsPackage.test(name)) return 'shared/ runs in both processes: no AWS SDK.';
    if (electronPackages.has(name)) return 'shared/ runs in both processes: no Electron or settings-file packages.';
    if (domPackages.test(name)) return 'shared/ runs in both processes: no DOM or React code.';
  }
  if (fromLayer === 'glue' && !electronGlue.test(fromRel) && (name === 'electron' || name === 'electron-store')) {
    return `Only the Electron glue (electron/main.ts, ipc.ts, electron-settings-file.ts, security/*) and the preload import ${name}: ${fromRel} also runs in browser mode.`;
  }
  if (fromLayer === 'services' || fromLayer === 'handlers') {
    if (name === 'electron') return 'Services and handlers are plain Node so that tests run without the Electron binary: only the glue (main.ts, ipc.ts, electron-settings-file.ts, security/*) and the preload import electron.';
    if (name === 'electron-store') return 'electron-store loads electron: services take the settings file as an interface (services/settings-store.ts); electron/electron-settings-file.ts opens it.';
  }
  if (fromLayer === 'renderer') {
    if (isNodeBuiltin(name) || awsPackage.test(name) || electronPackages.has(name)) return 'The renderer talks only to the typed API client; it never touches Node, Electron or AWS.';
  }
  return null;
}

/**
 * @param {string} fromRel
 * @param {string} toRel
 * @returns {string | null} why the file is refused
 */
function fileProblem(fromRel, toRel) {
  const from = layerOf(fromRel);
  const to = layerOf(toRel);
  if (from === 'shared' && to !== 'shared') return `shared/ imports only shared/, not ${toRel}.`;
  if (from === 'services' && (to === 'glue' || to === 'handlers')) return `Services never import the glue or the handlers (${toRel}): the glue composes services, not the other way round.`;
  if (from === 'renderer' && to !== 'renderer' && to !== 'shared') return `The renderer imports only shared/ and its own files, not ${toRel}.`;
  if (from !== null && from !== 'renderer' && to === 'renderer') return `The main process never imports the renderer (${toRel}).`;
  const module = moduleOf(toRel);
  if (module && !fromRel.startsWith(`${module}/`) && !fromRel.startsWith('test/') && toRel !== `${module}/index.ts` && toRel !== `${module}/index.tsx`) {
    return `Import ${module} through its index, not ${toRel}: a module's files other than index.ts are private.`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforces the layers (shared, services, glue, renderer) and module entry points, relative imports included.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { layer: '{{problem}}' },
  },
  create(context) {
    const option = /** @type {{ root?: string } | undefined} */ (context.options[0]);
    const root = option?.root ? path.resolve(context.cwd, option.root) : defaultRoot;
    const file = context.filename;
    const fromRel = path.relative(root, file).split(path.sep).join('/');
    if (fromRel.startsWith('..')) return {};
    const fromLayer = layerOf(fromRel);

    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      let problem = null;
      if (specifier.startsWith('.')) {
        const target = resolveFile(file, specifier);
        if (!target) return;
        const toRel = path.relative(root, target).split(path.sep).join('/');
        if (toRel.startsWith('..')) return;
        problem = fileProblem(fromRel, toRel);
      } else if (fromLayer) {
        problem = packageProblem(fromLayer, fromRel, specifier);
      }
      if (problem) context.report({ node: source, messageId: 'layer', data: { problem } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { layers: rule } };
