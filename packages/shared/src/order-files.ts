/**
 * The order files the API takes (spec section 7) as far as both the API's readers and the
 * dashboard's Import page need them: the formats, how a header is recognised, which column groups
 * rows into orders, our template's columns, and an import job as the API answers it. One
 * definition, so the page's preview cannot drift from what the API accepts.
 */

export type OrderFileFormat = 'tiktok' | 'shopify' | 'template';

/** In the order a header is tried against them. */
export const ORDER_FILE_FORMATS: readonly OrderFileFormat[] = ['tiktok', 'shopify', 'template'];

/** A problem of the file: `row` counts records with the header as row 1; `column` is the header's name ('' for the whole row). */
export interface OrderFileRowError {
  row: number;
  column: string;
  message: string;
}

/** Our template's columns, in order: the header of the file the Import page offers. */
export const TEMPLATE_COLUMNS = [
  'order_id', 'channel', 'placed_at', 'status', 'customer_id', 'customer_name', 'email',
  'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country',
  'product_id', 'product_name', 'sku', 'quantity', 'unit_price', 'tax', 'shipping', 'discount', 'credit',
] as const;

/** The template's columns a file may leave out. */
export const TEMPLATE_OPTIONAL_COLUMNS: ReadonlySet<string> = new Set([
  'email', 'address_line2', 'country', 'sku', 'tax', 'shipping', 'discount', 'credit',
]);

export interface OrderFileHeader {
  readonly format: OrderFileFormat;
  /** As the page and the unknown-header error name it. */
  readonly title: string;
  /** The columns whose presence identifies the format. */
  readonly recognizedBy: readonly string[];
  /** Consecutive rows with the same cell here are one order. */
  readonly keyColumn: string;
}

export const ORDER_FILE_HEADERS: Readonly<Record<OrderFileFormat, OrderFileHeader>> = {
  tiktok: {
    format: 'tiktok',
    title: 'TikTok Seller Center order export',
    recognizedBy: ['Order ID', 'Order Status', 'SKU ID', 'Quantity', 'Created Time', 'Order Amount'],
    keyColumn: 'Order ID',
  },
  shopify: {
    format: 'shopify',
    title: 'Shopify order export',
    recognizedBy: ['Name', 'Financial Status', 'Lineitem quantity', 'Lineitem price', 'Created at'],
    keyColumn: 'Name',
  },
  template: {
    format: 'template',
    title: 'Our order template',
    recognizedBy: TEMPLATE_COLUMNS.filter((column) => !TEMPLATE_OPTIONAL_COLUMNS.has(column)),
    keyColumn: 'order_id',
  },
};

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** An import job as `GET /api/imports/:id` answers it (spec section 7). */
export interface ImportJobView {
  id: string;
  status: ImportJobStatus;
  format: OrderFileFormat;
  fileName: string;
  bytes: number;
  rowsRead: number;
  ordersCreated: number;
  ordersUpdated: number;
  ordersUnchanged: number;
  ordersSkipped: number;
  errors: OrderFileRowError[];
  createdAt: string;
  finishedAt: string | null;
  /** The API key the file came with (its id), or the person who uploaded it (no key id); the label is the key's name or the person's. */
  uploadedBy: { tokenId: string | null; label: string } | null;
}
