/**
 * Kits for the staff screens (DESIGN.md "Kit"): the kit list in use on this device, the
 * import of the official EU list, the GTIN links (synced) and the reading of a box code.
 * Lists re-read after every write and every sync (the controller's revision).
 */
import { useEffect, useState } from 'preact/hooks';
import {
  EuDeviceImportError,
  parseEuDeviceValueSet,
  type EuDeviceList,
  type KitLink,
  type ScannedKitBox,
} from '../../domain';
import { deleteKitList, linkGtin, listGtinLinks, readKitList, saveKitList } from '../../store';
import { describeError } from '../errors';
import { kitCatalog, type KitCatalog } from '../kit-catalog';
import type { AppController } from './controller';
import { useSignal } from './store-signal';

/** What the form made of a box code: `ok` filled it, otherwise `message` says why not. */
export interface KitCodeFeedback {
  readonly ok: boolean;
  readonly message: string;
}

/** Largest EU list file read (5,000 devices of ~300 characters fit well under it). */
export const MAX_KIT_LIST_FILE_BYTES = 4 * 1024 * 1024;

/** Re-reads `load` after every write or sync; `fallback` until it answers or on error. */
function useRevisionLoad<T>(
  controller: AppController,
  load: () => Promise<T>,
  fallback: T,
): { value: T; error: string | null } {
  const revision = useSignal(controller.revision);
  const [state, setState] = useState<{ value: T; error: string | null }>({
    value: fallback,
    error: null,
  });
  useEffect(() => {
    let cancelled = false;
    load().then(
      (value) => !cancelled && setState({ value, error: null }),
      (error: unknown) => !cancelled && setState({ value: fallback, error: describeError(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [controller, revision]);
  return state;
}

const BUILTIN_CATALOG = kitCatalog(null);

/** The kit list in use on this device (built-in until the imported list is read). */
export function useKitCatalog(controller: AppController): {
  catalog: KitCatalog;
  error: string | null;
} {
  const { value, error } = useRevisionLoad(
    controller,
    async () => kitCatalog(await readKitList(controller.db, controller.keyring)),
    BUILTIN_CATALOG,
  );
  return { catalog: value, error };
}

const NO_LINKS: ReadonlyMap<string, KitLink> = new Map();

/** The GTIN links in force (empty until read, or when they cannot be read). */
export function useGtinLinks(controller: AppController): ReadonlyMap<string, KitLink> {
  return useRevisionLoad(
    controller,
    () => listGtinLinks(controller.db, controller.keyring),
    NO_LINKS,
  ).value;
}

/**
 * Reads, checks and stores the official EU list from a file; nothing changes on error.
 * @throws EuDeviceImportError (French message) when the file is not the EU value set;
 *   store errors
 */
export async function importKitListFile(
  controller: AppController,
  file: File,
): Promise<EuDeviceList> {
  if (file.size > MAX_KIT_LIST_FILE_BYTES) {
    throw new EuDeviceImportError('too-many', 'le fichier dépasse 4 Mo');
  }
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    // The parser's own message could quote the file: a fixed sentence instead.
    throw new EuDeviceImportError('not-an-object', "le fichier n'est pas un JSON lisible");
  }
  const list = parseEuDeviceValueSet(json);
  await saveKitList(controller.db, controller.keyring, list);
  controller.bump();
  return list;
}

/** Goes back to the built-in list on this device. */
export async function forgetKitList(controller: AppController): Promise<void> {
  await deleteKitList(controller.db, controller.keyring);
  controller.bump();
}

/** Remembers a GTIN's kit for the next boxes; the other devices learn it at the next sync. */
export async function rememberGtin(controller: AppController, link: KitLink): Promise<void> {
  if (await linkGtin(controller.db, controller.keyring, link)) controller.localChange();
}

/** The French sentence for an import failure: the file's problem, or a storage error. */
export function describeImportError(error: unknown): string {
  return error instanceof EuDeviceImportError ? error.message : describeError(error);
}

/**
 * Parses a kit box code (camera, keyboard-wedge scanner or typed; parenthesised form too).
 * app/scan is loaded on demand, as for the camera, to keep it out of the first screen.
 */
export async function readKitBoxCode(
  text: string,
  today: Date,
): Promise<{ box: ScannedKitBox } | { error: string }> {
  const { parseGs1, isGs1ParseError } = await import('../../scan');
  try {
    return { box: parseGs1(text.trim(), { today }) };
  } catch (error) {
    if (isGs1ParseError(error)) return { error: error.message };
    throw error;
  }
}
