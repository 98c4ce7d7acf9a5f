// Choosing a French commune inside a form (issue #17: home commune and places wished of a profile, the
// CVthèque search's places). The same accessible picker as companies and offers (pickers.tsx): a search
// field — a name's start, accents and dashes ignored, or a postal code's start — and the matches
// (GET /api/communes?q=) as radio buttons, read as one group. A commune whose point was estimated says
// « (position approximative) ».
//
// Props contract:
//   <CommunePicker
//     id="profile"                 // the form's prefix: ids `${id}-${field}-q`, `${id}-${field}-error`
//     field="places.0.insee"       // the API's name of the field (radios' name, error's id); unique in the page
//     label="Commune souhaitée 1"  // the group's legend
//     value={commune}              // the chosen commune (CommuneChoice) or null
//     onChange={(c) => …}          // called with the CommuneChoice chosen
//     message={form.message(field)} // useForm's message under the field
//     invalid={!!form.messageOf(field)} // refused: the search field takes the focus, its reason read with it
//   />
import type { JSX } from 'preact';
import type { z } from 'zod';
import type { communesView } from '../../api/profiles/schemas.js';
import { request } from './api.js';
import { SearchPicker } from './pickers.js';

export type CommuneChoice = z.output<typeof communesView>['items'][number];

export const communeApi = {
  search: (q: string) => request<z.output<typeof communesView>>('GET', `/communes?q=${encodeURIComponent(q)}`),
};

/** « Villeurbanne (69100) », and « (position approximative) » when its point is estimated. */
export function communeLabel(c: CommuneChoice): string {
  const postal = c.postalCodes.length ? ` (${c.postalCodes[0]}${c.postalCodes.length > 1 ? '…' : ''})` : ` (${c.department})`;
  return `${c.name}${postal}${c.approximate ? ' (position approximative)' : ''}`;
}

export interface CommunePickerProps {
  id: string;
  field: string;
  label: string;
  value: CommuneChoice | null;
  onChange: (commune: CommuneChoice) => void;
  message: JSX.Element;
  invalid?: boolean;
  searchLabel?: string;
}

type Item = CommuneChoice & { id: string };
const asItem = (c: CommuneChoice): Item => ({ ...c, id: c.insee });

export function CommunePicker({ id, field, label, value, onChange, message, invalid, searchLabel }: CommunePickerProps) {
  return (
    <SearchPicker<Item>
      id={id}
      field={field}
      legend={label}
      searchLabel={searchLabel ?? `${label} : nom ou code postal`}
      idle={value ? `Choisie : ${communeLabel(value)}. Tapez un autre nom pour en changer.` : 'Tapez le début du nom de la commune ou son code postal.'}
      load={async (q) => {
        if (!q) return { items: [], total: 0 };
        const { items } = await communeApi.search(q);
        return { items: items.map(asItem), total: items.length };
      }}
      countOf={(n) => (n === 0 ? 'Aucune commune' : n === 1 ? '1 commune' : `${n} communes`)}
      labelOf={(c) => (
        <>
          {c.name}
          <span class="muted">
            {' '}
            — {c.postalCodes.slice(0, 3).join(', ') || c.department}
            {c.approximate ? ' (position approximative)' : ''}
          </span>
        </>
      )}
      chosen={value ? asItem(value) : null}
      onChoose={(c) => {
        const { id: _id, ...commune } = c;
        onChange(commune);
      }}
      message={message}
      invalid={invalid}
    />
  );
}
