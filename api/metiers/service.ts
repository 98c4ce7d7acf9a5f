// The métier reference list (workflows/metiers.ts) for pickers: a search, or chosen codes' fiches.
// Pure data in memory, the same for every signed-in person.
import type { z } from 'zod';
import { domainLabel, familyLabel, metierByCode, searchMetiers, type Metier } from '../../workflows/metiers.js';
import type { metierItem, metierQuery } from './schemas.js';

type Item = z.infer<typeof metierItem>;

const itemOf = (m: Metier, matched: string | null): Item => ({
  code: m.code,
  title: m.title,
  family: m.family,
  familyLabel: familyLabel(m.family) ?? m.family,
  domain: m.domain,
  domainLabel: domainLabel(m.domain) ?? m.domain,
  matched,
  appellations: m.appellations.map(({ masculine, feminine }) => ({ masculine, feminine })),
});

export function metierService() {
  return {
    /** `codes` given: those fiches (unknown codes left out); else the search of `q` (nothing for no words). */
    list({ q, codes, limit }: z.output<typeof metierQuery>): { items: Item[] } {
      if (codes) {
        return { items: codes.flatMap((code) => metierByCode(code) ?? []).slice(0, limit).map((m) => itemOf(m, null)) };
      }
      return { items: searchMetiers(q ?? '', limit).map(({ metier, matched }) => itemOf(metier, matched)) };
    },
  };
}
