/**
 * Sign-in links of earlier versions carried a shop's key in the address (`/#token=…`). The app
 * no longer reads it, and takes it out of the address at once, so that this page's history entry,
 * a bookmark made now or a copied address do not keep a live key.
 */
export function forgetTokenLink(location: Location = window.location, history: History = window.history): boolean {
  if (!/(?:^#|&)token=/.test(location.hash)) return false;
  history.replaceState(history.state, '', location.pathname + location.search);
  return true;
}
