import { useEffect } from 'preact/hooks';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/**
 * Calls `onIdle` once after `idleMs` without user activity (pointer, key, touch, wheel,
 * input). Used for the staff auto-lock and the kiosk form reset.
 */
export function useIdle(idleMs: number, onIdle: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return undefined;
    let timer = setTimeout(onIdle, idleMs);
    const reset = (): void => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, idleMs);
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, reset);
    };
  }, [idleMs, onIdle, enabled]);
}
