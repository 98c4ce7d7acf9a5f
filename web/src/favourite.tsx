// The short list's pictograms (seed 002) and the company's star on an application: used by « Mes
// offres », an offer's list by stage and the application page.
import { useState } from 'preact/hooks';
import type { ShortlistStage } from '../../workflows/shortlist.js';
import { api } from './api.js';
import { ErrorNote, announce, useAction } from './ui.js';

/**
 * Seed 002's pictograms — hourglass, envelope, a tick for « contactée », star, crossed circle — drawn
 * (a font may lack the characters), decorative: the words beside them say it all.
 */
const STAR = 'M8 1.2l2 4.6 5 .4-3.8 3.3 1.2 4.9L8 11.8l-4.4 2.6 1.2-4.9L1 6.2l5-.4z';
const SHAPES: Record<ShortlistStage | 'star', string> = {
  pending: 'M3 1h10v3L9.5 8 13 12v3H3v-3l3.5-4L3 4z',
  toContact: 'M1.5 3.5h13v9h-13z M1.5 3.5 8 9l6.5-5.5',
  contacted: 'M2 8.5l4 4L14 3.5',
  favourite: STAR,
  star: STAR,
  refused: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 1 0 0-13z M5 5l6 6M11 5l-6 6',
};
const FILLED = new Set(['pending', 'favourite']);

export function Pictogram({ shape, filled = FILLED.has(shape) }: { shape: keyof typeof SHAPES; filled?: boolean }) {
  return (
    <svg class="pictogram" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={SHAPES[shape]} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}

/** The star as a toggle: its state in aria-pressed, its words saying what a press does, the icon never alone. */
export function FavouriteButton({ applicationId, name, initial }: { applicationId: string; name: string; initial: boolean }) {
  const [on, setOn] = useState(initial);
  const action = useAction();
  async function toggle() {
    const answer = await action.run(() => api.favourite(applicationId, !on));
    if (!answer) return;
    setOn(answer.favourite);
    announce(answer.favourite ? `${name} : dans vos favoris.` : `${name} : retiré·e de vos favoris.`);
  }
  return (
    <div class="favourite">
      <button type="button" class="secondary star" aria-pressed={on ? 'true' : 'false'} aria-busy={action.busy ? 'true' : undefined} onClick={toggle}>
        <Pictogram shape="star" filled={on} />
        {on ? 'Retirer des favoris' : 'Ajouter aux favoris'}
        <span class="visually-hidden"> : {name}</span>
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}
