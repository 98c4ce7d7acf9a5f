// Skills typed one by one, shown as chips each with its « Retirer » button: the profile's « Compétences »
// and the offer's ideal candidate use the same editor. Enter or the button adds; the same skill twice
// (case, accents and spaces aside, workflows/matching.ts `skillKey`) is kept once; every change is read out.
import { useState } from 'preact/hooks';
import { distinctSkills, skillKey } from '../../workflows/offer-ideal-candidate.js';
import type { FormState } from './forms.js';
import { announce } from './ui.js';

export function SkillsEditor(props: {
  /** The input's id; its hint is `${id}-hint`, and the focus comes back to it after a removal. */
  id: string;
  /** The form field the server's message is about. */
  field: string;
  label: string;
  hint: string;
  /** The chips' list, for a screen reader: « Compétences ajoutées »… */
  listLabel: string;
  maxLength: number;
  value: string[];
  onChange: (skills: string[]) => void;
  form: FormState;
}) {
  const { id, field, value, onChange, form } = props;
  const [typed, setTyped] = useState('');
  function add() {
    const skill = typed.replace(/\s+/g, ' ').trim();
    if (!skill) return;
    const already = value.some((s) => skillKey(s) === skillKey(skill));
    onChange(distinctSkills([...value, skill]));
    setTyped('');
    announce(already ? `Compétence « ${skill} » déjà ajoutée.` : `Compétence « ${skill} » ajoutée.`);
  }
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <div class="row">
        <input
          id={id}
          value={typed}
          maxLength={props.maxLength}
          {...form.control(field, `${id}-hint`)}
          onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="secondary" onClick={add}>
          Ajouter la compétence
        </button>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {form.message(field)}
      {value.length > 0 && (
        <ul class="chips" aria-label={props.listLabel}>
          {value.map((s) => (
            <li key={s}>
              {s}{' '}
              <button
                type="button"
                class="link"
                aria-label={`Retirer la compétence ${s}`}
                onClick={() => {
                  onChange(value.filter((x) => x !== s));
                  announce(`Compétence « ${s} » retirée.`);
                  document.getElementById(id)?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
