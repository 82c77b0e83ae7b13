import type { Locator, Page } from 'playwright-core';

/** A text a canvas drew since it was last cleared: where (CSS pixels from the canvas's top left) and how opaque. */
export interface DrawnText {
  text: string;
  x: number;
  y: number;
  alpha: number;
}

/**
 * Records, in the browser itself, every text each canvas draws (`fillText`) since its last full
 * clear: chart.js clears a chart's canvas and draws it whole on every frame, so the list is what
 * the chart shows now (axis labels, legend, tooltip). Nothing of the dashboard is exposed or
 * changed; this only watches the canvas API. Call before the page loads.
 */
export async function recordCanvasTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Entry = { text: string; x: number; y: number; alpha: number };
    const drawn = new WeakMap<HTMLCanvasElement, Entry[]>();
    const proto = CanvasRenderingContext2D.prototype;
    const { clearRect, fillText } = proto;
    proto.clearRect = function (x: number, y: number, w: number, h: number) {
      const { width, height } = this.canvas;
      if (x <= 0 && y <= 0 && x + w >= width && y + h >= height) drawn.set(this.canvas, []);
      clearRect.call(this, x, y, w, h);
    };
    proto.fillText = function (this: CanvasRenderingContext2D, ...args: Parameters<CanvasRenderingContext2D['fillText']>) {
      const at = this.getTransform().transformPoint(new DOMPoint(args[1], args[2]));
      const list = drawn.get(this.canvas) ?? [];
      list.push({ text: String(args[0]), x: at.x, y: at.y, alpha: this.globalAlpha });
      drawn.set(this.canvas, list);
      fillText.apply(this, args);
    };
    Object.defineProperty(window, '__e2eDrawnTexts', {
      value: (canvas: HTMLCanvasElement): Entry[] => {
        const scale = canvas.width / (canvas.getBoundingClientRect().width || 1);
        return (drawn.get(canvas) ?? []).map((t) => ({ ...t, x: t.x / scale, y: t.y / scale }));
      },
    });
  });
}

/** What a canvas shows now as text (see recordCanvasTexts). */
export function drawnTexts(canvas: Locator): Promise<DrawnText[]> {
  return canvas.evaluate((element) => {
    const read = (window as unknown as { __e2eDrawnTexts?: (c: HTMLCanvasElement) => DrawnText[] }).__e2eDrawnTexts;
    if (!read) throw new Error('recordCanvasTexts was not installed before the page loaded');
    return read(element as HTMLCanvasElement);
  });
}

/**
 * A tooltip title as the dashboard words it: a week "Week of Mar 3 – Mar 9", a day "Tue, Mar 3, 2026",
 * or how long crossover customers took "8–30 days after the first TikTok order".
 */
export const TOOLTIP_TITLE = /^(Week of .+ – .+|(Sun|Mon|Tue|Wed|Thu|Fri|Sat), [A-Z][a-z]{2} \d{1,2}(, \d{4})?|\d+(–\d+|\+) days after the first TikTok order)$/;
/** A doughnut slice's tooltip: "1 store order: 120 (34.5%)". */
export const SLICE_TOOLTIP = /^.+: [\d,]+ \(\d+(\.\d)?%\)$/;

/**
 * A point inside the largest solid area drawn above `maxY` (CSS pixels): every pixel of a 7×7
 * square around it opaque and of one color, e.g. inside a doughnut slice rather than in its hole.
 */
export function solidPoint(canvas: Locator, maxY: number): Promise<{ x: number; y: number } | null> {
  return canvas.evaluate((element, limit) => {
    const c = element as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx) return null;
    const scale = c.width / c.getBoundingClientRect().width;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const at = (x: number, y: number) => (y * c.width + x) * 4;
    const byColor = new Map<string, Array<[number, number]>>();
    const r = Math.ceil(3 * scale);
    for (let y = r; y < Math.min(c.height - r, limit * scale); y += 2) {
      for (let x = r; x < c.width - r; x += 2) {
        const i = at(x, y);
        if (data[i + 3] !== 255) continue;
        let solid = true;
        for (let dy = -r; dy <= r && solid; dy += 1) {
          for (let dx = -r; dx <= r && solid; dx += 1) {
            const j = at(x + dx, y + dy);
            solid = data[j + 3] === 255 && data[j] === data[i] && data[j + 1] === data[i + 1] && data[j + 2] === data[i + 2];
          }
        }
        if (!solid) continue;
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        const list = byColor.get(key) ?? [];
        list.push([x, y]);
        byColor.set(key, list);
      }
    }
    const largest = [...byColor.values()].sort((a, b) => b.length - a.length)[0];
    if (!largest) return null;
    const [x, y] = largest[Math.floor(largest.length / 2)]!;
    return { x: x / scale, y: y / scale };
  }, maxY);
}
