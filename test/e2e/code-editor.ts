/**
 * Typing into the app's code editor (CodeMirror) as a user does: select all, then insert the
 * text as keyboard input. Playwright's `fill` on a contenteditable goes through the browser's
 * editing commands instead, which can wrap text in inline-styled spans that the page's CSP
 * (`style-src 'self'`) reports; a user's typing never does that.
 */
import type { Locator } from '@playwright/test';

export async function typeInCodeEditor(content: Locator, text: string): Promise<void> {
  await content.click();
  await content.press('ControlOrMeta+A');
  await content.page().keyboard.insertText(text);
}
