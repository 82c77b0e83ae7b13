import { NavLink, Outlet } from 'react-router';
import { roleName, useCaller } from '../../auth/caller-context';

/**
 * Settings: for owners and admins, the shop's settings, its team, API keys and shared links (one
 * tab each); for viewers, which of these they may see (none) and who can change them.
 */
export function SettingsLayout() {
  const { canManage, role } = useCaller();
  if (!canManage) {
    return (
      <div className="settings">
        <header className="page-header">
          <h1>Settings</h1>
        </header>
        <div className="notice" role="status" data-testid="settings-not-allowed">
          <h2>Nothing to manage with your role</h2>
          <p>
            You are {role ? `a ${roleName(role)?.toLowerCase()}` : 'a reader'} of this shop: you can see its dashboard and download its
            exports. The shop’s settings, its team, API keys and shared links are managed by its owners and admins; ask one of them if
            something should change.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="settings">
      <nav className="tabs settings-tabs" aria-label="Settings">
        <NavLink to="/settings" end className="tabs__tab">
          Shop
        </NavLink>
        <NavLink to="/settings/team" className="tabs__tab">
          Team
        </NavLink>
        <NavLink to="/settings/api-keys" className="tabs__tab">
          API keys
        </NavLink>
        <NavLink to="/settings/shared-links" className="tabs__tab">
          Shared links
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
