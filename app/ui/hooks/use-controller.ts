import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppController } from './controller';

/** The app controller, provided once by `App`. */
export const ControllerContext = createContext<AppController | null>(null);

/** The app controller; throws outside `App` (a wiring bug, not a user error). */
export function useController(): AppController {
  const controller = useContext(ControllerContext);
  if (controller === null) throw new Error('useController outside ControllerContext');
  return controller;
}
