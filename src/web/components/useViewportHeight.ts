import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** window.innerHeight, kept current on resize (for virtual lists that need a pixel height). */
export function useViewportHeight(): number {
  return useSyncExternalStore(subscribe, () => window.innerHeight, () => 800);
}
