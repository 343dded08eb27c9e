/**
 * Saving a file made in the page (the report's CSV): a Blob URL clicked through a hidden
 * `<a download>`, then revoked. Nothing goes over the network.
 * https://developer.mozilla.org/docs/Web/API/URL/createObjectURL_static#memory_management
 */

/**
 * Time the Blob URL stays valid after the click: some browsers (Safari, older Firefox)
 * start reading it after the click handler returns, so an immediate revoke can cancel
 * the download.
 */
export const REVOKE_DELAY_MS = 1000;

/**
 * Offers `text` as a download named `fileName`. `text` is encoded as UTF-8 (what a Blob
 * does with strings), a leading `\uFEFF` included.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}
