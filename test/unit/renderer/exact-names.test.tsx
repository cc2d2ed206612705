// @vitest-environment jsdom
/**
 * Issue 10 items 1 to 3: exact names, commands and backticked code in messages. jsdom has no
 * layout, so these tests check what the layout rests on: where a name may break (its `<wbr>`s),
 * that every character stays in the text and in a copy, that commands are cut into unbreakable
 * arguments, that a message never becomes markup, and that no stylesheet breaks words anywhere
 * or clips inline code. test/e2e/visual.spec.ts checks the real layout in Chromium.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../renderer/src/api/client';
import { CommandBlock } from '../../../renderer/src/components/CommandBlock';
import { ErrorCallout } from '../../../renderer/src/components/ErrorCallout';
import { ExactName, nameSegments } from '../../../renderer/src/components/ExactName';
import { MessageText, messageParts } from '../../../renderer/src/components/MessageText';
import { shellWords } from '../../../renderer/src/components/shell-words';

afterEach(cleanup);

/** The text between an element's `<wbr>`s: the pieces a line may end after. */
function piecesOf(element: Element): string[] {
  const pieces = [''];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeName === 'WBR') pieces.push('');
    else pieces[pieces.length - 1] += node.textContent ?? '';
  }
  return pieces;
}

describe('issue 10 item 2: ExactName', () => {
  it('issue 10 item 2: a name may break only after a run of / _ . - : and keeps every character', () => {
    const { container } = render(
      <>
        <ExactName text="airflow/connections/warehouse_postgres" testId="secret" />
        <ExactName text="AIRFLOW__SECRETS__BACKEND_KWARGS" testId="variable" />
        <ExactName text="airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend" testId="class" />
        <ExactName text="arn:aws:secretsmanager:us-east-1:123456789012:secret:airflow/variables/env-AbC123" testId="arn" />
      </>,
    );
    expect(piecesOf(screen.getByTestId('secret'))).toEqual(['airflow/', 'connections/', 'warehouse_', 'postgres']);
    // A double underscore stays together: the break comes after the pair.
    expect(piecesOf(screen.getByTestId('variable'))).toEqual(['AIRFLOW__', 'SECRETS__', 'BACKEND_', 'KWARGS']);
    // SecretsManagerBackend has no break in it: "Secre / tsManagerBackend" cannot happen.
    expect(piecesOf(screen.getByTestId('class')).at(-1)).toBe('SecretsManagerBackend');
    expect(piecesOf(screen.getByTestId('arn'))).toContain('us-');
    for (const element of Array.from(container.querySelectorAll('[data-exact]'))) {
      expect(element.getAttribute('data-exact')).toBe('name');
      expect(element.className).toContain('exact-separators');
    }
    expect(screen.getByTestId('secret').textContent).toBe('airflow/connections/warehouse_postgres');
    expect(container.textContent).not.toMatch(/[\u200b\u00ad]/);
  });

  it('issue 10 item 2: a leading separator or a dot file keeps its first character with the rest', () => {
    expect(nameSegments('/airflow/connections/x')).toEqual(['/airflow/', 'connections/', 'x']);
    expect(nameSegments('.env')).toEqual(['.env']);
    expect(nameSegments('variables.env')).toEqual(['variables.', 'env']);
    expect(nameSegments('')).toEqual(['']);
  });

  it('issue 10 item 2: a region stays on one line, and a truncated path keeps its full text in the title', () => {
    render(
      <>
        <ExactName wrap="never" text="us-east-1" testId="region" />
        <ExactName wrap="truncate" text="/home/ana/projects/warehouse-pipelines" testId="path" />
      </>,
    );
    const region = screen.getByTestId('region');
    expect(region.querySelector('wbr')).toBeNull();
    expect(region.className).toContain('exact-never');
    expect(region.getAttribute('data-exact')).toBe('word');
    const shown = screen.getByTestId('path');
    expect(shown.getAttribute('title')).toBe('/home/ana/projects/warehouse-pipelines');
    expect(shown.textContent).toBe('/home/ana/projects/warehouse-pipelines');
    expect(shown.getAttribute('data-exact')).toBe('truncate');
  });
});

