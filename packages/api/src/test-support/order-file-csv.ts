import type { OrderData } from '../modules/orders/order-input.js';

/** Our template's header (docs/contract/insights-spec.md §7). */
export const TEMPLATE_HEADER =
  'order_id,channel,placed_at,status,customer_id,customer_name,email,address_line1,address_line2,city,region,postal_code,country,product_id,product_name,sku,quantity,unit_price,tax,shipping,discount,credit';

const cell = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const dollars = (cents: number): string => (cents / 100).toFixed(2);

/** The orders as a template file: one row per line, order-level money on each order's first row. */
export function templateCsv(orders: readonly OrderData[]): string {
  const rows = [TEMPLATE_HEADER];
  for (const order of orders) {
    order.lines.forEach((line, i) => {
      const first = i === 0;
      const { customer } = order;
      rows.push(
        [
          order.externalId,
          order.channel,
          order.placedAt,
          order.status,
          customer.externalId,
          customer.name,
          customer.email,
          customer.address?.line1,
          customer.address?.line2,
          customer.address?.city,
          customer.address?.region,
          customer.address?.postalCode,
          customer.address?.country,
          line.productExternalId,
          line.productName,
          line.sku,
          line.quantity,
          dollars(line.unitPriceCents),
          first ? dollars(order.taxCents) : '',
          first ? dollars(order.shippingCents) : '',
          first ? dollars(order.discountCents) : '',
          first ? dollars(order.creditCents) : '',
        ]
          .map(cell)
          .join(','),
      );
    });
  }
  return rows.join('\n') + '\n';
}
