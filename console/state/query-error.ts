/**
 * The API's latest refusals of the analyst filters (a 400 naming `from`,
 * `interval`, `tz`…), per request of the view on screen, so that the filter
 * bar shows each reason beside the control that caused it.
 */
import { computed, signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ApiFailure } from '../api/client';

const errors = signal<Record<string, ApiFailure | null>>({});

/** The message for one API parameter, from whichever request named it. */
export const issueOf = computed(() => {
  const list = Object.values(errors.value).filter((e): e is ApiFailure => e !== null);
  // The API's reason, with its code, as the bar shows it beside the control.
  return (param: string): string | undefined => {
    const failure = list.find((e) => e.issue(param));
    return failure && `${failure.issue(param)} (${failure.code})`;
  };
});

/** Filter parameters the API may name, and the control of the bar that sets each. */
export const CONTROL_OF: Record<string, string> = {
  from: 'range',
  to: 'range',
  tz: 'tz',
  interval: 'interval',
  calendar: 'calendar',
  week_start: 'week',
  touchpoint: 'touchpoint',
  channel: 'channel',
  kind: 'subject',
  survey: 'subject',
  compare: 'compare',
};

/** A view reports the error of one of its requests (or none) while it is on screen. */
export function useQueryError(source: string, error: ApiFailure | undefined): void {
  useEffect(() => {
    errors.value = { ...errors.value, [source]: error ?? null };
  }, [error]);
  useEffect(
    () => () => {
      const { [source]: _gone, ...rest } = errors.value;
      errors.value = rest;
    },
    [],
  );
}

/** True when the bar shows this error beside a control, so the view need not repeat it. */
export function isFilterError(error: ApiFailure | undefined): boolean {
  return !!error && error.issues.length > 0 && error.issues.every((issue) => issue.path in CONTROL_OF);
}
