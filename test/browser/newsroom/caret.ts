import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Whether the story editor's own selection is where the page's caret is. ProseMirror learns
 * where the caret went from the browser's `selectionchange`, a moment after the key that moved
 * it; keys sent at machine speed can outrun that (a person's cannot), and an Enter sent right
 * after End then splits the paragraph where the caret was before (seen in CI, and here 1 run in 4).
 */
const editorFollowsCaret = () => {
  const text = document.querySelector('.ProseMirror') as (HTMLElement & { editor?: { view: { posAtDOM(node: Node, offset: number): number }; state: { selection: { head: number } } } }) | null;
  const selection = getSelection();
  if (!text?.editor || !selection?.focusNode || !text.contains(selection.focusNode)) return false;
  return text.editor.view.posAtDOM(selection.focusNode, selection.focusOffset) === text.editor.state.selection.head;
};

/** Presses keys that move the caret in the story text, then waits until the editor has followed. */
export async function moveCaret(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
  await expect.poll(() => page.evaluate(editorFollowsCaret), { message: 'the editor follows the caret' }).toBe(true);
}

/** Puts the caret at the end of one paragraph of the story text. */
export async function caretAtEndOf(page: Page, paragraph: Locator): Promise<void> {
  await paragraph.click();
  await moveCaret(page, 'End');
}
