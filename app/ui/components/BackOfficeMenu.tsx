import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** The back-office panels, behind « Gestion ». */
export type BackOfficePanel = 'staff' | 'devices' | 'reports' | 'audit' | 'rights' | 'settings';

const ITEMS: readonly (readonly [BackOfficePanel, string])[] = [
  ['reports', 'Rapports'],
  ['rights', 'Droits des patients'],
  ['staff', 'Équipe'],
  ['devices', 'Appareils'],
  ['audit', "Journal d'audit"],
  ['settings', 'Paramètres'],
];

/**
 * « Gestion »: a disclosure button holding the back-office panels, so that the counter's
 * header keeps to the counter's own actions on one row. Closes on a choice, on Escape
 * (focus back on the button) and on a tap elsewhere.
 */
export function BackOfficeMenu(props: { onOpen: (panel: BackOfficePanel) => void }): JSX.Element {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return (
    <div class="menu" ref={root}>
      <button
        ref={toggle}
        class="btn"
        type="button"
        aria-expanded={open}
        aria-controls="back-office"
        onClick={() => setOpen(!open)}
      >
        Gestion<span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div id="back-office" class="menu__items" role="group" aria-label="Gestion">
          {ITEMS.map(([panel, label]) => (
            <button
              key={panel}
              class="btn"
              type="button"
              onClick={() => {
                setOpen(false);
                props.onOpen(panel);
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
