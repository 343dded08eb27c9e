/** Reading-timer arithmetic shared by the timers bar and the visit panel. */
import type { TestInfo } from '../domain';

/** Epoch ms when the test can be read: sampled at + the kit's reading time. */
export function readingDueAt(test: Pick<TestInfo, 'sampledAt' | 'readingMinutes'>): number {
  return Date.parse(test.sampledAt) + test.readingMinutes * 60_000;
}

/** "m:ss" for a positive duration in ms (rounded up, so 0:00 means due). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Two short beeps and a vibration; silently skipped where the platform has neither. */
export function alertDue(): void {
  navigator.vibrate?.([200, 100, 200]);
  const AudioCtx = window.AudioContext;
  if (!AudioCtx) return;
  try {
    const ctx = new AudioCtx();
    for (const start of [0, 0.3]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + start);
      osc.stop(ctx.currentTime + start + 0.15);
    }
    setTimeout(() => void ctx.close(), 1000);
  } catch (error) {
    // Autoplay policy or no audio device: the visual "À lire" still shows.
    console.warn('reading-timer sound unavailable', error instanceof Error ? error.name : '');
  }
}
