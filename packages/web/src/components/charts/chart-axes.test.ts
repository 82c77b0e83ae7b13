import { describe, expect, it } from 'vitest';
import { moneyAxis, percentAxis } from './chart-axes';

const tick = (axis: { ticks: { callback: (value: string | number) => string } }, value: number) => axis.ticks.callback(value);

describe('chart axes', () => {
  it('label any tick chart.js gives a money axis, also fractions of a cent on an empty axis', () => {
    const axis = moneyAxis('USD');
    expect(tick(axis, 0)).toBe('$0');
    expect(tick(axis, 0.2)).toBe('$0');
    expect(tick(axis, 0.6)).toBe('$0');
    expect(tick(axis, 200)).toBe('$2');
    expect(tick(axis, 1_250_000)).toBe('$12.5K');
  });

  it('reach at least ten currency units in whole minor units, so an axis without sales has whole steps', () => {
    expect(moneyAxis('USD')).toMatchObject({ beginAtZero: true, suggestedMax: 1000, ticks: { precision: 0 } });
    expect(moneyAxis('JPY')).toMatchObject({ suggestedMax: 10, ticks: { precision: 0 } });
    expect(tick(moneyAxis('JPY'), 2.4)).toBe('¥2');
  });

  it('label percentages as they come', () => {
    expect(tick(percentAxis(100), 0.2)).toBe('0.2%');
    expect(tick(percentAxis(100), 40)).toBe('40%');
  });
});
