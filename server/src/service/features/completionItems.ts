import { Analysis } from '../config/analysis';
import { FileStyle, renderString } from '../edits/fileStyle';
import { OffsetEdit } from '../edits/objectEdits';
import { CursorSlot } from '../parser/cursorSlot';
import { CompletionItem, Range, TextEdit } from '../types';
import type { CompletionContext } from './completion';

/** At most this many items: beyond it the list is incomplete, and the editor asks again as the user types. */
const MAX_ITEMS = 100;

/** The items of one completion request: what is typed, how the file writes JSON5, and the edits that replace the slot. */
export class ItemBuilder {
  readonly items: CompletionItem[] = [];
  /** More items matched than were offered. */
  incomplete = false;
  readonly style: FileStyle;
  private readonly seen = new Set<string>();
  /** What is typed in the slot up to the cursor, without its quote; ASCII letters lower-cased (as matchesTyped compares). */
  readonly typed: string;
  private slotRange: Range | undefined;

  constructor(
    readonly analysis: Analysis,
    readonly slot: CursorSlot,
    readonly context: CompletionContext,
    cursor: number,
  ) {
    this.style = analysis.style;
    const typedFrom = slot.replaceStart + (slot.quote ? 1 : 0);
    this.typed = cursor > typedFrom ? analysis.text.slice(typedFrom, cursor).replace(/[A-Z]/g, (letter) => letter.toLowerCase()) : '';
  }

  /**
   * Offers an item, built only when its label is new and matches what is typed (its letters in order,
   * as the editor's own filter reads them), up to MAX_ITEMS: a file of thousands of models stays fast.
   */
  offer(label: string, build: () => CompletionItem): void {
    if (this.seen.has(label) || !matchesTyped(label, this.typed)) return;
    this.seen.add(label);
    if (this.items.length >= MAX_ITEMS) {
      this.incomplete = true;
      return;
    }
    this.items.push(build());
  }

  quoted(value: string, isKey = false): string {
    const quote = this.slot.quote || (isKey && this.style.keyQuote) || this.style.stringQuote;
    return renderString(value, quote === "'" ? "'" : '"');
  }

  filterText(value: string): string {
    return this.slot.quote ? `${this.slot.quote}${value}` : value;
  }

  replaceSlot(newText: string): { main: TextEdit } {
    // One range for all items: a list of thousands should not convert the same offsets thousands of times.
    this.slotRange ??= this.analysis.range(this.slot.replaceStart, this.slot.replaceEnd - this.slot.replaceStart);
    return { main: { range: this.slotRange, newText } };
  }

  edit(offset: number, length: number, newText: string): TextEdit {
    return { range: this.analysis.range(offset, length), newText };
  }

  toTextEdit(edit: OffsetEdit): TextEdit {
    return this.edit(edit.offset, edit.length, edit.newText);
  }
}

/** Whether the typed letters (lower case) appear in the label in order, case-insensitively: VS Code's filter, loosely. */
export function matchesTyped(label: string, typed: string): boolean {
  let at = 0;
  for (let i = 0; i < typed.length; i++) {
    const wanted = typed.charCodeAt(i);
    while (at < label.length && lowerCode(label.charCodeAt(at)) !== wanted) at++;
    if (at === label.length) return false;
    at++;
  }
  return true;
}

function lowerCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}
