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
