/**
 * Reads and types into the code editor (components/code-editor) in jsdom, where it cannot be typed
 * into with key events: through the CodeMirror view in the field's shadow root, as typing would.
 */
import { EditorView } from '@codemirror/view';
import { act } from '@testing-library/react';

export function codeEditorView(host: HTMLElement): EditorView {
  const dom = host.shadowRoot?.querySelector('.cm-editor');
  const view = dom instanceof HTMLElement ? EditorView.findFromDOM(dom) : null;
  if (view === null) throw new Error(`No code editor in ${host.outerHTML.slice(0, 120)}`);
  return view;
}

/** The text the editor holds. */
export function editorText(host: HTMLElement): string {
  return codeEditorView(host).state.doc.toString();
}

/** Replaces the editor's text as the user would by typing (a user event, so the form hears it). */
export function typeInEditor(host: HTMLElement, text: string): void {
  const view = codeEditorView(host);
  // The form hears it through React state, so the update is flushed before the test looks.
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' }));
}