describe('issue 10 item 2: CommandBlock', () => {
  it('issue 10 item 2: shell words keep quotes and escapes, split only between arguments', () => {
    expect(shellWords('aws secretsmanager delete-secret --secret-id airflow/x --recovery-window-in-days 30')).toEqual([
      'aws', 'secretsmanager', 'delete-secret', '--secret-id', 'airflow/x', '--recovery-window-in-days', '30',
    ]);
    expect(shellWords(`aws secretsmanager update-secret --description 'two words' --tags '[{"Key":"team","Value":"data eng"}]'`)).toEqual([
      'aws', 'secretsmanager', 'update-secret', '--description', "'two words'", '--tags', `'[{"Key":"team","Value":"data eng"}]'`,
    ]);
    expect(shellWords(`echo "a \\"quoted\\" word" plain\\ space 'it'\\''s'`)).toEqual(['echo', '"a \\"quoted\\" word"', 'plain\\ space', `'it'\\''s'`]);
    expect(shellWords('  spaced   out  ')).toEqual(['spaced', 'out']);
  });

  it('issue 10 item 2: each argument is one unbreakable piece, the text is the exact command and the copy button copies it', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const commands = [
      "aws secretsmanager update-secret --secret-id airflow/variables/env --description 'nightly load' --region us-east-1",
      'aws secretsmanager delete-secret --secret-id airflow/variables/env --recovery-window-in-days 30',
    ];
    render(<CommandBlock commands={commands} testId="review-command" />);
    const block = screen.getByTestId('review-command');
    expect(block.getAttribute('data-exact')).toBe('command');
    const lines = Array.from(block.querySelectorAll('.command-line'));
    expect(lines.map((line) => line.textContent)).toEqual(commands);
    const words = Array.from(lines[0]?.querySelectorAll('.command-word') ?? []).map((word) => word.textContent);
    expect(words).toContain("'nightly load'");
    expect(words).toContain('us-east-1');
    expect(Array.from(lines[1]?.querySelectorAll('.command-word') ?? []).map((word) => word.textContent)).toContain('--recovery-window-in-days');
    fireEvent.click(screen.getByTestId('review-command-copy'));
    expect(writeText).toHaveBeenCalledWith(commands.join('\n'));
    expect(await screen.findByTitle('Copied')).toBeTruthy();
  });
});

describe('issue 10 item 3: backticks in messages', () => {
  it('issue 10 item 3: the not-a-project message shows `astro dev init` as code, without backticks', () => {
    const message = 'This folder is not an Astro project: it has no .astro/config.yaml. Choose the folder where you ran `astro dev init`.';
    render(<ErrorCallout error={new ApiCallError({ code: 'NOT_A_PROJECT', message, retryable: false })} />);
    const callout = screen.getByTestId('error-callout');
    const code = callout.querySelector('code');
    expect(code?.textContent).toBe('astro dev init');
    expect(callout.textContent).not.toContain('`');
    expect(callout.textContent).toContain('Choose the folder where you ran astro dev init.');
  });

  it('issue 10 item 3: a message is text, never markup, and stray backticks stay as typed', () => {
    const hostile = 'Bad id `<img src=x onerror=alert(1)>` and <b>bold</b> with a lone ` tick';
    const { container } = render(<p data-testid="message"><MessageText text={hostile} /></p>);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelectorAll('code')).toHaveLength(1);
    expect(container.querySelector('code')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(screen.getByTestId('message').textContent).toBe(hostile.replace('`<img src=x onerror=alert(1)>`', '<img src=x onerror=alert(1)>'));
    expect(messageParts('no code here')).toEqual([{ code: false, text: 'no code here' }]);
    expect(messageParts('an empty `` pair')).toEqual([{ code: false, text: 'an empty `` pair' }]);
    expect(messageParts('`a` and `b`').filter((part) => part.code).map((part) => part.text)).toEqual(['a', 'b']);
  });

  it('issue 10 item 2: a long name in plain message text breaks only at its separators', () => {
    const { container } = render(<p><MessageText text="There is no secret named airflow/connections/legacy_db. Locally Airflow uses AIRFLOW_CONN_LEGACY_DB from .env." /></p>);
    const paragraph = container.querySelector('p');
    expect(paragraph?.textContent).toBe('There is no secret named airflow/connections/legacy_db. Locally Airflow uses AIRFLOW_CONN_LEGACY_DB from .env.');
    // Short words get no break; the long names get one after each separator run.
    expect(paragraph?.querySelectorAll('wbr')).toHaveLength(3 + 3);
  });
});

describe('issue 10 items 1 and 2: the stylesheets', () => {
  const root = path.resolve(import.meta.dirname, '../../../renderer/src');
  const sheets = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.css')).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

  it('issue 10 item 2: no rule breaks words anywhere (break-all, overflow-wrap: anywhere)', () => {
    expect(sheets.length).toBeGreaterThan(3);
    const offending = sheets.flatMap(({ file, text }) => text.split('\n').filter((line) => /word-break:\s*break-all|overflow-wrap:\s*anywhere|word-wrap:\s*break-word/.test(line)).map((line) => `${file}: ${line.trim()}`));
    expect(offending).toEqual([]);
  });

  it('issue 10 item 1: the health summary (with its inline code) is never clipped', () => {
    const rules = sheets.flatMap(({ text }) => text.split('\n').filter((line) => line.includes('.health-item-summary') && line.includes('{')));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).not.toMatch(/overflow|text-overflow|nowrap/);
  });
});
