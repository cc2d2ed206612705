/**
 * Shell commands as the user would type them: one line per command, wrapping only between
 * arguments (each argument is one unbreakable piece), and an argument wider than the block
 * scrolls inside it instead of being cut. The copy button copies the exact lines.
 */
import { Button } from '@blueprintjs/core';
import { Fragment, useEffect, useState } from 'react';
import { pluralWord } from '../../../shared/plural';
import { shellWords } from './shell-words';

export function CommandBlock({ commands, prompt = false, testId, className }: {
  readonly commands: readonly string[];
  /** Shows a `$` before each line (not part of the text, nor of a copy). */
  readonly prompt?: boolean;
  readonly testId?: string;
  readonly className?: string;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const text = commands.join('\n');
  return (
    <div className={['command-block', className].filter((part) => part !== undefined).join(' ')}>
      <div className="command-lines mono" data-exact="command" data-testid={testId}>
        {commands.map((command, line) => (
          <Fragment key={line}>
            {line === 0 ? null : '\n'}
            <code className={prompt ? 'command-line with-prompt' : 'command-line'}>
              {shellWords(command).map((word, index) => (
                <Fragment key={index}>
                  {index === 0 ? null : ' '}
                  <span className="command-word">{word}</span>
                </Fragment>
              ))}
            </code>
          </Fragment>
        ))}
      </div>
      <Button
        className="command-copy"
        variant="minimal"
        size="small"
        icon={copied ? 'tick' : 'clipboard'}
        aria-label={`Copy the ${pluralWord(commands.length, 'command')}`}
        title={copied ? 'Copied' : `Copy the ${pluralWord(commands.length, 'command')}`}
        onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true), () => undefined)}
        data-testid={testId === undefined ? undefined : `${testId}-copy`}
      />
    </div>
  );
}
