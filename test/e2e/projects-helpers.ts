/**
 * Helpers for the projects e2e spec: calling Airlock's API directly (to pick the sandbox and load
 * its example data without depending on other views' UI), reading what the review dialog shows,
 * and comparing it with what reached the disk.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { diffText } from '../../shared/text-diff';
import type { AirlockProcess } from './airlock-fixture';

export async function callApi<T>(app: AirlockProcess, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export interface ShownLine {
  readonly kind: 'same' | 'add' | 'del';
  readonly text: string;
  readonly masked: boolean;
}

/** The changed lines the review dialog shows for one file, revealing masked ones first. */
export async function shownChanges(dialog: Locator, file: string): Promise<ShownLine[]> {
  const planned = dialog.locator(`[data-testid="planned-file"][data-file="${file}"]`);
  const lines = planned.locator('.diff-line');
  const count = await lines.count();
  const shown: ShownLine[] = [];
  for (let i = 0; i < count; i += 1) {
    const line = lines.nth(i);
    const kind = (await line.getAttribute('data-kind')) as ShownLine['kind'];
    const masked = (await line.getAttribute('data-masked')) === 'true';
    if (masked) {
      const before = await line.getByTestId('diff-text').textContent();
      await line.getByTestId('reveal-line').click();
      await line.getByTestId('diff-text').filter({ hasNotText: before ?? '' }).waitFor();
    }
    shown.push({ kind, text: (await line.getByTestId('diff-text').textContent()) ?? '', masked });
  }
  return shown;
}

/** The lines a file gained and lost between two versions, as the shared line diff sees them. */
export function actualChanges(before: string, after: string): { added: string[]; removed: string[] } {
  const diff = diffText(before, after);
  return {
    added: diff.lines.filter((line) => line.kind === 'add').map((line) => line.text),
    removed: diff.lines.filter((line) => line.kind === 'del').map((line) => line.text),
  };
}

export async function readText(root: string, file: string): Promise<string> {
  try {
    return await readFile(path.join(root, file), 'utf8');
  } catch {
    return '';
  }
}

export async function statusOf(page: Page, id: string): Promise<string | null> {
  return page.getByTestId(`health-item-${id}`).getAttribute('data-status');
}
