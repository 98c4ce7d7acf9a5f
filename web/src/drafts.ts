// Drafts of what a person types in a long form (an application's message and answer…), so that an
// expired session, a reload or a detour does not lose it. Kept in sessionStorage, not localStorage:
// a draft dies with the tab, and the next person at a shared computer never finds it; it is also
// dropped when the form is sent and at sign-out. Keyed by the person and the form (user + offer), so
// one account never reads another's. Never draft a field that asks for health information: screening
// questions may not ask about health or disability (the offer form says so), and passwords and files
// are never kept.
import { useRef, useState } from 'preact/hooks';

const PREFIX = 'tremplin.draft:';

export type Draft = Record<string, string>;

/** The key of one form's draft: the person, then what the form is about. */
export const draftKey = (userId: string, ...parts: string[]) => PREFIX + [userId, ...parts].join(':');

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage refused (privacy settings): no drafts, nothing breaks
  }
}

export function readDraft(key: string): Draft {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(key) ?? '{}');
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

export function saveDraft(key: string, draft: Draft) {
  try {
    if (Object.values(draft).some((v) => v.trim())) storage()?.setItem(key, JSON.stringify(draft));
    else storage()?.removeItem(key);
  } catch {
    // full or refused: the form still works, without a draft
  }
}

export const clearDraft = (key: string) => storage()?.removeItem(key);

/** Every draft of this tab (sign-out, another person signing in). */
export function clearDrafts() {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => !!k?.startsWith(PREFIX));
  for (const key of keys) store.removeItem(key);
}

/**
 * A form's draft: `initial` for the fields' default values, `onInput` on the <form> (every named
 * field but passwords and files), `put` for a value set by the page itself, `clear` once it is sent.
 */
export function useDraft(key: string) {
  const [initial] = useState(() => readDraft(key));
  const values = useRef<Draft>({ ...initial });
  const put = (name: string, value: string) => {
    values.current = { ...values.current, [name]: value };
    saveDraft(key, values.current);
  };
  const onInput = (event: Event) => {
    const field = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    if (!field.name || field.type === 'password' || field.type === 'file') return;
    if (field.type === 'radio' && !(field as HTMLInputElement).checked) return;
    put(field.name, field.value);
  };
  return { initial, put, onInput, clear: () => clearDraft(key) };
}
