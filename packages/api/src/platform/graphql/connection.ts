import { Field, ObjectType } from 'type-graphql';
import { badUserInput } from '../errors/app-error.js';

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
