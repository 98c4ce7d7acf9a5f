// GET /api/metiers: the query and the answer, parsed with zod and documented from the same schemas.
import { z } from 'zod';

export const METIER_SEARCH_MAX = 50;

export const metierQuery = z
  .object({
    q: z.string({ error: 'texte attendu' }).max(100, '100 caractères au plus').optional().meta({
      description: 'Ce qui est tapé : un mot du métier au masculin ou au féminin (« vendeuse », « aide soignante »), sans souci des accents, ou un code ROME (D1106).',
    }),
    codes: z
      .string({ error: 'codes attendus' })
      .max(200, '200 caractères au plus')
      .transform((value, ctx) => {
        const list = [...new Set(value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean))];
        const bad = list.filter((s) => !/^[A-N]\d{4}$/.test(s));
        if (bad.length) ctx.addIssue({ code: 'custom', message: `code de métier ROME attendu (une lettre de A à N et 4 chiffres) : ${bad.join(', ')}` });
        return list;
      })
      .optional()
      .meta({ description: 'Des codes ROME séparés par des virgules (D1106,K2204) : leurs fiches, dans cet ordre (les codes inconnus de la liste sont omis) ; pour afficher des métiers déjà choisis.' }),
    limit: z.coerce
      .number({ error: 'nombre attendu' })
      .int('nombre entier attendu')
      .min(1, '1 au moins')
      .max(METIER_SEARCH_MAX, `${METIER_SEARCH_MAX} au plus`)
      .default(10),
  })
  .strict();

export const metierItem = z
  .object({
    code: z.string().meta({ description: 'Code ROME de la fiche métier (D1106)' }),
    title: z.string().meta({ description: 'Intitulé de la fiche (« Vente en alimentation »)' }),
    family: z.string().meta({ description: 'Domaine professionnel (D11)' }),
    familyLabel: z.string(),
    domain: z.string().meta({ description: 'Grand domaine (D)' }),
    domainLabel: z.string(),
    matched: z.string().nullable().meta({ description: 'L’appellation qui correspond le mieux à la recherche, au genre tapé (« Vendeuse en boulangerie ») ; null sans recherche' }),
    appellations: z.array(z.object({ masculine: z.string(), feminine: z.string() })),
  })
  .meta({ id: 'Metier' });

export const metierList = z.object({ items: z.array(metierItem) }).meta({ id: 'MetierList' });
