import { useQuery } from '@apollo/client/react';
import { NavLink } from 'react-router';
import { AccountMenu } from '../auth/account-menu';
import { useCaller } from '../auth/caller-context';
import { graphql } from '../gql';

/** The shop's name as other queries left it in the cache (never a request of its own). */
const SideMenuShopQuery = graphql(`
  query SideMenuShop {
    shop {
      id
      name
    }
  }
`);

/** The app's navigation: a side menu on wide screens, a top bar on phones. Import shows to those who may import. */
export function SideMenu() {
  const { canImport } = useCaller();
  const { data } = useQuery(SideMenuShopQuery, { fetchPolicy: 'cache-only' });
  return (
    <header className="side-menu">
      <div className="side-menu__brand">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            ♪
          </span>{' '}
          <span className="brand__name">TikTok Insights</span>
        </span>
        {data?.shop.name && <span className="side-menu__shop">{data.shop.name}</span>}
      </div>
      <nav className="side-menu__nav" aria-label="Main">
        <NavLink to="/insights/tiktok" className="side-menu__link">
          <span aria-hidden="true" className="side-menu__icon">
            ▤
          </span>
          Insights
        </NavLink>
        {canImport && (
          <NavLink to="/import" className="side-menu__link">
            <span aria-hidden="true" className="side-menu__icon">
              ⇪
            </span>
            Import
          </NavLink>
        )}
        <NavLink to="/settings" className="side-menu__link">
          <span aria-hidden="true" className="side-menu__icon">
            ⚙
          </span>
          Settings
        </NavLink>
      </nav>
      <AccountMenu />
    </header>
  );
}
