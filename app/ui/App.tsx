import type { JSX } from 'preact';
import { useCallback, useEffect } from 'preact/hooks';
import type { UpdateChannel } from '../pwa';
import { UpdatePrompt } from './components/UpdatePrompt';
import { AppController, STAFF_IDLE_LOCK_MS } from './hooks/controller';
import { useIdle } from './hooks/use-idle';
import { ControllerContext } from './hooks/use-controller';
import { useSignal } from './hooks/store-signal';
import { CounterScreen } from './screens/CounterScreen';
import { JoinScreen } from './screens/JoinScreen';
import { KioskScreen } from './screens/KioskScreen';
import { OrphanScreen } from './screens/OrphanScreen';
import { RecoverScreen } from './screens/RecoverScreen';
import { RecoveryCodeScreen } from './screens/RecoveryCodeScreen';
import { SetupScreen } from './screens/SetupScreen';
import { UnlockScreen } from './screens/UnlockScreen';

/** Root: picks the screen and wires the lock triggers (idle, pagehide, bfcache). */
export function App(props: {
  controller: AppController;
  updates: UpdateChannel | null;
}): JSX.Element {
  const { controller } = props;
  const screen = useSignal(controller.screen);
  const unlocked = screen.name === 'counter' || screen.name === 'recovery-code';
  const lockIdle = useCallback(() => controller.lock('idle'), [controller]);
  useIdle(STAFF_IDLE_LOCK_MS, lockIdle, unlocked);
  useEffect(() => {
    const onHide = (): void => controller.lock('pagehide');
    const onShow = (e: PageTransitionEvent): void => {
      if (e.persisted) controller.lock('bfcache');
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('pageshow', onShow);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', onShow);
    };
  }, [controller]);

  return (
    <ControllerContext.Provider value={controller}>
      {props.updates && <UpdatePrompt channel={props.updates} />}
      {screen.name === 'loading' && <p class="page">Chargement de Comptoir…</p>}
      {screen.name === 'fatal' && (
        <main class="page narrow">
          <h1>Comptoir ne peut pas démarrer</h1>
          <p class="banner banner--error" role="alert">
            {screen.message}
          </p>
        </main>
      )}
      {screen.name === 'setup' && <SetupScreen />}
      {screen.name === 'recovery-code' && <RecoveryCodeScreen code={screen.code} />}
      {screen.name === 'locked' && <UnlockScreen reason={screen.reason} />}
      {screen.name === 'recover' && <RecoverScreen />}
      {screen.name === 'counter' && <CounterScreen />}
      {screen.name === 'kiosk' && <KioskScreen />}
      {screen.name === 'join' && <JoinScreen />}
      {screen.name === 'orphan' && <OrphanScreen />}
    </ControllerContext.Provider>
  );
}
