/**
 * The API's surface for the other packages' tests and the benchmark (`@tiktok-insights/api/testing`):
 * start the server or the built process, make databases and shops, import demo orders, count SQL.
 * Nothing here is part of the product's runtime; the other packages import nothing else of the API.
 */
export { openDatabase } from './database/data-source.js';
export { startEmbeddedPostgres } from './database/embedded-postgres.js';
export { freePort, preferredOrFreePort } from './database/free-port.js';
export { observeQueries } from './database/query-observer.js';
export { DEMO_SHOP, generateDemo, generateDemoOrders, type DemoOptions } from './demo/demo-generator.js';
export { importGenerated } from './demo/demo-seed.js';
export { startServer, type RunningServer } from './http/app.js';
export { createLogger } from './logger.js';
export { importOrders } from './orders/import-orders.service.js';
export { spawnBuiltApi } from './process/built-api.js';
export { createShop, createShopToken } from './shops/shop.service.js';
export { FULL_DASHBOARD_QUERY } from './test-support/dashboard-query.js';
export { createTestDatabase, type TestDatabase } from './test-support/test-database.js';
