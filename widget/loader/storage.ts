/**
 * The visitor's state under one localStorage key. No cookies. Storage that
 * throws (private mode, blocked site data, a full quota) degrades to memory:
 * the widget still works for this page view and warns once.
 */
import type { State, Store } from '../types';

export const STORAGE_KEY = 'cx:v1';

export function openStore(warn: (message: string) => void): Store {
  let memory: State = {};
  let local = true;

  const read = (): State => {
    if (local) {
      let text: string | null;
      try {
        text = localStorage.getItem(STORAGE_KEY);
      } catch {
        lost();
        return memory;
      }
      try {
        // Anything but an object (another script's data, a bad edit) starts afresh.
        memory = Object(JSON.parse(text || '{}'));
      } catch {
        memory = {};
      }
    }
    return memory;
  };
  const lost = () => {
    local = false;
    warn('no localStorage');
  };
  return {
    read,
    update(change) {
      // Read fresh first: another tab may have written since.
      const state = read();
      change(state);
      try {
        if (local) localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      } catch {
        lost();
      }
    },
  };
}
