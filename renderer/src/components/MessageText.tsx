/**
 * Messages from the API and the Airflow rules write code between backticks ("Run `astro dev
 * init` in it"). This shows each backticked part as code (an exact name: it never breaks
 * mid-word) and everything else as plain text. Built from React nodes only: a message can never
 * inject markup. A lone or empty pair of backticks stays as typed.
 */
import { Fragment } from 'react';
import { ExactName, withBreaks } from './ExactName';

export interface MessagePart {
  readonly code: boolean;
  readonly text: string;
}

const CODE = /`([^`\n]+)`/g;

/**
 * A word long enough to push a column wide that reads as a name: a path, a KEY_NAME, a host
 * (a separator between letters or digits). Short words like "e.g." or "5.1.0" stay plain text.
 */
const LONG_NAME = /^(?=\S{20,}$)\S*[\p{L}\p{N}][/_.:-]+[\p{L}\p{N}]\S*$/u;

/**
 * Plain text, with the long names in it breakable at their separators only (never mid-word). The
 * `<wbr>`s sit among the text nodes, so the text stays one run of text for readers and for tests.
 */
function plainText(text: string) {
  return text.split(/(\s+)/).map((word, index) => <Fragment key={index}>{LONG_NAME.test(word) ? withBreaks(word) : word}</Fragment>);
}

export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of message.matchAll(CODE)) {
    if (match.index > last) parts.push({ code: false, text: message.slice(last, match.index) });
    parts.push({ code: true, text: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < message.length || parts.length === 0) parts.push({ code: false, text: message.slice(last) });
  return parts;
}

export function MessageText({ text }: { readonly text: string }) {
  return (
    <>
      {messageParts(text).map((part, index) =>
        part.code ? <ExactName key={index} as="code" className="message-code" text={part.text} /> : <Fragment key={index}>{plainText(part.text)}</Fragment>,
      )}
    </>
  );
}
