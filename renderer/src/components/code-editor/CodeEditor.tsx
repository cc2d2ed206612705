/**
 * The code editor for JSON texts (kwargs, extras, variable values, a stored connection string):
 * CodeMirror 6 with JSON syntax, and lint markers from the validators the form already runs
 * (markers.ts), kept in sync with the form both ways: what the user types is reported through
 * `onChange`, and a value the form sets (a field edited, a fix applied) replaces the text.
 *
 * The CSP allows styles only from files (`style-src 'self'`), and CodeMirror styles itself with
 * generated rules. On a document it would add a `<style>` element, which the CSP refuses; in a
 * shadow root it adds them as a constructed style sheet (style-mod's `adoptedStyleSheets` path),
 * which is CSSOM and outside `style-src`. So the editor lives in a shadow root of its host; its
 * colours come from custom properties set on the host in styles.css (they inherit into the shadow
 * tree), so the light and dark themes follow Blueprint's.
 *
 * Keyboard: Tab is not captured (it moves focus on, as in any field); the standard keys edit and
 * undo; F8 / Ctrl-Shift-M (lintKeymap) go to the next marker and open the list of them.
 * The editor is mounted only once the text may be shown (MaskedField decides), so a secret that
 * is not revealed is never in it.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { useEffect, useMemo, useRef } from 'react';
import type { Problem } from '../../../../shared/airflow';
import { editorMarkers, type JsonMode } from './markers';

/** Marks the changes the form makes, so they are not reported back to it as typing. */
const fromForm = Annotation.define<boolean>();

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

function editorTheme(minLines: number) {
  return EditorView.theme({
    '&': { color: 'var(--code-editor-fg)', backgroundColor: 'var(--code-editor-bg)', border: '1px solid var(--code-editor-border)', borderRadius: '2px', fontSize: '12px' },
    '&.cm-focused': { outline: '2px solid var(--code-editor-focus)', outlineOffset: '-1px' },
    '.cm-scroller': { fontFamily: MONO, lineHeight: '1.45', minHeight: `${(minLines * 1.45).toFixed(2)}em`, maxHeight: '24em' },
    '.cm-content': { caretColor: 'var(--code-editor-fg)', padding: '4px 0' },
    '.cm-placeholder': { color: 'var(--code-editor-muted)' },
    '.cm-tooltip': { backgroundColor: 'var(--code-editor-bg)', color: 'var(--code-editor-fg)', border: '1px solid var(--code-editor-border)' },
  });
}

export interface CodeEditorProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Names the text for assistive technology (a `<label for>` cannot reach into the shadow root). */
  readonly label: string;
  readonly json: JsonMode;
  /** What the field's validator reported; each becomes a marker (see markers.ts). */
  readonly problems?: readonly Problem[] | undefined;
  /** On the host element, which tests and the page scan find. */
  readonly testId: string;
  readonly minLines: number;
  readonly placeholder?: string | undefined;
  readonly invalid?: boolean | undefined;
  readonly className?: string | undefined;
}

export function CodeEditor({ value, onChange, label, json: jsonMode, problems, testId, minLines, placeholder, invalid, className }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  }, [onChange]);

  // Created once per mounted field; the text, markers and callbacks are updated below.
  const initial = useRef({ value, label, minLines, placeholder });
  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    // A shadow root cannot be removed, so a remount (React's strict mode) reuses it.
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const start = initial.current;
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: start.value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          json(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          bracketMatching(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': start.label, spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
          start.placeholder === undefined ? [] : placeholderText(start.placeholder),
          editorTheme(start.minLines),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((transaction) => transaction.annotation(fromForm) === true)) report.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // The form's value wins: a change made outside the editor replaces its text.
  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: fromForm.of(true) });
  }, [value]);

  const markers = useMemo(() => editorMarkers(value, jsonMode, problems), [value, jsonMode, problems]);
  useEffect(() => {
    const editor = view.current;
    if (editor?.state.doc.toString() !== value) return;
    editor.dispatch(setDiagnostics(editor.state, markers.map((marker) => ({ ...marker, source: 'Airlock' }))));
  }, [markers, value]);

  return <div ref={host} className={['code-editor', invalid === true ? 'code-editor-invalid' : '', className ?? ''].filter((part) => part !== '').join(' ')} data-testid={testId} data-markers={markers.length} />;
}
