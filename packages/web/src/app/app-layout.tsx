import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { SideMenu } from './side-menu';

export function AppLayout() {
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SideMenu />
      <main id="main" className="app__main" tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
