/**
 * Escape on the page (not in a dialog, menu or popover, which close themselves first, and not in a
 * text field outside `within`, where Escape belongs to the field) calls `onEscape`. Active only
 * while `active`: a hidden view must not react to keys meant for the one on screen.
 */
import { useEffect, useRef, type RefObject } from 'react';

function isTextField(element: Element): boolean {
  return element.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

export function useEscapeKey(active: boolean, onEscape: () => void, within: RefObject<HTMLElement | null>): void {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  });
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('.bp6-portal, .bp6-overlay') != null) return;
      const inside = target !== null && within.current?.contains(target) === true;
      if (!inside && target !== null && isTextField(target)) return;
      latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [active, within]);
}
