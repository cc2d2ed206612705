/**
 * A minimal Blueprint tag as plain markup. Blueprint's <Tag> measures its text whenever its
 * children change (a forced layout of the whole page), which table rows mounting on every scroll
 * frame and a match count changing on every keystroke cannot afford; give the whole text in a
 * title where it may be cut.
 */
import { Classes } from '@blueprintjs/core';

export function StaticTag({ children, round = false, className }: { children: string; round?: boolean; className?: string }) {
  const classes = [Classes.TAG, Classes.MINIMAL, round ? Classes.ROUND : '', className ?? ''].filter((name) => name !== '').join(' ');
  return (
    <span className={classes}>
      <span className={`${Classes.FILL} ${Classes.TEXT_OVERFLOW_ELLIPSIS}`}>{children}</span>
    </span>
  );
}
