import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `periodMs` (countdowns, waiting times). */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}
