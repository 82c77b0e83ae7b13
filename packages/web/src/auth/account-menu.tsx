import { useEffect, useId, useState } from 'react';
import { useSession } from './account-context';
import { authCall, authClient } from './auth-client';
import { accountErrorMessage } from './auth-messages';
import { roleName, useCaller } from './caller-context';

interface ShopChoice {
  id: string;
  name: string;
}

/**
 * The signed-in person: name, role, the shop switcher and Sign out, in a disclosure (a button
 * that opens a panel) so that it fits the phone's top bar as well as the side menu.
 */
export function AccountMenu() {
  const { session, signOut } = useSession();
  const { role } = useCaller();
  const [problem, setProblem] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  // The shops are listed when the menu is first opened, not on every page load.
  const [opened, setOpened] = useState(false);
  const leave = async () => {
    setSigningOut(true);
    setProblem(null);
    try {
      await signOut();
    } catch (error) {
      setProblem(`You are still signed in: ${accountErrorMessage(error)}`);
      setSigningOut(false);
    }
  };
  return (
    <details className="account-menu" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="account-menu__summary" aria-label={`Account: ${session.user.name}`}>
        <span aria-hidden="true" className="account-menu__avatar">
          {session.user.name.trim().charAt(0).toUpperCase() || '?'}
        </span>
        <span className="account-menu__name" data-testid="account-name">
          {session.user.name}
        </span>
      </summary>
      <div className="account-menu__panel">
        <p className="account-menu__who">
          <strong>{session.user.name}</strong>
          <span className="account-menu__email">{session.user.email}</span>
          {role && <span className="account-menu__role">{roleName(role)} of this shop</span>}
        </p>
        {opened && <ShopSwitcher onProblem={setProblem} />}
        {problem && (
          <p className="account-menu__problem" role="alert">
            {problem}
          </p>
        )}
        <button type="button" className="button button--ghost account-menu__signout" onClick={() => void leave()} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </details>
  );
}

/** The person's shops; choosing one makes it the active shop (every page then shows that shop). */
function ShopSwitcher({ onProblem }: { onProblem: (message: string | null) => void }) {
  const { session, switchShop } = useSession();
  const [shops, setShops] = useState<ShopChoice[] | null>(null);
  const [switching, setSwitching] = useState(false);
  const id = useId();
  useEffect(() => {
    let stale = false;
    authCall((fetchOptions) => authClient.organization.list({ fetchOptions }))
      .then((list) => !stale && setShops(list.map(({ id, name }) => ({ id, name }))))
      .catch((error: unknown) => !stale && onProblem(`Your shops could not be listed: ${accountErrorMessage(error)}`));
    return () => {
      stale = true;
    };
  }, [onProblem]);
  if (!shops) return null;
  const current = shops.find((shop) => shop.id === session.activeShopId);
  if (shops.length < 2) {
    return current ? <p className="account-menu__shop">Shop: {current.name}</p> : null;
  }
  const choose = async (shopId: string) => {
    setSwitching(true);
    onProblem(null);
    try {
      await switchShop(shopId);
    } catch (error) {
      onProblem(`The shop could not be switched: ${accountErrorMessage(error)}`);
    } finally {
      setSwitching(false);
    }
  };
  return (
    <div className="field account-menu__switcher">
      <label htmlFor={id}>Shop</label>
      <select id={id} value={session.activeShopId ?? ''} onChange={(e) => void choose(e.target.value)} disabled={switching} aria-busy={switching}>
        {shops.map((shop) => (
          <option key={shop.id} value={shop.id}>
            {shop.name}
          </option>
        ))}
      </select>
    </div>
  );
}
