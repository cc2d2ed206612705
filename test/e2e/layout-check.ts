/**
 * In-page layout checks for the visual spec. Self-contained on purpose: Playwright serialises
 * each function into the page (`page.evaluate`), so they may use nothing from outside.
 */

/**
 * Every element on screen that shows an exact name or a command (`data-exact`, set by
 * ExactName, MessageText and CommandBlock) must show all of its characters and break lines only
 * where its kind allows:
 *
 * - the rendered text (innerText) is the DOM text, no character hidden;
 * - no character is cut by an ancestor that clips (overflow hidden or clip), and none spills out
 *   of the box that holds it; a scroll container may hold more than it shows (it scrolls), and a
 *   truncated one-line name may end in an ellipsis when its title holds the whole name;
 * - `name`: a line ends only after `/`, `_`, `.`, `-` or `:`, or at a space; `command`: only at a
 *   space between arguments; `word` and `truncate`: never.
 *
 * Line ends are found from each character's box (Range.getClientRects): the next character
 * starting below the previous one. Returns one line per problem.
 */
export function exactTextProblems(): string[] {
  const SEPARATORS = '/_.:-';
  const TOLERANCE = 0.5;
  const problems: string[] = [];
  const normal = (text: string) => text.replace(/\s+/g, ' ').trim();
  const describe = (element: Element) => {
    const testId = element.getAttribute('data-testid');
    const text = normal(element.textContent ?? '');
    return `<${element.tagName.toLowerCase()} data-exact="${element.getAttribute('data-exact') ?? ''}"${testId === null ? '' : ` data-testid="${testId}"`}> "${text.length > 70 ? `${text.slice(0, 70)}…` : text}"`;
  };
  const truncates = (element: Element) => {
    const style = getComputedStyle(element);
    return style.textOverflow === 'ellipsis' && style.overflowX !== 'visible';
  };
  const scrolls = (value: string) => value === 'auto' || value === 'scroll';
  const clips = (value: string) => value === 'hidden' || value === 'clip';

  for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-exact]'))) {
    if (element.getClientRects().length === 0) continue;
    const kind = element.dataset.exact ?? '';
    const text = element.textContent ?? '';
    if (normal(text) === '') continue;

    // Each character with its box, in order; collapsed spaces have no box.
    const chars: { readonly ch: string; readonly rect: DOMRect }[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const data = node.textContent ?? '';
      for (let index = 0; index < data.length; index += 1) {
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const rect = Array.from(range.getClientRects()).find((box) => box.width > 0 || box.height > 0);
        chars.push({ ch: data.charAt(index), rect: rect ?? new DOMRect(0, 0, 0, 0) });
      }
    }
    const shown = chars.filter((char) => !/\s/.test(char.ch) && (char.rect.width > 0 || char.rect.height > 0));

    // Clipped by an ancestor (or itself)? Every character out of sight: hidden by design (a
    // collapsed section), not a clipped name. Partly out: clipped. A scroll container clips
    // nothing for good (what it does not show is a scroll away), so scrolled-off names are checked too.
    let hidden = false;
    const cut = new Set<string>();
    for (let box: Element | null = element; box !== null && box !== document.documentElement; box = box.parentElement) {
      const style = getComputedStyle(box);
      const clipX = clips(style.overflowX);
      const clipY = clips(style.overflowY);
      if (!clipX && !clipY) continue;
      const area = box.getBoundingClientRect();
      const outside = (rect: DOMRect, axis: 'x' | 'y') =>
        axis === 'x' ? rect.right <= area.left + TOLERANCE || rect.left >= area.right - TOLERANCE : rect.bottom <= area.top + TOLERANCE || rect.top >= area.bottom - TOLERANCE;
      const partly = (rect: DOMRect, axis: 'x' | 'y') =>
        !outside(rect, axis) && (axis === 'x' ? rect.left < area.left - TOLERANCE || rect.right > area.right + TOLERANCE : rect.top < area.top - TOLERANCE || rect.bottom > area.bottom + TOLERANCE);
      if (shown.length > 0 && shown.every((char) => outside(char.rect, 'x') || outside(char.rect, 'y'))) {
        hidden = true;
        break;
      }
      // A scroll container shows the rest when scrolled; an ellipsis with the full title is allowed.
      const truncated = truncates(box) && (box.getAttribute('title') ?? '') === normal(box.textContent ?? '');
      if (truncated) continue;
      for (const axis of ['x', 'y'] as const) {
        const clipping = axis === 'x' ? clipX : clipY;
        if (!clipping) continue;
        const inside = shown.filter((char) => !outside(char.rect, axis));
        const partial = shown.filter((char) => partly(char.rect, axis));
        if (partial.length > 0 || (inside.length > 0 && inside.length < shown.length)) {
          cut.add(`cut ${axis === 'x' ? 'horizontally' : 'vertically'} by ${box.tagName.toLowerCase()}.${Array.from(box.classList).join('.')}`);
        }
      }
    }
    if (hidden) continue;
    for (const reason of cut) problems.push(`${describe(element)}: ${reason}`);

    // 1. No character hidden (display: none, an ellipsis without the full title).
    if (normal(element.innerText) !== normal(text)) problems.push(`${describe(element)}: shows "${normal(element.innerText)}"`);
    if (truncates(element) && element.title !== text) problems.push(`${describe(element)}: cut with an ellipsis without its full text in the title`);

    // 2. Nothing spills out of the box that holds it (unless that box scrolls).
    let holder: Element = element;
    while (holder.parentElement !== null && ['inline', 'contents'].includes(getComputedStyle(holder).display)) holder = holder.parentElement;
    const holderStyle = getComputedStyle(holder);
    if (!scrolls(holderStyle.overflowX) && !truncates(holder)) {
      const area = holder.getBoundingClientRect();
      const spilled = shown.filter((char) => char.rect.left < area.left - 1 || char.rect.right > area.right + 1);
      if (spilled.length > 0) problems.push(`${describe(element)}: ${spilled.length} characters spill out of its ${holder.tagName.toLowerCase()}.${Array.from(holder.classList).join('.')}`);
    }

    // 3. Line ends only where the kind allows. Between two shown characters, a line ends when the
    // next one starts below the previous one.
    let previous: (typeof chars)[number] | null = null;
    let spaceSince = false;
    for (const char of chars) {
      if (/\s/.test(char.ch) || (char.rect.width === 0 && char.rect.height === 0)) {
        spaceSince = spaceSince || /\s/.test(char.ch);
        continue;
      }
      if (previous !== null && char.rect.top >= previous.rect.bottom - 1) {
        const allowed = kind === 'command' ? spaceSince : kind === 'name' ? spaceSince || SEPARATORS.includes(previous.ch) : false;
        if (!allowed) problems.push(`${describe(element)}: breaks between "${previous.ch}" and "${char.ch}"`);
      }
      previous = char;
      spaceSince = false;
    }
  }
  return problems;
}

