/** The API as an integrator sees it: GraphQL over HTTP with the shop token. */
export class ApiClient {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: Array<{ message: string }> };
    if (!response.ok || body.errors?.length || !body.data) {
      throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    }
    return body.data;
  }

  /** `shop.tiktokInsights`, failing when TikTok is disconnected. */
  async insights<T>(selection: string, variables: Record<string, unknown> = {}, declarations = ''): Promise<T> {
    const data = await this.gql<{ shop: { tiktokInsights: T | null } }>(
      `query${declarations ? ` (${declarations})` : ''} { shop { tiktokInsights { ${selection} } } }`,
      variables,
    );
    if (!data.shop.tiktokInsights) throw new Error('tiktokInsights is null: TikTok is disconnected');
    return data.shop.tiktokInsights;
  }
}

export interface Money {
  cents: number;
  formatted: string;
}

export interface Summary {
  totalOrders: number;
  netReceipts: Money;
  averageOrderValue: Money | null;
  uniqueCustomers: number;
}

export const SUMMARY = 'totalOrders netReceipts { cents formatted } averageOrderValue { cents formatted } uniqueCustomers';

export interface TopProduct {
  rank: number;
  unitsSold: number;
  previousRank: number | null;
  previousUnitsSold: number;
  totalSales: Money;
  product: { id: string; name: string; sku: string | null };
}

export const TOP_PRODUCT = 'rank unitsSold previousRank previousUnitsSold totalSales { cents formatted } product { id name sku }';

export interface SharePoint {
  start: string;
  tiktokShare: number | null;
}

export interface MarketingCustomer {
  tiktokCustomerId: string;
  name: string;
  orders: number;
  netReceipts: Money;
}

export const MARKETING_CUSTOMER = 'tiktokCustomerId name orders netReceipts { cents formatted }';
