/**
 * The one defect of real WordPress exports repaired before parsing: a bare `&` in element text
 * that does not start an entity. Older WordPress versions wrote some values unescaped — most
 * often `<wp:attachment_url>` with a query string (`photo.jpg?w=300&h=200`) — and a strict XML
 * parser refuses the whole file for it; WordPress's own importer falls back to a lenient parser
 * and imports it. Such an `&` is read as `&amp;` and reported with its line. Nothing else is
 * relaxed: CDATA sections, comments and processing instructions pass through untouched, an
 * undeclared entity (`&nbsp;`) and every other fault still refuse the file.
 *
 * Works on a stream of text chunks (a WXR file is never held whole): a chunk ending in the
 * middle of a construct keeps its tail until the next one. Newlines are never added or removed,
 * so the parser's line numbers stay those of the file. Pure; no I/O.
 */

export interface AmpersandRepair {
  /** 1-based line of the file. */
  line: number;
  /** The element whose text held it (`wp:attachment_url`), as written in the file. */
  element: string;
}

type State = 'text' | 'tag' | 'cdata' | 'comment' | 'pi';

/** A reference XML accepts: `&name;`, `&#38;`, `&#x26;`. */
const ENTITY = /&(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);/y;
/** What could still become a reference once more text arrives. */
const ENTITY_PREFIX = /^&(?:[A-Za-z_:][\w.:-]*|#[0-9]*|#x[0-9A-Fa-f]*)?$/;
/** Longer than any entity a WXR file holds: an `&` this far from a `;` is bare. */
const MAX_ENTITY = 64;
const TAG_NAME = /<\/?([^\s/>]*)/y;
const TEXT_MARK = /[<&]/g;
const ENDS: Record<Exclude<State, 'text' | 'tag'>, string> = { cdata: ']]>', comment: '-->', pi: '?>' };
const OPENINGS: Array<[string, State]> = [['<![CDATA[', 'cdata'], ['<!--', 'comment'], ['<?', 'pi']];

export class BareAmpersandRepair {
  #state: State = 'text';
  #carry = '';
  #line = 1;
  #element = '';

  constructor(private readonly onRepair: (repair: AmpersandRepair) => void) {}

  /** The chunk repaired; a tail that cannot be decided yet is held back for the next call. */
  write(chunk: string): string {
    return this.#scan(this.#carry + chunk, false);
  }

  /** Whatever was held back, at the end of the file. */
  end(): string {
    return this.#scan(this.#carry, true);
  }

  #scan(s: string, final: boolean): string {
    let out = '';
    let from = 0; // start of the text not yet copied to `out`
    let i = 0;
    let counted = 0; // newlines are counted up to here
    let stop = s.length; // where the held-back tail starts
    const lineAt = (position: number) => {
      for (let k = s.indexOf('\n', counted); k !== -1 && k < position; k = s.indexOf('\n', k + 1)) this.#line++;
      counted = position;
      return this.#line;
    };
    scan: while (i < s.length) {
      const state = this.#state;
      if (state === 'text') {
        TEXT_MARK.lastIndex = i;
        const mark = TEXT_MARK.exec(s);
        if (!mark) break;
        const j = mark.index;
        if (s[j] === '&') {
          ENTITY.lastIndex = j;
          if (ENTITY.test(s)) {
            i = ENTITY.lastIndex;
            continue;
          }
          const rest = s.slice(j, j + MAX_ENTITY);
          if (!final && rest.length < MAX_ENTITY && ENTITY_PREFIX.test(rest)) {
            stop = j;
            break;
          }
          out += `${s.slice(from, j)}&amp;`;
          from = i = j + 1;
          this.onRepair({ line: lineAt(j), element: this.#element });
          continue;
        }
        const ahead = s.slice(j, j + 9);
        const opening = OPENINGS.find(([start]) => ahead.startsWith(start));
        if (opening) {
          this.#state = opening[1];
          i = j + opening[0].length;
          continue;
        }
        if (!final && OPENINGS.some(([start]) => ahead.length < start.length && start.startsWith(ahead))) {
          stop = j;
          break;
        }
        TAG_NAME.lastIndex = j;
        const name = TAG_NAME.exec(s);
        if (!final && TAG_NAME.lastIndex >= s.length) {
          // The name may go on in the next chunk.
          stop = j;
          break;
        }
        if (name && s[j + 1] !== '/' && s[j + 1] !== '!') this.#element = name[1];
        this.#state = 'tag';
        i = j + 1;
        continue;
      }
      if (state === 'tag') {
        const close = s.indexOf('>', i);
        if (close === -1) break;
        this.#state = 'text';
        i = close + 1;
        continue;
      }
      const ending = ENDS[state];
      const close = s.indexOf(ending, i);
      if (close === -1) {
        // The end marker may be split between this chunk and the next.
        if (!final) stop = Math.max(i, s.length - (ending.length - 1));
        break scan;
      }
      this.#state = 'text';
      i = close + ending.length;
    }
    out += s.slice(from, stop);
    lineAt(stop);
    this.#carry = s.slice(stop);
    return out;
  }
}
