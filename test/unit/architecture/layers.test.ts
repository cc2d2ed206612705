import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(repo, 'test/fixtures/lint');

/**
 * Lints fixture files with the project's eslint.config.js, the layer rule rooted at the fixture
 * tree (a miniature shared/, electron/ and renderer/). Only the layer rule runs and without type
 * information, so the test stays quick; the rule itself is the one `npm run lint` runs.
 */
async function layerErrors(file: string): Promise<{ line: number; message: string }[]> {
  const eslint = new ESLint({
    cwd: repo,
    ruleFilter: ({ ruleId }) => ruleId === 'airlock/layers',
    overrideConfig: {
      languageOptions: { parserOptions: { project: null } },
      rules: { 'airlock/layers': ['error', { root: fixtures }] },
    },
  });
  const [result] = await eslint.lintFiles([path.join(fixtures, file)]);
  return (result?.messages ?? []).map(({ line, message }) => ({ line, message }));
}

describe('the layer rule', () => {
  it('issue 11 item 9: shared/ importing a Node built-in, a service or a module\'s private file is refused', async () => {
    const errors = await layerErrors('shared/bad-import.ts');
    expect(errors).toEqual([
      { line: 2, message: 'shared/ runs in both processes: no Node built-ins.' },
      { line: 3, message: 'shared/ imports only shared/, not electron/services/service.ts.' },
      { line: 4, message: 'Import shared/mod through its index, not shared/mod/inner.ts: a module\'s files other than index.ts are private.' },
    ]);
  });

  it('issue 11 item 9: a service importing the glue is refused', async () => {
    expect(await layerErrors('electron/services/bad-glue.ts')).toEqual([
      { line: 2, message: 'Services never import the glue or the handlers (electron/main.ts): the glue composes services, not the other way round.' },
    ]);
  });

  it('issue 11 item 9: the renderer importing a service is refused', async () => {
    expect(await layerErrors('renderer/bad-import.ts')).toEqual([
      { line: 2, message: 'The renderer imports only shared/ and its own files, not electron/services/service.ts.' },
    ]);
  });

  it('issue 11 item 9: importing a module through its index passes', async () => {
    expect(await layerErrors('shared/good-import.ts')).toEqual([]);
  });

  it('issue 11 item 3: a service importing another service module\'s files, nested ones included, is refused; its index passes', async () => {
    expect(await layerErrors('electron/services/other/bad-deep-import.ts')).toEqual([
      { line: 2, message: 'Import electron/services/mod through its index, not electron/services/mod/inner.ts: a module\'s files other than index.ts are private.' },
      { line: 3, message: 'Import electron/services/mod through its index, not electron/services/mod/nested/deep.ts: a module\'s files other than index.ts are private.' },
    ]);
  });

  it('issue 11 item 3: inside a module, a nested folder imports its parent\'s files directly', async () => {
    expect(await layerErrors('electron/services/mod/nested/deep.ts')).toEqual([]);
  });

  it('issue 11 item 3: a view importing the components\' or another view\'s files is refused', async () => {
    expect(await layerErrors('renderer/src/views/page/bad-deep-import.ts')).toEqual([
      { line: 2, message: 'Import renderer/src/components through its index, not renderer/src/components/widget.ts: a module\'s files other than index.ts are private.' },
      { line: 3, message: 'Import renderer/src/views/other through its index, not renderer/src/views/other/other-view.ts: a module\'s files other than index.ts are private.' },
    ]);
  });

  it('issue 11 item 3: a view importing other modules through their indexes and its own files directly passes', async () => {
    expect(await layerErrors('renderer/src/views/page/good-import.ts')).toEqual([]);
  });

  it('issue 11 item 3: tests may import a module\'s private files', async () => {
    expect(await layerErrors('test/module-internals.ts')).toEqual([]);
  });
});
