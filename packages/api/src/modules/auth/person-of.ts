import type { Viewer } from './viewer.js';

/** The signed-in person's id, or null for an API key or a shared link. */
export function personIdOf(viewer: Viewer): string | null {
  return viewer.kind === 'person' ? viewer.userId : null;
}
