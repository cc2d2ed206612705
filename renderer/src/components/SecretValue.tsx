/**
 * A secret value: masked until revealed, copyable. The clipboard is cleared after a short time
 * if it still holds what Airlock put there.
 */
import { Button, ButtonGroup, Classes } from '@blueprintjs/core';
import { useEffect, useState } from 'react';
import { withBreaks } from './ExactName';

export const CLIPBOARD_CLEAR_MS = 30_000;

export function SecretValue({ value, testId }: { value: string; testId?: string }) {
  const [revealed, setRevealed] = useState(false);
  const copy = useCopyToClipboard();
  return (
    <div className="secret-value" data-testid={testId}>
      <pre className={`secret-value-text ${revealed ? '' : Classes.TEXT_MUTED}`} data-testid={testId === undefined ? undefined : `${testId}-text`}>
        {revealed ? withBreaks(value) : '••••••••••••'}
      </pre>
      <ButtonGroup variant="minimal">
        <Button icon={revealed ? 'eye-off' : 'eye-open'} text={revealed ? 'Hide' : 'Reveal'} onClick={() => setRevealed(!revealed)} data-testid={testId === undefined ? undefined : `${testId}-reveal`} />
        <Button icon={copy.copied ? 'tick' : 'clipboard'} text={copy.copied ? 'Copied (clears in 30 s)' : 'Copy'} onClick={() => void copy.copy(value)} />
      </ButtonGroup>
    </div>
  );
}

export function useCopyToClipboard() {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), CLIPBOARD_CLEAR_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return {
    copied,
    async copy(value: string) {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => {
        // Only clear what we put there: the user may have copied something else since.
        void navigator.clipboard.readText().then((current) => {
          if (current === value) return navigator.clipboard.writeText('');
          return undefined;
        }).catch(() => undefined);
      }, CLIPBOARD_CLEAR_MS);
    },
  };
}
