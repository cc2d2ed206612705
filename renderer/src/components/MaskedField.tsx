/**
 * Editable fields that hold a secret value. A value the user did not type into this field (loaded
 * from Secrets Manager, taken from someone else's version, produced by a fix) is kept out of the
 * page entirely until the user reveals it: neither its text nor an input's value or attribute
 * holds it, so a screen share, an extension reading the page or a password manager scanning
 * inputs never sees it. Editing such a value starts with that explicit reveal. What the user types
 * here is theirs and stays editable.
 */
import { Button, Classes, InputGroup } from '@blueprintjs/core';
import { useState } from 'react';
import type { Problem } from '../../../shared/airflow';
import { CodeEditor } from './code-editor/LazyCodeEditor';
import type { JsonMode } from './code-editor/markers';

export const MASK = '••••••••';

export interface Mask {
  /** True while the value must not be in the page. */
  readonly masked: boolean;
  readonly revealed: boolean;
  readonly reveal: () => void;
  /** Masks again, including what the user typed. */
  readonly hide: () => void;
  /** Call with every value the user types into the field. */
  readonly typed: (value: string) => void;
}

export function useMask(value: string): Mask {
  const [revealed, setRevealed] = useState(false);
  const [typed, setTyped] = useState<string | null>(null);
  return {
    masked: !revealed && value !== '' && value !== typed,
    revealed,
    reveal: () => setRevealed(true),
    hide: () => {
      setRevealed(false);
      setTyped(null);
    },
    typed: setTyped,
  };
}

/** A one-line secret (a password, a key): masked with an eye button, typed as a password field. */
export function SecretInput({
  id,
  value,
  onChange,
  what,
  testId,
  placeholder,
  disabled,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Names the value in the buttons' labels, e.g. "the password". */
  what: string;
  testId: string;
  placeholder?: string | undefined;
  disabled?: boolean;
}) {
  const mask = useMask(value);
  const eye = (
    <Button
      variant="minimal"
      icon={mask.revealed ? 'eye-off' : 'eye-open'}
      aria-label={mask.revealed ? `Hide ${what}` : `Show ${what}`}
      onClick={mask.revealed ? mask.hide : mask.reveal}
      data-testid={`${testId}-reveal`}
    />
  );
  if (mask.masked) {
    return <InputGroup id={id} readOnly value={MASK} aria-label={`${what}, hidden`} rightElement={eye} className="masked-input" data-testid={`${testId}-masked`} />;
  }
  return (
    <InputGroup
      id={id}
      type={mask.revealed ? 'text' : 'password'}
      value={value}
      placeholder={placeholder}
      disabled={disabled}
      onValueChange={(next) => {
        mask.typed(next);
        onChange(next);
      }}
      autoComplete="new-password"
      spellCheck={false}
      rightElement={eye}
      data-testid={testId}
    />
  );
}

/**
 * A multi-line JSON text that may hold secrets (kwargs, extras, a variable value, a stored
 * connection string), in the code editor: masked behind "Reveal to edit" while `secret` says it
 * holds one, so the editor (and the text) is only in the page once revealed.
 */
export function SecretTextArea({
  value,
  onChange,
  secret,
  label,
  json,
  problems,
  testId,
  revealTestId = `${testId}-reveal`,
  rows,
  className,
  placeholder,
  intent,
  mask: given,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Whether this value holds a secret at all (a JSON text without one needs no mask). */
  secret: boolean;
  /** Names the text for assistive technology, as its form label does on screen. */
  label: string;
  /** When the text is read as JSON for its syntax markers (see code-editor/markers.ts). */
  json: JsonMode;
  /** The field validator's problems, marked in the text. */
  problems?: readonly Problem[] | undefined;
  /** The mask state, when the parent needs to know it (see `useMask`). */
  mask?: Mask;
  testId: string;
  revealTestId?: string;
  /** The lines the editor shows at least. */
  rows: number;
  className?: string;
  placeholder?: string;
  intent?: 'none' | 'danger';
}) {
  const own = useMask(value);
  const mask = given ?? own;
  if (secret && mask.masked) {
    return (
      <div className="masked-value" data-testid={`${testId}-masked`}>
        <pre className={`secret-value-text ${Classes.TEXT_MUTED}`}>{MASK}</pre>
        <Button icon="eye-open" text="Reveal to edit" onClick={mask.reveal} data-testid={revealTestId} />
      </div>
    );
  }
  return (
    <div className="secret-text-area">
      <CodeEditor
        className={className}
        value={value}
        label={label}
        json={json}
        problems={problems}
        minLines={rows}
        placeholder={placeholder}
        invalid={intent === 'danger'}
        onChange={(next) => {
          mask.typed(next);
          onChange(next);
        }}
        testId={testId}
      />
      {secret && mask.revealed ? <Button size="small" variant="minimal" icon="eye-off" text="Hide" onClick={mask.hide} data-testid={`${testId}-hide`} /> : null}
    </div>
  );
}
