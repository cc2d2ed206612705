/**
 * Editable fields that hold a secret value. A value the user did not type into this field (loaded
 * from Secrets Manager, taken from someone else's version, produced by a fix) is kept out of the
 * page entirely until the user reveals it: neither its text nor an input's value or attribute
 * holds it, so a screen share, an extension reading the page or a password manager scanning
 * inputs never sees it. Editing such a value starts with that explicit reveal. What the user types
 * here is theirs and stays editable.
 */
import { Button, Classes, InputGroup, TextArea } from '@blueprintjs/core';
import { useState } from 'react';

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
 * A multi-line text that may hold secrets (a stored connection string, extras with a key): masked
 * behind "Reveal to edit" while `secret` says it holds one, an ordinary text area otherwise.
 */
export function SecretTextArea({
  id,
  value,
  onChange,
  secret,
  testId,
  revealTestId = `${testId}-reveal`,
  rows,
  className,
  placeholder,
  intent,
  mask: given,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Whether this value holds a secret at all (a JSON text without one needs no mask). */
  secret: boolean;
  /** The mask state, when the parent needs to know it (see `useMask`). */
  mask?: Mask;
  testId: string;
  revealTestId?: string;
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
      <TextArea
        id={id}
        fill
        rows={rows}
        className={className}
        value={value}
        placeholder={placeholder}
        intent={intent}
        onChange={(event) => {
          mask.typed(event.currentTarget.value);
          onChange(event.currentTarget.value);
        }}
        spellCheck={false}
        data-testid={testId}
      />
      {secret && mask.revealed ? <Button size="small" variant="minimal" icon="eye-off" text="Hide" onClick={mask.hide} data-testid={`${testId}-hide`} /> : null}
    </div>
  );
}
