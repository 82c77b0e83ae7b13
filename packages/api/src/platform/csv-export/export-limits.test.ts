import { describe, expect, it } from 'vitest';
import { ExportPlaces, Turns } from './export-limits.js';

describe('ExportPlaces', () => {
  it('admits up to the limit per shop and in all, and takes places back once', () => {
    const places = new ExportPlaces({ perShop: 2, total: 3 });
    const a1 = places.admit('a');
    const a2 = places.admit('a');
    expect([a1.admitted, a2.admitted]).toEqual([true, true]);
    expect(places.admit('a')).toEqual({ admitted: false, reason: 'shop' });
    const b1 = places.admit('b');
    expect(b1.admitted).toBe(true);
    expect(places.admit('c')).toEqual({ admitted: false, reason: 'total' });
    expect(places.taken).toBe(3);

    if (!a1.admitted) throw new Error('unreachable');
    a1.release();
    a1.release();
    expect(places.taken).toBe(2);
    expect(places.admit('c').admitted).toBe(true);
    expect(places.admit('a')).toEqual({ admitted: false, reason: 'total' });
  });
});

describe('Turns', () => {
  it('serves waiters first come, first served, and lets one whose signal aborts leave the line', async () => {
    const turns = new Turns(1);
    const never = new AbortController().signal;
    const first = await turns.take(never);
    const served: string[] = [];
    const leaving = new AbortController();
    const second = turns.take(never).then((give) => (served.push('second'), give));
    const gone = turns.take(leaving.signal).then(
      () => served.push('gone'),
      (error: unknown) => error,
    );
    const third = turns.take(never).then((give) => (served.push('third'), give));

    leaving.abort(new Error('left'));
    expect(await gone).toEqual(new Error('left'));
    first();
    first();
    (await second)();
    (await third)();
    expect(served).toEqual(['second', 'third']);
    // All turns are back: one is free at once.
    const again = await turns.take(never);
    again();
  });

  it('refuses a signal that has already aborted', async () => {
    const aborted = AbortSignal.abort(new Error('gone'));
    await expect(new Turns(1).take(aborted)).rejects.toThrow('gone');
  });
});
