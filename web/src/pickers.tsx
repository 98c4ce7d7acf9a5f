// Choosing a company or a published offer inside a form: a search field (results follow the typing)
// and the matches as radio buttons, so the whole choice is made with the keyboard and read as one
// group. The choice stays shown when a new search no longer lists it. With `many` (the métiers of
// metier-picker.tsx), the same picker chooses several: checkboxes, the choices shown by the caller.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type OfferListItem, type VerifiedCompany } from './api.js';
import { CONTRACT_LABEL } from './offer-view.js';
import { Loaded, useResource } from './ui.js';

const SHOWN = 10;

/** Choosing several: checkboxes instead of radios; the caller shows what is chosen (chips). */
export interface ManyChoice<T> {
  chosen: readonly T[];
  onToggle: (item: T, on: boolean) => void;
  /** As many chosen as allowed: the other boxes are disabled and `fullNote` says why. */
  full: boolean;
  fullNote: string;
}

export interface PickerProps<T extends { id: string }> {
  /** The form's prefix: `${id}-${field}-q`, `${id}-${field}-error`. */
  id: string;
  /** The API's name of the field (`companyId`, `offerId`): the radios' name and the error's id. */
  field: string;
  legend: string;
  searchLabel: string;
  load: (q: string) => Promise<{ items: T[]; total: number }>;
  labelOf: (item: T) => ComponentChildren;
  /** « 3 entreprises » */
  countOf: (total: number) => string;
  chosen: T | null;
  onChoose: (item: T) => void;
  /** Several choices (then `chosen` and `onChoose` are unused). */
  many?: ManyChoice<T>;
  /** Said instead of the count while nothing is typed (the list then searches nothing). */
  idle?: string;
  /** Shown between the search field and the matches (the chosen ones, for `many`). */
  children?: ComponentChildren;
  /** The field's error (useForm's message). */
  message: JSX.Element;
  invalid?: boolean;
}

export function SearchPicker<T extends { id: string }>({ id, field, legend, searchLabel, load, labelOf, countOf, chosen, onChoose, many, idle, children, message, invalid }: PickerProps<T>) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // The list follows the typing, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useResource(() => load(q), [q]);
  const errorId = `${id}-${field}-error`;
  return (
    <fieldset class="field picker" aria-describedby={errorId}>
      <legend>{legend}</legend>
      <div class="field">
        <label for={`${id}-${field}-q`}>{searchLabel}</label>
        <input
          id={`${id}-${field}-q`}
          type="search"
          autoComplete="off"
          value={typed}
          // Invalid with the choice: a refused form puts the focus here, its reason read with it.
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={`${id}-${field}-count ${errorId}`}
          onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
          // Enter searches; it does not send the form around the picker.
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              setQ(typed.trim());
            }
          }}
        />
      </div>
      {children}
      <Loaded resource={found} label="Recherche…">
        {(data) => {
          const items = !many && chosen && !data.items.some((i) => i.id === chosen.id) ? [chosen, ...data.items] : data.items;
          const isChosen = (item: T) => (many ? many.chosen.some((c) => c.id === item.id) : chosen?.id === item.id);
          return (
            <>
              <p class="muted" id={`${id}-${field}-count`} role="status">
                {idle !== undefined && !q ? (
                  idle
                ) : (
                  <>
                    {countOf(data.total)}
                    {q ? ` pour « ${q} »` : ''}
                    {data.total > data.items.length ? ` : les ${data.items.length} premiers sont listés, précisez la recherche pour voir les autres.` : '.'}
                  </>
                )}
                {many?.full ? ` ${many.fullNote}` : ''}
              </p>
              <div class="picker-choices">
                {items.map((item) => (
                  <label key={item.id} class="choice">
                    <input
                      type={many ? 'checkbox' : 'radio'}
                      name={field}
                      value={item.id}
                      checked={isChosen(item)}
                      disabled={many ? many.full && !isChosen(item) : undefined}
                      onChange={(event) => (many ? many.onToggle(item, (event.currentTarget as HTMLInputElement).checked) : onChoose(item))}
                    />{' '}
                    <span>{labelOf(item)}</span>
                  </label>
                ))}
              </div>
            </>
          );
        }}
      </Loaded>
      {message}
    </fieldset>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** A verified company (GET /api/verified-companies); `spontaneous`: only those taking spontaneous applications. */
export function CompanyPicker({ spontaneous, ...props }: { spontaneous?: boolean; id: string; chosen: VerifiedCompany | null; onChoose: (c: VerifiedCompany) => void; message: JSX.Element; invalid?: boolean; legend?: string }) {
  return (
    <SearchPicker<VerifiedCompany>
      {...props}
      field="companyId"
      legend={props.legend ?? 'Entreprise (obligatoire)'}
      searchLabel="Chercher une entreprise par son nom ou sa ville"
      load={(q) => api.verifiedCompanies({ q: q || undefined, spontaneous: spontaneous ? 'true' : undefined, pageSize: SHOWN })}
      countOf={(n) => plural(n, 'entreprise vérifiée', 'entreprises vérifiées')}
      labelOf={(c) => (
        <>
          {c.name}
          <span class="muted">
            {c.city ? ` — ${c.city}` : ''}
            {c.publishedOffers ? ` — ${plural(c.publishedOffers, 'offre publiée', 'offres publiées')}` : ''}
          </span>
        </>
      )}
    />
  );
}

/**
 * The company a link chose beforehand (`?entreprise=<id>`, from its public page), as the company picker
 * shows it: read from its public page (GET /api/public/companies/:id), kept only when it takes
 * spontaneous applications; null while loading, for no id, and for a company one cannot choose.
 */
export function usePresetCompany(id: string | null): VerifiedCompany | null {
  const found = useResource(() => (id ? api.publicCompany(id) : Promise.resolve(null)), [id]);
  const c = found.data;
  if (!c || !c.spontaneousApplications) return null;
  return { id: c.id, name: c.name, city: c.city, postalCode: c.postalCode, publishedOffers: c.offers.length, spontaneousApplications: true };
}

/** What the offer picker shows of an offer: a list item, or an offer opened before (its page). */
export type OfferChoice = Pick<OfferListItem, 'id' | 'title' | 'company' | 'city' | 'contractType'>;

/** A published offer (GET /api/offers, the same search as the offers page). */
export function OfferPicker(props: { id: string; chosen: OfferChoice | null; onChoose: (o: OfferChoice) => void; message: JSX.Element; invalid?: boolean }) {
  return (
    <SearchPicker<OfferChoice>
      {...props}
      field="offerId"
      legend="Offre (obligatoire)"
      searchLabel="Chercher une offre : métier, mots de l’annonce, ville…"
      load={(q) => api.offers({ q: q || undefined, pageSize: SHOWN })}
      countOf={(n) => plural(n, 'offre publiée', 'offres publiées')}
      labelOf={(o) => (
        <>
          {o.title}
          <span class="muted">
            {' '}
            — {o.company.name}, {o.city} — {CONTRACT_LABEL[o.contractType]}
          </span>
        </>
      )}
    />
  );
}
