/**
 * Names shown character for character: secret ids and names, ARNs, variable keys, file names,
 * class paths, regions, profile names. Nothing clips them and they never break mid-word:
 *
 * - `separators` (the default): may wrap only after `/`, `_`, `.`, `-` or `:` (a `<wbr>` after
 *   each run of them) or at a space. `<wbr>` adds no character, so a copy is the exact name.
 * - `never`: one line, for short names that read as one word (`us-east-1`, an account id).
 * - `truncate`: one line cut with an ellipsis, the full name in the tooltip (and in a copy).
 *
 * Every element sets `data-exact`, which the layout checks of the visual tests look for.
 * A `<wbr>` breaks even inside `white-space: nowrap` (in Chromium), so a name that must stay on
 * one line says so with `never`.
 */
import { createElement, Fragment, type ReactNode } from 'react';

export type NameWrap = 'separators' | 'never' | 'truncate';

/** What `data-exact` says about an element's text, for the layout checks. */
export const EXACT_KIND: Readonly<Record<NameWrap, string>> = { separators: 'name', never: 'word', truncate: 'truncate' };

/**
 * After a run of separators that follows a letter or digit, before the next character:
 * `AIRFLOW__SECRETS` never splits its `__`, and `.env` or `/airflow` keep their first character.
 */
const AFTER_SEPARATORS = /(?<=[\p{L}\p{N}][/_.:-]+)(?![/_.:-])/u;

/** The pieces of a name between its break opportunities, in order; joined they are the name. */
export function nameSegments(text: string): string[] {
  return text === '' ? [''] : text.split(AFTER_SEPARATORS);
}

/** The name with a `<wbr>` at each allowed break. */
export function withBreaks(text: string): ReactNode {
  return nameSegments(text).map((segment, index) => (
    <Fragment key={index}>
      {index === 0 ? null : <wbr />}
      {segment}
    </Fragment>
  ));
}

export interface ExactNameProps {
  readonly text: string;
  readonly wrap?: NameWrap;
  /** The element to render; `code` inside messages, `strong` for emphasis. */
  readonly as?: 'span' | 'code' | 'strong' | 'div';
  readonly className?: string;
  readonly testId?: string;
}

export function ExactName({ text, wrap = 'separators', as = 'span', className, testId }: ExactNameProps) {
  return createElement(
    as,
    {
      className: ['exact-name', `exact-${wrap}`, className].filter((part) => part !== undefined && part !== '').join(' '),
      'data-exact': EXACT_KIND[wrap],
      'data-testid': testId,
      title: wrap === 'truncate' ? text : undefined,
    },
    wrap === 'separators' ? withBreaks(text) : text,
  );
}
