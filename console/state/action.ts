/**
 * `useAction()`: what a view shows while it asks the API to change something.
 * Which button is busy (the key given to `run`: a row's id, or `save`), the
 * API's refusal, and a status said in the language on screen. `settled`
 * runs after every attempt, succeeded or refused (reload what it touched);
 * `run` resolves to the refusal, so that a form can put its issues beside
 * the fields.
 */
import { useState } from 'preact/hooks';
import { type ApiFailure, toFailure } from '../api/client';
import type { Said } from '../i18n/said';

export interface ActionOptions {
  settled?: () => void;
}

export interface Action {
  /** The key of the work running, '' when none is. */
  busy: string;
  failure: ApiFailure | null;
  status: Said | null;
  /** Clear the last refusal and status (a form does this before its own checks). */
  clear(): void;
  say(status: Said | null): void;
  /** Run `work` as `key`; what it resolves to is the status. Resolves to the refusal, or null when it went through. */
  run(key: string, work: () => Promise<Said | void>): Promise<ApiFailure | null>;
}

export function useAction({ settled }: ActionOptions = {}): Action {
  const [busy, setBusy] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState<Said | null>(null);
  const clear = () => {
    setFailure(null);
    setStatus(null);
  };
  const run = async (key: string, work: () => Promise<Said | void>): Promise<ApiFailure | null> => {
    clear();
    setBusy(key);
    try {
      const said = await work();
      if (said) setStatus(said);
      return null;
    } catch (error) {
      const failure = toFailure(error);
      setFailure(failure);
      return failure;
    } finally {
      setBusy('');
      settled?.();
    }
  };
  return { busy, failure, status, clear, say: setStatus, run };
}
