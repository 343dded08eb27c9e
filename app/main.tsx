/** Wiring only: controller, service worker, render. */
import { render } from 'preact';
import { registerServiceWorker } from './pwa';
import { App } from './ui/App';
import { AppController } from './ui/hooks/controller';
import { handleLoginCallback } from './ui/hooks/portal-login';
import { PhoneScreen } from './ui/screens/PhoneScreen';
import { REGISTRATION_PATH } from './intake';
import './ui/styles.css';

const root = document.getElementById('app');
if (location.pathname === REGISTRATION_PATH) {
  // The patient's phone: the public registration page only — no vault, no database. The
  // service worker is registered so the page works offline once loaded.
  registerServiceWorker();
  if (root) render(<PhoneScreen />, root);
} else if (!handleLoginCallback()) {
  // (The portal login popup lands in handleLoginCallback: it hands the result over and closes.)
  const controller = new AppController();
  const updates = registerServiceWorker();
  if (root) render(<App controller={controller} updates={updates} />, root);
  void controller.start();
}