/** The document itself never scrolls, and the header sits at the top of the window. */
export function frameProblems(): string[] {
  const problems: string[] = [];
  const root = document.scrollingElement ?? document.documentElement;
  if (root.scrollHeight > window.innerHeight) problems.push(`the document scrolls: ${root.scrollHeight}px high in a ${window.innerHeight}px window`);
  if (root.scrollWidth > window.innerWidth) problems.push(`the document scrolls sideways: ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
  // The panes scroll up and down, never sideways (a command or a diff may scroll inside its own block).
  for (const pane of Array.from(document.querySelectorAll('.view, .secrets-main, .editor-body, .project-tabs > .bp6-tab-panel, .kwargs-column, .deploy-view'))) {
    if (pane.getClientRects().length === 0) continue;
    if (pane.scrollWidth > pane.clientWidth + 1) problems.push(`${pane.tagName.toLowerCase()}.${Array.from(pane.classList).join('.')} scrolls sideways: ${pane.scrollWidth}px of content in ${pane.clientWidth}px`);
  }
  const header = document.querySelector('[data-testid="app-header"]');
  const top = header?.getBoundingClientRect().top;
  if (top !== 0) problems.push(`the header is not at the top of the window (top: ${String(top)})`);
  return problems;
}

/** Whether an element is wholly inside the window (for actions that must stay in view). */
export function whollyInView(selector: string): boolean {
  const element = document.querySelector(selector);
  if (element === null) return false;
  const rect = element.getBoundingClientRect();
  return rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight && rect.right <= window.innerWidth && rect.width > 0;
}
