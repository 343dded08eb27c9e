import { describe, expect, it } from 'vitest';
import { ScanError, isScanError, toScanError } from '../../../app/scan';

/** Rejections as html5-qrcode 2.3.8 produces them (strings embedding the DOMException). */
describe('scanner error mapping', () => {
  it.each([
    ['Error getting userMedia, error = NotAllowedError: Permission denied', 'permission-denied'],
    [
      'Error getting userMedia, error = SecurityError: The operation is insecure.',
      'permission-denied',
    ],
    ['Error getting userMedia, error = NotFoundError: Requested device not found', 'no-camera'],
    ['Error getting userMedia, error = OverconstrainedError: ', 'no-camera'],
    [
      'Error getting userMedia, error = NotReadableError: Could not start video source',
      'camera-busy',
    ],
    ['Camera streaming not supported by the browser.', 'unsupported'],
    ['Camera access is only supported in secure context like https or localhost.', 'unsupported'],
    ['something else entirely', 'camera-unavailable'],
  ])('maps %j to %s', (rejection, code) => {
    const error = toScanError(rejection);
    expect(error).toBeInstanceOf(ScanError);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(rejection);
  });

  it('maps a DOMException-like Error by its name', () => {
    const denied = Object.assign(new Error('Permission dismissed'), { name: 'NotAllowedError' });
    expect(toScanError(denied).code).toBe('permission-denied');
    expect(toScanError(undefined).code).toBe('camera-unavailable');
  });

  it('lets an existing ScanError through unchanged', () => {
    const error = new ScanError('no-camera');
    expect(toScanError(error)).toBe(error);
    expect(isScanError(error)).toBe(true);
    expect(isScanError(new Error('x'))).toBe(false);
  });

  it('always tells the user, in French, to paste the code instead', () => {
    expect(new ScanError('no-camera').message).toBe(
      'Caméra indisponible : utilisez « Coller le code ».',
    );
    for (const code of [
      'permission-denied',
      'no-camera',
      'camera-busy',
      'unsupported',
      'no-code-found',
      'camera-unavailable',
    ] as const) {
      expect(new ScanError(code).message).toContain('« Coller le code »');
    }
  });
});
