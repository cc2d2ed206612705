/**
 * The code editor, loaded when first shown: CodeMirror is a large part of the renderer's code and
 * the first screen (the Secrets list) does not need it, so it is a chunk of its own (issue 12:
 * the initial script is evaluated before the window can ask for anything). Until the chunk is in,
 * a quiet empty box stands in; the chunk is local, so that is a moment.
 */
import { lazy, Suspense, useState, type ComponentType } from 'react';
import type { CodeEditorProps } from './CodeEditor';

let loaded: ComponentType<CodeEditorProps> | null = null;
let loading: Promise<ComponentType<CodeEditorProps>> | null = null;

function loadEditor(): Promise<ComponentType<CodeEditorProps>> {
  loading ??= import('./CodeEditor').then((module) => (loaded = module.CodeEditor));
  return loading;
}

/** Loads the editor's chunk (once); editors mounted after it resolved render without a fallback. */
export async function loadCodeEditor(): Promise<void> {
  await loadEditor();
}

const LazyEditor = lazy(async () => ({ default: await loadEditor() }));

export function CodeEditor(props: CodeEditorProps) {
  // Chosen once per editor: switching from the lazy path to the loaded one would remount the
  // editor and lose its undo history and focus.
  const [Loaded] = useState(() => loaded);
  if (Loaded !== null) return <Loaded {...props} />;
  return (
    <Suspense fallback={<div className={`code-editor code-editor-loading ${props.className ?? ''}`} aria-busy="true" />}>
      <LazyEditor {...props} />
    </Suspense>
  );
}
