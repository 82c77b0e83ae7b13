/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload script for Node (see below) */
/* global require */
/*
 * jsdom's HTTP layer (undici 8) reads zlib's zstd decompressor at load time, which Node gains in
 * 22.15. On older Node the tests never fetch zstd bodies, so a stand-in that fails if ever used
 * lets jsdom load. Preloaded into the test workers by vitest.config.ts (which also turns on V8's
 * iterator helpers, the `Iterator` global jsdom extends, for Node 20).
 */
const zlib = require('node:zlib');

if (typeof zlib.createZstdDecompress !== 'function') {
  zlib.createZstdDecompress = function createZstdDecompress() {
    throw new Error('zstd decompression needs Node 22.15 or newer');
  };
}

// undici marks its web objects uncloneable with worker_threads.markAsUncloneable (Node 22.10).
const workerThreads = require('node:worker_threads');

if (typeof workerThreads.markAsUncloneable !== 'function') {
  workerThreads.markAsUncloneable = function markAsUncloneable() {};
}

// Node 20's V8 (with --harmony-iterator-helpers) has Iterator and map/filter/take/drop only; jsdom
// also uses the consuming helpers. Plain versions of the standard ones, added only where missing.
if (typeof Iterator === 'function') {
  const helpers = {
    toArray() {
      const out = [];
      for (const value of { [Symbol.iterator]: () => this }) out.push(value);
      return out;
    },
    forEach(fn) {
      let i = 0;
      for (const value of { [Symbol.iterator]: () => this }) fn(value, i++);
    },
    some(fn) {
      let i = 0;
      for (const value of { [Symbol.iterator]: () => this }) if (fn(value, i++)) return true;
      return false;
    },
    every(fn) {
      let i = 0;
      for (const value of { [Symbol.iterator]: () => this }) if (!fn(value, i++)) return false;
      return true;
    },
    find(fn) {
      let i = 0;
      for (const value of { [Symbol.iterator]: () => this }) if (fn(value, i++)) return value;
      return undefined;
    },
    reduce(fn, ...initial) {
      let i = 0;
      let started = initial.length > 0;
      let acc = initial[0];
      for (const value of { [Symbol.iterator]: () => this }) {
        acc = started ? fn(acc, value, i) : value;
        started = true;
        i++;
      }
      if (!started) throw new TypeError('Reduce of empty iterator with no initial value');
      return acc;
    },
    *flatMap(fn) {
      let i = 0;
      for (const value of { [Symbol.iterator]: () => this }) yield* fn(value, i++);
    },
  };
  for (const [name, fn] of Object.entries(helpers)) {
    if (typeof Iterator.prototype[name] !== 'function') {
      Object.defineProperty(Iterator.prototype, name, { value: fn, writable: true, configurable: true });
    }
  }
}
