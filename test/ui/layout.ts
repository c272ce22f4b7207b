// Measures how text lays out in a rendered page (the result panel, a preview): every word of every table
// cell is checked against the lines it was rendered on. A word drawn on two lines was broken mid-word; a cell
// whose text is wider than the cell and neither scrolls nor is cut off with a tooltip is clipped.
// Runs in the page (`locator.evaluate(measureTextLayout, selector)`), so it uses only DOM APIs.

export interface LayoutProblems {
  /** Words drawn across more than one line: `word (in "cell text")`. */
  brokenWords: string[];
  /** Cells whose content is wider than the cell with no way to see the rest. */
  clipped: string[];
  /** How many cells and words were measured (a check that measured nothing proves nothing). */
  cells: number;
  words: number;
}

export function measureTextLayout(root: Element | SVGElement, selector: string): LayoutProblems {
  const out: LayoutProblems = { brokenWords: [], clipped: [], cells: 0, words: 0 };
  const document = root.ownerDocument;
  const cells = Array.from(root.querySelectorAll<HTMLElement>(selector));
  for (const cell of cells) {
    if (!cell.getClientRects().length) continue; // not displayed
    out.cells++;
    const label = (cell.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const re = /\S+/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0.5);
        if (!rects.length) continue;
        out.words++;
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        if (lines.size > 1) out.brokenWords.push(`${m[0]} (in "${label}")`);
      }
    }
    // Wider content than the cell: fine when the cell (or something inside) scrolls or ellipsises with a title.
    if (cell.scrollWidth > cell.clientWidth + 1) {
      const style = document.defaultView!.getComputedStyle(cell);
      const scrolls = /auto|scroll/.test(style.overflowX);
      const ellipsis = style.textOverflow === 'ellipsis' && !!cell.title;
      if (!scrolls && !ellipsis) out.clipped.push(label);
    }
  }
  return out;
}
