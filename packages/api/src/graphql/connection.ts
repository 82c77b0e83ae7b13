import { Field, ObjectType } from 'type-graphql';
import { badUserInput } from './errors.js';

@ObjectType({ description: 'Where a page of a connection ends (Relay cursor convention).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow; pass `endCursor` as `after` to get them.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; null when the page is empty.' })
  endCursor!: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}.`, { field: 'first' });
  }
  return size;
}

/**
 * Opaque keyset cursors: the ordering they belong to and the last row's sort key, base64url
 * JSON. A cursor from another ordering, day or list is refused rather than misread.
 */
export function encodeCursor(scope: string, key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify([scope, ...key])).toString('base64url');
}

export function decodeCursor(cursor: string, scope: string, arity: number): Array<string | number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity + 1 ||
    parsed[0] !== scope ||
    !parsed.slice(1).every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)))
  ) {
    throw badUserInput('after is not a cursor of this list with this ordering and asOf; start again without it.', {
      field: 'after',
    });
  }
  return parsed.slice(1) as Array<string | number>;
}
