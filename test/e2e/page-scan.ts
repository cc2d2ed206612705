/**
 * Where the page holds any of `needles`: its text (hidden text included), any attribute of any
 * element (title, aria-label, value, data-*, placeholder...), or the live value of a form
 * control, which a typed-in or script-set value has without any attribute, in the document and in
 * every open shadow root. An empty list means none of them can be read from the page.
 *
 * Self-contained on purpose: Playwright serialises it into the page (`page.evaluate`), and the
 * jsdom component tests call it directly.
 */
export function placesHolding(needles: readonly string[]): string[] {
  const hits = new Set<string>();
  const name = (element: Element): string => {
    const testId = element.getAttribute('data-testid');
    return `<${element.tagName.toLowerCase()}${element.id === '' ? '' : `#${element.id}`}${testId === null ? '' : ` data-testid="${testId}"`}>`;
  };
  const check = (where: string, text: string | null): void => {
    if (text === null || text === '') return;
    for (const needle of needles) if (text.includes(needle)) hits.add(`${where} holds ${needle}`);
  };
  check('the page text', document.documentElement.textContent);
  check('the page title', document.title);
  // Open shadow roots too (the code editor draws in one): their text is not the page's textContent.
  const roots: (Document | ShadowRoot)[] = [document];
  // Roots found on the way are pushed and visited in the same loop (an array iterator reads the length each step).
  for (const root of roots) {
    if (root !== document) check(`the shadow root of ${name((root as ShadowRoot).host)}`, root.textContent);
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) check(`${name(element)} attribute ${attribute.name}`, attribute.value);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) check(`${name(element)} value`, element.value);
      if (element.shadowRoot !== null) roots.push(element.shadowRoot);
    }
  }
  return [...hits];
}
