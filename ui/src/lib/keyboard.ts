/**
 * Page-wide keys: `/` focuses the query (unless the analyst is typing somewhere), Esc is left to
 * the open panel. The query input carries this id on every page that has one.
 */
export const QUERY_INPUT_ID = 'query-input';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function handleGlobalKey(event: KeyboardEvent): void {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
  const input = document.getElementById(QUERY_INPUT_ID);
  if (!(input instanceof HTMLInputElement)) return;
  event.preventDefault();
  input.focus();
  input.select();
}
