/** Wiring only: controller, service worker, render. */
import { render } from 'preact';
import { registerServiceWorker } from './pwa';
import { App } from './ui/App';
import { AppController } from './ui/hooks/controller';
import './ui/styles.css';

const controller = new AppController();
const updates = registerServiceWorker();
const root = document.getElementById('app');
if (root) render(<App controller={controller} updates={updates} />, root);
void controller.start();
