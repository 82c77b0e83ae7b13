import { Link, NavLink } from 'react-router';
import { useCaller } from '../../auth/caller-context';

/** The tabs of Insights. The TikTok tab shows only while TikTok is connected. */
export function InsightsTabs({ tiktokConnected }: { tiktokConnected: boolean }) {
  const { kind, canManage } = useCaller();
  return (
    <nav className="tabs" aria-label="Insights">
      {tiktokConnected && kind === 'SHARED_LINK' ? (
        // A shared link shows this one tab at its own address.
        <span className="tabs__tab active" aria-current="page" data-testid="tab-tiktok">
          TikTok
        </span>
      ) : tiktokConnected ? (
        <NavLink to="/insights/tiktok" className="tabs__tab" data-testid="tab-tiktok" end>
          TikTok
        </NavLink>
      ) : (
        <p className="tabs__none">
          No insights tabs yet{canManage ? <>: <Link to="/settings">connect TikTok in Settings</Link></> : ' while TikTok is disconnected'}.
        </p>
      )}
    </nav>
  );
}
