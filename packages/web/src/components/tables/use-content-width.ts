import { useLayoutEffect, useState, type RefObject } from 'react';

/** The width inside an element's borders and scroll bar, in whole pixels rounded down. */
function contentWidth(element: HTMLElement): number {
  const style = getComputedStyle(element);
  const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
  const scrollBar = Math.max(0, element.offsetWidth - element.clientWidth - Math.round(borders));
  return Math.floor(element.getBoundingClientRect().width - borders - scrollBar);
}

/**
 * The room inside an element, kept up to date as it resizes; null until it has been laid out
 * (or where layout is not measured, as in jsdom). Measured before paint, so that what depends on it
 * is drawn once.
 */
export function useContentWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const measured = contentWidth(element);
      setWidth(measured > 0 ? measured : null);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
