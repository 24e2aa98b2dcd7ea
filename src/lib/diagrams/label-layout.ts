/**
 * Fits a sequence diagram into a laptop's article column by breaking its arrow labels
 * into lines before mermaid lays it out.
 *
 * Mermaid sizes the gap between two neighbouring lanes by the widest label of an arrow
 * between exactly those two, and ignores arrows that cross other lanes. So each gap gets
 * only as wide as its own labels need: the busy Browser–Store gap wide, an idle one narrow,
 * and an arrow that crosses lanes is broken to the room its whole span gives it. Labels
 * are broken at spaces, and a long path after a `/` or `-`, never inside a word with an
 * inserted hyphen. The widest line allowed shrinks until the whole picture fits `maxWidth`.
 *
 * Runs inside the rendering browser (it measures text with a canvas), so it must stay
 * self-contained: Playwright serialises it into the page.
 */
export interface LabelLayoutInput {
  /** Expanded mermaid source. */
  text: string;
  /** CSS font of message labels, as mermaid draws them. */
  font: string;
  /** Lane (actor box) width: mermaid's `sequence.width`. */
  laneWidth: number;
  /** Space added to every gap: mermaid's `sequence.actorMargin`. */
  laneMargin: number;
  /** Space on each side of a label: mermaid's `sequence.wrapPadding`. */
  labelPadding: number;
  /** Space left and right of the picture: mermaid's `sequence.diagramMarginX`. */
  diagramMargin: number;
  /** The widest picture that stays legible in the narrowest supported column. */
  maxWidth: number;
}

export interface LabelLayout {
  /** The source with every arrow label broken into lines (`<br/>`). */
  text: string;
  /** Each arrow's label as written, in arrow order. */
  labels: string[];
  /** The width mermaid will give the picture. */
  width: number;
}

export function layoutLabels(input: LabelLayoutInput): LabelLayout {
  const { laneWidth, laneMargin, labelPadding, diagramMargin, maxWidth } = input;
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = input.font;
  const measure = (text: string) => context.measureText(text).width;

  const lines = input.text.split('\n');
  const lanes: string[] = [];
  for (const line of lines) {
    const participant = /^\s*(?:participant|actor)\s+([^\s]+)/.exec(line);
    if (participant) lanes.push(participant[1]!);
  }
  interface Arrow {
    line: number;
    head: string;
    label: string;
    from: number;
    to: number;
  }
  const arrows: Arrow[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*([^\s-<]+)\s*(?:<<)?-{1,2}(?:>>|>|x|\))\s*[+-]?\s*([^\s:]+)\s*:)(.*)$/.exec(line);
    if (!match) return;
    // Mermaid adds a participant no line declared where it is first named.
    for (const name of [match[2]!, match[3]!]) if (!lanes.includes(name)) lanes.push(name);
    arrows.push({ line: index, head: match[1]!, label: match[4]!.trim(), from: lanes.indexOf(match[2]!), to: lanes.indexOf(match[3]!) });
  });

  /** Breaks one label into lines no wider than `room`; a word wider than that may break after `/`, `-` or `,`. */
  const breakLabel = (label: string, room: number): string[] => {
    if (/<br\s*\/?>/i.test(label)) return label.split(/<br\s*\/?>/i);
    const pieces = label.split(' ').filter(Boolean).flatMap((word, index) => {
      const chunks = measure(word) <= room ? [word] : word.split(/(?<=[/\-,])/);
      return chunks.map((chunk, part) => ({ chunk, glue: index > 0 && part === 0 ? ' ' : '' }));
    });
    const out: string[] = [];
    for (const { chunk, glue } of pieces) {
      const last = out.at(-1);
      if (last !== undefined && measure(last + glue + chunk) <= room) out[out.length - 1] = last + glue + chunk;
      else out.push(chunk);
    }
    return out;
  };
  const widest = (parts: string[]) => Math.max(...parts.map(measure));

  let best: LabelLayout | undefined;
  for (let room = 320; room >= 60; room -= 8) {
    // Gap i lies between lane i and lane i + 1; it is at least a lane wide.
    const need = lanes.slice(1).map(() => laneWidth);
    const broken = new Map<number, string[]>();
    for (const arrow of arrows) {
      const span = Math.abs(arrow.to - arrow.from);
      if (span > 1) continue;
      // A self-arrow's label is centred on its lane: on the first lane only the margin lies to its left.
      const parts = breakLabel(arrow.label, span === 0 && arrow.from === 0 ? Math.min(room, laneWidth + 2 * diagramMargin - 2 * labelPadding) : room);
      broken.set(arrow.line, parts);
      const gap = Math.min(arrow.from, arrow.to);
      // Mermaid counts half of a self-arrow's label against the gap to its right.
      const width = (widest(parts) + 2 * labelPadding) / (span === 0 ? 2 : 1);
      if (gap < need.length) need[gap] = Math.max(need[gap]!, width);
    }
    const gaps = need.map((width) => width + laneMargin);
    for (const arrow of arrows) {
      const span = Math.abs(arrow.to - arrow.from);
      if (span <= 1) continue;
      const distance = gaps.slice(Math.min(arrow.from, arrow.to), Math.max(arrow.from, arrow.to)).reduce((a, b) => a + b, 0);
      broken.set(arrow.line, breakLabel(arrow.label, distance - laneMargin - 2 * labelPadding));
    }
    const width = gaps.reduce((a, b) => a + b, 0) + laneWidth + 2 * diagramMargin;
    const text = lines.map((line, index) => {
      const arrow = arrows.find((candidate) => candidate.line === index);
      return arrow ? `${arrow.head} ${broken.get(index)!.join('<br/>')}` : line;
    });
    best = { text: text.join('\n'), labels: arrows.map((arrow) => arrow.label), width: Math.ceil(width) };
    if (width <= maxWidth) break;
  }
  return best!;
}
