// Choosing up to `max` métiers of the ROME list (GET /api/metiers), for the candidate profile and the
// CVthèque search. The company/offer pickers' pattern (pickers.tsx, SearchPicker with `many`): a
// search field whose matches follow the typing, listed as checkboxes (typed « vendeuse » lists
// « Vendeuse en boulangerie — Vente en alimentation »), their count read out politely (role="status");
// the chosen ones above as chips, each with a button « Retirer <métier> ». Keyboard alone: type, Tab
// to the boxes, Space; Tab to a chip's button, Enter. The focus goes to the next chip (or the search
// field) when one is removed. Wraps at 320 px.
//
// Props contract (the value is ROME codes, what the API stores):
//   <MetierPicker
//     id="profile"                      // the form's id prefix (useForm's `id`)
//     name="metiers"                    // the API's field: error id `${id}-${name}-error`
//     label="Métiers recherchés"        // the group's legend
//     max={5}                           // at most (PROFILE_LIMITS.metiers)
//     value={codes}                     // string[] of ROME codes, in the chosen order
//     onChange={(codes) => …}           // the new list (added at the end, removed in place)
//     message={form.message('metiers')} // the field's error as useForm renders it, or:
//     error="…"                         // a message of one's own (ignored when `message` is given)
//     invalid={!!form.messageOf('metiers')}
//   />
// Codes given in `value` are read back from the API for their titles (GET /api/metiers?codes=…).
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type MetierItem } from './api.js';
import './metier-picker.css';
import { SearchPicker } from './pickers.js';
import { ErrorNote } from './ui.js';

const SHOWN = 10;

export interface MetierPickerProps {
  id: string;
  name: string;
  label: string;
  max?: number;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  message?: JSX.Element;
  error?: string | null;
  invalid?: boolean;
  /** The search field's label. */
  searchLabel?: string;
}

type Choice = MetierItem & { id: string };
const choiceOf = (m: MetierItem): Choice => ({ ...m, id: m.code });

export function MetierPicker({ id, name, label, max = 5, value, onChange, message, error, invalid, searchLabel }: MetierPickerProps) {
  // Titles of the chosen codes: from the searches, else read back once.
  const [known, setKnown] = useState<Record<string, MetierItem>>({});
  const missing = value.filter((code) => !known[code]);
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    let live = true;
    api.metiers({ codes: missingKey, limit: 50 }).then(
      ({ items }) => live && setKnown((k) => ({ ...k, ...Object.fromEntries(items.map((m) => [m.code, m])) })),
      () => undefined, // the chips then show the codes themselves
    );
    return () => {
      live = false;
    };
  }, [missingKey]);

  const chipsRef = useRef<HTMLUListElement>(null);
  const [focusAfterRemoval, setFocusAfterRemoval] = useState<number | null>(null);
  useEffect(() => {
    if (focusAfterRemoval === null) return;
    const buttons = chipsRef.current?.querySelectorAll<HTMLButtonElement>('button');
    const next = buttons?.[Math.min(focusAfterRemoval, buttons.length - 1)];
    if (next) next.focus();
    else document.getElementById(`${id}-${name}-q`)?.focus();
    setFocusAfterRemoval(null);
  }, [focusAfterRemoval, id, name]);

  const titleOf = (code: string) => known[code]?.title ?? code;
  const remove = (index: number) => {
    onChange(value.filter((_, i) => i !== index));
    setFocusAfterRemoval(index);
  };
  const toggle = (item: Choice, on: boolean) => {
    setKnown((k) => ({ ...k, [item.code]: item }));
    if (on && !value.includes(item.code) && value.length < max) onChange([...value, item.code]);
    if (!on) onChange(value.filter((c) => c !== item.code));
  };
  const full = value.length >= max;
  const errorId = `${id}-${name}-error`;

  return (
    <SearchPicker<Choice>
      id={id}
      field={name}
      legend={label}
      searchLabel={searchLabel ?? 'Chercher un métier (au masculin ou au féminin)'}
      load={async (q) => {
        if (!q) return { items: [], total: 0 };
        const { items } = await api.metiers({ q, limit: SHOWN });
        return { items: items.map(choiceOf), total: items.length };
      }}
      idle={`Tapez un métier pour voir les propositions (${max} au plus).`}
      countOf={(n) => (n === 0 ? 'Aucun métier' : n >= SHOWN ? `Les ${n} métiers les plus proches` : n === 1 ? '1 métier' : `${n} métiers`)}
      labelOf={(m) => (
        <>
          {m.matched ?? m.title}
          {m.matched && m.matched !== m.title && <span class="muted"> — {m.title}</span>}
        </>
      )}
      chosen={null}
      onChoose={() => undefined}
      many={{
        chosen: value.map((code) => choiceOf(known[code] ?? ({ code } as MetierItem))),
        onToggle: toggle,
        full,
        fullNote: `${max} métiers choisis, le maximum : retirez-en un pour en choisir un autre.`,
      }}
      message={message ?? <ErrorNote error={error ? new ApiError(400, 'VALIDATION_FAILED', error) : null} id={errorId} />}
      invalid={invalid ?? (message ? undefined : !!error)}
    >
      <p class="muted metier-count" id={`${id}-${name}-chosen`}>
        {value.length ? `Choisis : ${value.length} sur ${max} au plus.` : `Aucun métier choisi (${max} au plus).`}
      </p>
      {value.length > 0 && (
        <ul class="metier-chips" ref={chipsRef} aria-labelledby={`${id}-${name}-chosen`}>
          {value.map((code, index) => (
            <li key={code} class="metier-chip">
              <span>{titleOf(code)}</span>
              <button type="button" class="small secondary" aria-label={`Retirer ${titleOf(code)}`} onClick={() => remove(index)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </SearchPicker>
  );
}
