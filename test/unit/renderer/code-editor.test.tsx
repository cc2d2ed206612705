// @vitest-environment jsdom
/**
 * Issue 11 item 11: the JSON texts are edited in CodeMirror 6, with the JSON syntax, markers from
 * the validators the form already runs, and the form in sync both ways. Masking until a reveal is
 * covered by secret-masking.test.tsx, whose page scan also reads the editor's shadow root.
 */
import { diagnosticCount, forEachDiagnostic, type Diagnostic } from '@codemirror/lint';
import { runScopeHandlers } from '@codemirror/view';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CodeEditor } from '../../../renderer/src/components/code-editor/CodeEditor';
import { editorMarkers } from '../../../renderer/src/components/code-editor/markers';
import { VariableForm } from '../../../renderer/src/views/secrets/VariableForm';
import type { Problem } from '../../../shared/airflow';
import { loadCodeEditor } from '../../../renderer/src/components/code-editor/LazyCodeEditor';
import { codeEditorView, editorText, typeInEditor } from './code-editor-driver';

afterEach(cleanup);

function diagnostics(host: HTMLElement): Diagnostic[] {
  const found: Diagnostic[] = [];
  forEachDiagnostic(codeEditorView(host).state, (diagnostic) => found.push(diagnostic));
  return found;
}

const prefixProblem: Problem = { code: 'kwargs.unknown', severity: 'warning', message: 'Not a kwarg Airflow reads', field: 'conections_prefix' };

// The editor is a chunk of its own (issue 12); loaded first, editors render at once as before.
beforeAll(() => loadCodeEditor());

describe('issue 11 item 11: the code editor for JSON', () => {
  it('issue 11 item 11: markers come from the Python-exact JSON parser and the validator, at the key a problem names', () => {
    // json.loads stops at the "}" after the trailing comma (character 9).
    const [syntax, ...more] = editorMarkers('{"a": 1, }', 'always');
    expect([syntax?.from, syntax?.to, syntax?.severity, syntax?.message, more]).toEqual([9, 10, 'error', 'Expecting a property name in double quotes', []]);
    // Python reads NaN; a JavaScript JSON.parse would have marked it.
    expect(editorMarkers('{"a": NaN}', 'always')).toEqual([]);
    // Running out of text is marked at the end, never past it.
    expect(editorMarkers('{"a": ', 'always')).toEqual([expect.objectContaining({ from: 6, to: 6, severity: 'error' })]);

    const text = '{\n  "note": "conections_prefix",\n  "conections_prefix": "x"\n}';
    const key = text.indexOf('"conections_prefix":');
    expect(editorMarkers(text, 'always', [prefixProblem])).toEqual([{ from: key, to: key + '"conections_prefix"'.length, severity: 'warning', message: 'Not a kwarg Airflow reads' }]);
    // A problem about the whole text (or a key not in it) is marked on the first line.
    expect(editorMarkers('{"a": 1}\n', 'always', [{ code: 'x', severity: 'error', message: 'too big' }])).toEqual([{ from: 0, to: 8, severity: 'error', message: 'too big' }]);

    // A variable value or stored string is read as JSON only when it starts like JSON.
    expect(editorMarkers('postgresql://u:p@h/db', 'when-json')).toEqual([]);
    expect(editorMarkers('[1, 2', 'when-json')).toHaveLength(1);
    expect(editorMarkers('', 'always')).toEqual([]);
  });

  it('issue 11 item 11: what the user types reaches the form, and what the form sets replaces the text without echoing back', () => {
    const heard: string[] = [];
    function Field() {
      const [value, setValue] = useState('{"a": 1}');
      return (
        <>
          <CodeEditor value={value} onChange={(next) => { heard.push(next); setValue(next); }} label="Extra (JSON)" json="always" testId="field" minLines={3} />
          <button type="button" onClick={() => setValue('{"b": 2}')}>set from the form</button>
          <output data-testid="form-value">{value}</output>
        </>
      );
    }
    render(<Field />);
    const host = screen.getByTestId('field');
    expect(editorText(host)).toBe('{"a": 1}');

    typeInEditor(host, '{"a": 1, }');
    expect(screen.getByTestId('form-value').textContent).toBe('{"a": 1, }');
    expect(host.getAttribute('data-markers')).toBe('1');
    expect(diagnostics(host).map((diagnostic) => [diagnostic.from, diagnostic.severity])).toEqual([[9, 'error']]);

    fireEvent.click(screen.getByText('set from the form'));
    expect(editorText(host)).toBe('{"b": 2}');
    expect(diagnosticCount(codeEditorView(host).state)).toBe(0);
    expect(heard).toEqual(['{"a": 1, }']);
  });

  it('issue 11 item 11: the editor is a labelled, multi-line text box that Tab leaves and that undoes with the keyboard', () => {
    function Field() {
      const [value, setValue] = useState('');
      return <CodeEditor value={value} onChange={setValue} label="Value" json="when-json" testId="field" minLines={3} />;
    }
    render(<Field />);
    const view = codeEditorView(screen.getByTestId('field'));
    const content = view.contentDOM;
    expect([content.getAttribute('role'), content.getAttribute('aria-multiline'), content.getAttribute('aria-label'), content.getAttribute('contenteditable')]).toEqual(['textbox', 'true', 'Value', 'true']);
    // Tab is the browser's: it moves focus on instead of indenting.
    expect(runScopeHandlers(view, new KeyboardEvent('keydown', { key: 'Tab' }), 'editor')).toBe(false);
    typeInEditor(screen.getByTestId('field'), '{"x": 1}');
    act(() => {
      runScopeHandlers(view, new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }), 'editor');
    });
    expect(view.state.doc.toString()).toBe('');
  });

  it('issue 11 item 11: a variable value that starts like JSON is marked where json.loads stops, with the validator notes beside it', () => {
    render(<VariableForm value={'{"retries": 3,}'} onChange={() => undefined} masked={false} kind="variable" />);
    const host = screen.getByTestId('variable-value');
    expect(editorText(host)).toBe('{"retries": 3,}');
    // The validator's note (Variable.get(..., deserialize_json=True) fails) on the line, and the syntax error where it stops.
    expect(diagnostics(host).map((diagnostic) => [diagnostic.from, diagnostic.to, diagnostic.severity])).toEqual([[0, 15, 'warning'], [14, 15, 'error']]);
    expect(diagnostics(host)[0]?.message).toContain('deserialize_json=True');
  });
});
