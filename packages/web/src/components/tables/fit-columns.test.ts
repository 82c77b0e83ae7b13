import { describe, expect, it } from 'vitest';
import { fittedColumnSizes, type ColumnWidthSpec } from './fit-columns';

const column = (size: number, grow = 0, minSize = 64): ColumnWidthSpec => ({ size, minSize, grow });
const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);

describe('fittedColumnSizes', () => {
  it('keeps the sizes while the room is unknown', () => {
    expect(fittedColumnSizes([column(100), column(50)], null)).toEqual([100, 50]);
  });

  it('shares the room left over by grow, filling the table to the pixel', () => {
    const sizes = fittedColumnSizes([column(165), column(140, 1), column(200, 2), column(95), column(130)], 1103);
    expect(sum(sizes)).toBe(1103);
    expect(sizes[0]).toBe(165);
    expect(sizes[3]).toBe(95);
    expect(sizes[4]).toBe(130);
    // 373 px over: a third to the name, two thirds to the address (and the rounding pixel).
    expect(sizes[1]).toBe(140 + 124);
    expect(sizes[2]).toBe(200 + 249);
  });

  it('grows every column by its size when none grows', () => {
    expect(fittedColumnSizes([column(100), column(300)], 801)).toEqual([200, 601]);
  });

  it('keeps the sizes when they do not fit, capping the first column at half the room', () => {
    expect(fittedColumnSizes([column(165), column(140), column(200)], 325)).toEqual([162, 140, 200]);
    expect(fittedColumnSizes([column(70), column(240, 1), column(105)], 325)).toEqual([70, 240, 105]);
    expect(fittedColumnSizes([column(165, 0, 150), column(200)], 200)).toEqual([150, 200]);
  });

  it('fills the room when capping the first column makes the others fit', () => {
    expect(fittedColumnSizes([column(300), column(100, 1)], 350)).toEqual([175, 175]);
  });
});
