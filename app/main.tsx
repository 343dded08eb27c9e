/** Wiring only: controller, service worker, render. */
import { render } from 'preact';
import { registerServiceWorker } from './pwa';
import { App } from './ui/App';
import { AppController } from './ui/hooks/controller';
import { handleLoginCallback } from './ui/hooks/portal-login';
import './ui/styles.css';

// The portal login popup lands here: hand the result to the app and close, nothing else.
if (!handleLoginCallback()) {
  const controller = new AppController();
  const updates = registerServiceWorker();
  const root = document.getElementById('app');
  if (root) render(<App controller={controller} updates={updates} />, root);
  void controller.start();
}
