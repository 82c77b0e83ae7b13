/**
 * The API's surface for the other packages' tests and the benchmark (`@tiktok-insights/api/testing`):
 * start the server or the built process, make databases and shops, import demo orders, count SQL.
 * Nothing here is part of the product's runtime; the other packages import nothing else of the API.
 */
export { openDatabase } from './platform/database/data-source.js';
export { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
export { freePort, preferredOrFreePort } from './platform/database/free-port.js';
export { observeQueries } from './platform/database/query-observer.js';
export { DEMO_SHOP, generateDemo, generateDemoOrders, type DemoOptions } from './modules/demo/demo-generator.js';
export { importGenerated } from './modules/demo/demo-seed.js';
export { startServer, type RunningServer } from './app/http/app.js';
export { createLogger } from './platform/logging/logger.js';
export { importOrdersOfShop as importOrders } from './test-support/import-orders-of-shop.js';
export { spawnBuiltApi } from './app/process/built-api.js';
export { createShop, createShopToken } from './modules/shops/shop.service.js';
export { FULL_DASHBOARD_QUERY } from './test-support/dashboard-query.js';
export { createTestDatabase, type TestDatabase } from './test-support/test-database.js';
export { writeDemoExportFiles } from './modules/demo/demo-export-files.js';
export { addPerson, TEST_PASSWORD } from './test-support/people.js';
export { issueSetupCode } from './modules/setup/first-run.js';
export { demoOwnerSignIn } from './modules/demo/demo-owner.js';
