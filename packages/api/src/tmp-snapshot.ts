import { createHash } from 'node:crypto';
import { randomOrders } from './test-support/random-orders.js';
const cases = [
  { seed: 11, timeZone: 'America/Chicago', firstDay: '2025-02-01', days: 90, orders: 900 },
  { seed: 22, timeZone: 'America/New_York', firstDay: '2025-09-20', days: 90, orders: 900 },
  { seed: 7, timeZone: 'Australia/Sydney', firstDay: '2025-03-01', days: 40, orders: 400 },
  { seed: 123456, timeZone: 'Asia/Tokyo', firstDay: '2025-05-10', days: 20, orders: 50 },
];
for (const c of cases) console.log(createHash('sha256').update(JSON.stringify(randomOrders(c))).digest('hex').slice(0, 16));
