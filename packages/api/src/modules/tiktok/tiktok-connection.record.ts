/** A row of `tiktok_integration`: whether a shop's TikTok Shop is connected, and since when. */
export interface TikTokConnectionRecord {
  shopId: string;
  connected: boolean;
  connectedAt: Date | null;
  disconnectedAt: Date | null;
}

export const TIKTOK_CONNECTION_COLUMNS = `shop_id AS "shopId", connected, connected_at AS "connectedAt", disconnected_at AS "disconnectedAt"`;
