// The "runs entirely in your browser" check shared by the demo pages: counts the resources this
// page loaded and how many came from anywhere but its own origin (always zero).
export function showNetworkCheck(target = document.querySelector('[data-testid="network-status"]')) {
  const entries = performance.getEntriesByType('resource');
  const away = entries.filter((e) => new URL(e.name).origin !== location.origin).length;
  target.textContent = `${away} requests left this machine · ${entries.length} files loaded from this page's own server`;
}
