import { Link, NavLink } from 'react-router';

/** The tabs of Insights. The TikTok tab shows only while TikTok is connected. */
export function InsightsTabs({ tiktokConnected }: { tiktokConnected: boolean }) {
  return (
    <nav className="tabs" aria-label="Insights">
      {tiktokConnected ? (
        <NavLink to="/insights/tiktok" className="tabs__tab" data-testid="tab-tiktok" end>
          TikTok
        </NavLink>
      ) : (
        <p className="tabs__none">
          No insights tabs yet: <Link to="/settings">connect TikTok in Settings</Link>.
        </p>
      )}
    </nav>
  );
}
