import { TEMPLATE_COLUMNS } from './order-file-formats';

/** Our template as a file: the header row of spec §7, one row per order line below it. */
export const TEMPLATE_FILE_NAME = 'orders-template.csv';

export function templateFileText(): string {
  return `${TEMPLATE_COLUMNS.join(',')}\r\n`;
}
