/**
 * Validation of the reading of a test: the value and the reading time, which must not come
 * before the kit's reading time has elapsed (a early reading of a lateral-flow test is
 * not interpretable, per every kit's leaflet).
 */
import { minutesBetween } from './day';
import { invalid, valid, type Validation } from './errors';
import type { ResultInfo, ResultValue, StaffMember, TestInfo } from './visit';

const RESULT_VALUES: readonly ResultValue[] = ['positive', 'negative', 'invalid'];

/** Whether `value` is a {@link ResultValue}. */
export function isResultValue(value: string): value is ResultValue {
  return (RESULT_VALUES as readonly string[]).includes(value);
}

/**
 * Validates a reading made at `readAt` by `reader` of the test `test`.
 * @returns the {@link ResultInfo} to record with `recordResult`.
 */
export function validateResult(
  value: string | undefined,
  test: TestInfo,
  readAt: Date,
  reader: StaffMember,
): Validation<ResultInfo> {
  const text = (value ?? '').trim();
  if (text === '') return invalid('result', 'required');
  if (!isResultValue(text)) return invalid('result', 'result.invalid');
  const elapsed = minutesBetween(test.sampledAt, readAt);
  if (elapsed < test.readingMinutes) {
    const remaining = Math.ceil(test.readingMinutes - elapsed);
    return invalid('result', 'result.too-early', { minutes: test.readingMinutes, remaining });
  }
  return valid({
    value: text,
    readAt: readAt.toISOString(),
    readBy: { staffId: reader.id, name: reader.name, rpps: reader.rpps },
  });
}
