// CVthèque lists and saved searches (issue #17, item 7; seeds 003 and 004: « dossiers de CV » and
// « recherches enregistrées » with alerts).
//
// Who: the recruiters of a verified company (membership verified, account enabled). Lists belong to the
// company: every one of its recruiters reads and edits them; another company's list is a 404. Saved
// searches belong to the recruiter who saved them (seed 004: « mes recherches », each with its own
// alert mailed to its author): a colleague gets a 404, as for anything they may not see. Admins read
// both (support), change neither (403). Everyone else: 403.
//
// A saved search is of a kind (api/cvtheque-lists/schemas.ts SAVED_SEARCH_KINDS): the CVthèque's criteria,
// the matching's criteria and threshold (method 2), or an offer of the company and a threshold (method 1,
// the offer's ideal candidate read at each run). One list, one alert machinery (its Schedule, its
// activity) for the three; storedSearch reads a row as its kind says.
//
// A list item names a candidate; it shows the profile's summary while the profile is in the CVthèque
// (consent given, account enabled). Once the candidate withdraws, the item stays (the recruiters may
// remove it) but shows nothing of them: « Profil retiré de la CVthèque ».
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../config/logger.js';
import type { User } from '../../models/index.js';
import type { MatchCriteria } from '../../workflows/matching-criteria.js';
import { constraintOf, HttpError, fieldRefusal, notFound } from '../errors.js';
import { criteriaToQuery, cvthequeCriteriaInput, type CvthequeCriteria } from '../cvtheque/criteria.js';
import { describeCriteria, describeMatchCriteria, type NamedCommune } from '../cvtheque/describe.js';
import { matchingQuery } from '../matching/query.js';
import { matchCriteriaSchema } from '../matching/schemas.js';
import { centerOf, offerCriteria } from '../matching/service.js';
import { communeNames } from '../../models/communes.js';
import {
  LIST_LIMITS,
  UPDATE_BODIES,
  type addItemBody,
  type createListBody,
  type createSavedSearchBody,
  type listItemsQuery,
  type listsQuery,
  type renameListBody,
  type savedSearchesQuery,
  type SavedSearchKind,
} from './schemas.js';
import { savedSearchSchedules, type SavedSearchSchedules } from './schedules.js';

interface Deps {
  sequelize: Sequelize;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'SAVED_SEARCH_ALERT_INTERVAL'>;
  logger: Logger;
  /** Tests inject a failing one to see the database and the Schedule stay in step. */
  schedules?: SavedSearchSchedules;
}

export const WITHDRAWN_LABEL = 'Profil retiré de la CVthèque';
const RECRUITERS_ONLY = 'Réservé aux recruteurs d’une entreprise vérifiée.';
const LIST_NOT_FOUND = 'Liste introuvable.';
const SEARCH_NOT_FOUND = 'Recherche enregistrée introuvable.';

/** A profile the CVthèque shows: consent given, account enabled. The SQL form, on `p` (candidate_profiles) and `u` (users). */
export const VISIBLE_PROFILE = `p.cvtheque_visible_at IS NOT NULL AND u.disabled_at IS NULL`;

/** A recruiter whose account, membership and company are all active (null: not one). The SQL of the alert's activity too. */
export async function activeRecruiterCompany(sequelize: Sequelize, userId: string, transaction?: Transaction): Promise<string | null> {
  const [row] = await sequelize.query<{ company_id: string }>(
    `SELECT u.company_id FROM users u JOIN companies c ON c.id = u.company_id
     LEFT JOIN company_memberships m ON m.user_id = u.id AND m.company_id = u.company_id
     WHERE u.id = :userId AND u.role = 'RECRUITER' AND u.disabled_at IS NULL AND c.status = 'VERIFIED'
       AND (m.id IS NULL OR m.status = 'VERIFIED')`,
    { type: QueryTypes.SELECT, replacements: { userId }, transaction },
  );
  return row?.company_id ?? null;
}

/** The stored criteria (query-string form) as the search reads them; null when they no longer parse. */
export function storedCriteria(stored: Record<string, string>): CvthequeCriteria | null {
  const parsed = cvthequeCriteriaInput.safeParse(stored);
  return parsed.success ? (parsed.data as CvthequeCriteria) : null;
}

/** The criteria as the query string gives them back: what is stored and shown. */
const asStrings = (criteria: CvthequeCriteria): Record<string, string> => Object.fromEntries(new URLSearchParams(criteriaToQuery(criteria)));

/** A saved search as its kind reads it. */
export type StoredSearch =
  | { kind: 'cvtheque'; criteria: CvthequeCriteria }
  | { kind: 'matching'; criteria: MatchCriteria; minScore: number }
  | { kind: 'offer-matching'; offerId: string; minScore: number };

/** A row's search as its kind reads it; null when its criteria no longer parse. */
export function storedSearch(row: { kind: SavedSearchKind; criteria: Record<string, unknown>; min_score: number | null; offer_id: string | null }): StoredSearch | null {
  if (row.kind === 'offer-matching') return row.offer_id && row.min_score !== null ? { kind: row.kind, offerId: row.offer_id, minScore: row.min_score } : null;
  if (row.kind === 'matching') {
    const parsed = matchCriteriaSchema.safeParse(row.criteria);
    return parsed.success && row.min_score !== null ? { kind: row.kind, criteria: parsed.data as MatchCriteria, minScore: row.min_score } : null;
  }
  const criteria = storedCriteria(row.criteria as Record<string, string>);
  return criteria ? { kind: 'cvtheque', criteria } : null;
}

/** The communes a search names (for their names in its summary). */
export const searchCommunes = (search: StoredSearch | null): string[] =>
  search?.kind === 'cvtheque' ? (search.criteria.near ?? []) : search?.kind === 'matching' && search.criteria.place ? [search.criteria.place.insee] : [];

const SEARCH_PAGES: Record<SavedSearchKind, string> = { cvtheque: '/recruteur/cvtheque', matching: '/recruteur/matching', 'offer-matching': '/recruteur/offres' };

/** The query string of the page that relaunches the search. */
export function searchQuery(search: StoredSearch): string {
  if (search.kind === 'cvtheque') return criteriaToQuery(search.criteria);
  if (search.kind === 'matching') return matchingQuery(search.criteria, search.minScore);
  return `min=${search.minScore}`;
}

/** The web page (path and query) that relaunches the search. */
export function searchLink(search: StoredSearch): string {
  const query = searchQuery(search);
  const path = search.kind === 'offer-matching' ? `/recruteur/offres/${search.offerId}/candidats-compatibles` : SEARCH_PAGES[search.kind];
  return query ? `${path}?${query}` : path;
}

/** The search in French: its criteria (communes named), the matchings' threshold; an offer's by its title. */
export function searchSummary(search: StoredSearch, communes: ReadonlyMap<string, NamedCommune>, offerTitle: string | null): string {
  if (search.kind === 'cvtheque') return describeCriteria(search.criteria, communes);
  const threshold = `score ≥ ${search.minScore} %`;
  if (search.kind === 'matching') return `${describeMatchCriteria(search.criteria, communes)}, ${threshold}`;
  return `Candidats compatibles avec l’offre « ${offerTitle ?? 'supprimée'} », ${threshold}`;
}

interface ListRow {
  id: string;
  name: string;
  created_at: Date;
  item_count: string;
  author_id: string | null;
  author_first_name: string | null;
  author_last_name: string | null;
}

interface ItemRow {
  candidate_id: string;
  added_at: Date;
  adder_id: string | null;
  adder_first_name: string | null;
  adder_last_name: string | null;
  visible: boolean;
  headline: string | null;
  metiers: string[] | null;
  commune_name: string | null;
  department: string | null;
}

/** A saved_searches row as stored (migrations 0029, 0034): read here and by the alert's activity. */
export interface StoredSearchRow {
  id: string;
  company_id: string;
  user_id: string;
  name: string;
  kind: SavedSearchKind;
  criteria: Record<string, unknown>;
  min_score: number | null;
  offer_id: string | null;
  alert: boolean;
  created_at: Date;
  last_alert_at: Date | null;
}

interface SavedSearchRow extends StoredSearchRow {
  offer_title: string | null;
  updated_at: Date;
  owner_first_name: string;
  owner_last_name: string;
}

const person = (id: string | null, firstName: string | null, lastName: string | null) => (id ? { id, firstName: firstName ?? '', lastName: lastName ?? '' } : null);

function listSummary(row: ListRow) {
  return {
    id: row.id,
    name: row.name,
    itemCount: Number(row.item_count),
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: person(row.author_id, row.author_first_name, row.author_last_name),
  };
}

function itemView(row: ItemRow) {
  const base = { candidateId: row.candidate_id, addedAt: new Date(row.added_at).toISOString(), addedBy: person(row.adder_id, row.adder_first_name, row.adder_last_name) };
  if (!row.visible) return { ...base, withdrawn: true, label: WITHDRAWN_LABEL, profile: null };
  return {
    ...base,
    withdrawn: false,
    label: row.headline || 'Profil sans titre',
    profile: {
      headline: row.headline,
      metiers: row.metiers ?? [],
      place: row.commune_name ? `${row.commune_name} (${row.department})` : null,
      link: `/recruteur/cvtheque/profils/${row.candidate_id}`,
    },
  };
}

function savedSearchView(row: SavedSearchRow, communes: ReadonlyMap<string, NamedCommune>) {
  const search = storedSearch(row);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    criteria: row.criteria,
    minScore: row.min_score,
    offer: row.offer_id ? { id: row.offer_id, title: row.offer_title ?? '' } : null,
    query: search ? searchQuery(search) : '',
    link: search ? searchLink(search) : SEARCH_PAGES[row.kind],
    summary: search ? searchSummary(search, communes, row.offer_title) : 'Critères à revoir : relancez la recherche et enregistrez-la de nouveau.',
    alert: row.alert,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    lastAlertAt: row.last_alert_at ? new Date(row.last_alert_at).toISOString() : null,
    owner: { id: row.user_id, firstName: row.owner_first_name, lastName: row.owner_last_name },
  };
}

/** One saved search's view, its communes named. */
async function namedSearchView(sequelize: Sequelize, row: SavedSearchRow) {
  return savedSearchView(row, await communeNames(sequelize, searchCommunes(storedSearch(row))));
}

const ITEM_SELECT = `
  SELECT i.candidate_id, i.added_at, a.id AS adder_id, a.first_name AS adder_first_name, a.last_name AS adder_last_name,
         (p.user_id IS NOT NULL AND ${VISIBLE_PROFILE}) AS visible,
         p.headline, p.metiers, c.name AS commune_name, c.department
  FROM cvtheque_list_items i
  JOIN users u ON u.id = i.candidate_id
  LEFT JOIN candidate_profiles p ON p.user_id = i.candidate_id
  LEFT JOIN communes c ON c.insee = p.commune_insee
  LEFT JOIN users a ON a.id = i.added_by`;

const SEARCH_SELECT = `
  SELECT s.*, o.first_name AS owner_first_name, o.last_name AS owner_last_name, f.title AS offer_title
  FROM saved_searches s JOIN users o ON o.id = s.user_id LEFT JOIN offers f ON f.id = s.offer_id`;

export function cvthequeListService(deps: Deps) {
  const { sequelize } = deps;
  const schedules = deps.schedules ?? savedSearchSchedules(deps.temporal, deps.config);
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

  /** The caller's company, for a recruiter who may use the CVthèque; 403 otherwise. */
  async function recruiterCompany(user: User): Promise<string> {
    if (user.role !== 'RECRUITER') throw new HttpError('FORBIDDEN', RECRUITERS_ONLY);
    const company = await activeRecruiterCompany(sequelize, user.id);
    if (!company) throw new HttpError('FORBIDDEN', RECRUITERS_ONLY);
    return company;
  }

  /** Who reads: a recruiter (their company) or an admin (every company). */
  async function readerScope(user: User): Promise<{ companyId: string | null }> {
    if (user.role === 'ADMIN') return { companyId: null };
    return { companyId: await recruiterCompany(user) };
  }

  async function findList(scope: { companyId: string | null }, id: string, transaction?: Transaction): Promise<ListRow> {
    const [row] = await select<ListRow>(
      `SELECT l.id, l.name, l.created_at, (SELECT count(*) FROM cvtheque_list_items i WHERE i.list_id = l.id) AS item_count,
              a.id AS author_id, a.first_name AS author_first_name, a.last_name AS author_last_name
       FROM cvtheque_lists l LEFT JOIN users a ON a.id = l.created_by
       WHERE l.id = :id AND (CAST(:companyId AS uuid) IS NULL OR l.company_id = :companyId)`,
      { id, companyId: scope.companyId },
      transaction,
    );
    if (!row) throw new HttpError('NOT_FOUND', LIST_NOT_FOUND);
    return row;
  }

  async function items(listId: string, query: { page: number; pageSize: number }) {
    const rows = await select<ItemRow>(`${ITEM_SELECT} WHERE i.list_id = :listId ORDER BY i.added_at DESC, i.candidate_id LIMIT :limit OFFSET :offset`, {
      listId,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return rows.map(itemView);
  }

  const nameTaken = () => fieldRefusal('CONFLICT', 'name', 'une liste de votre entreprise porte déjà ce nom');
  const searchNameTaken = () => fieldRefusal('CONFLICT', 'name', 'une de vos recherches enregistrées porte déjà ce nom');

  const alertNeedsOnlineOffer = () =>
    fieldRefusal('CONFLICT', 'alert', 'l’alerte suit une offre publiée, et celle-ci ne l’est pas (ou plus) : enregistrez la recherche sans alerte, ou publiez l’offre');

  /** The columns of a new saved search, as its kind says; an offer must be the company's (404 otherwise), and online for its alert. */
  async function searchFields(companyId: string, input: z.output<typeof createSavedSearchBody>) {
    if (input.kind === 'matching') {
      await centerOf(sequelize, input.criteria as MatchCriteria); // an unknown commune: 400 under criteria.place.insee
      return { kind: input.kind, criteria: JSON.stringify(input.criteria), minScore: input.minScore, offerId: null };
    }
    if (input.kind === 'offer-matching') {
      const offer = await offerCriteria(sequelize, input.offerId);
      if (!offer || offer.companyId !== companyId) throw notFound('Offre');
      if (input.alert && !offer.online) throw alertNeedsOnlineOffer();
      return { kind: input.kind, criteria: '{}', minScore: input.minScore, offerId: input.offerId };
    }
    return { kind: 'cvtheque', criteria: JSON.stringify(asStrings(input.criteria as CvthequeCriteria)), minScore: null, offerId: null };
  }

  async function findSearch(user: User, id: string, transaction?: Transaction): Promise<SavedSearchRow> {
    const [row] = await select<SavedSearchRow>(`${SEARCH_SELECT} WHERE s.id = :id ${user.role === 'ADMIN' ? '' : 'AND s.user_id = :userId'}`, { id, userId: user.id }, transaction);
    if (!row) throw new HttpError('NOT_FOUND', SEARCH_NOT_FOUND);
    return row;
  }

  return {
    // ---- Lists ------------------------------------------------------------------------------------------
    async lists(user: User, query: z.output<typeof listsQuery>) {
      const scope = await readerScope(user);
      const where = scope.companyId ? 'WHERE l.company_id = :companyId' : '';
      const [rows, [{ total }]] = await Promise.all([
        select<ListRow>(
          `SELECT l.id, l.name, l.created_at, (SELECT count(*) FROM cvtheque_list_items i WHERE i.list_id = l.id) AS item_count,
                  a.id AS author_id, a.first_name AS author_first_name, a.last_name AS author_last_name
           FROM cvtheque_lists l LEFT JOIN users a ON a.id = l.created_by ${where}
           ORDER BY unaccent_lower(l.name), l.id LIMIT :limit OFFSET :offset`,
          { companyId: scope.companyId, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
        ),
        select<{ total: string }>(`SELECT count(*) AS total FROM cvtheque_lists l ${where}`, { companyId: scope.companyId }),
      ]);
      return { items: rows.map(listSummary), total: Number(total), page: query.page, pageSize: query.pageSize };
    },

    async list(user: User, id: string, query: z.output<typeof listItemsQuery>) {
      const row = await findList(await readerScope(user), id);
      return { ...listSummary(row), items: await items(id, query), total: Number(row.item_count), page: query.page, pageSize: query.pageSize };
    },

    /** `body` is parsed once the caller is known to be allowed: who (403) before what (400). */
    async createList(user: User, body: () => z.output<typeof createListBody>) {
      const companyId = await recruiterCompany(user);
      const { name } = body();
      const id = randomUUID();
      try {
        await sequelize.transaction(async (transaction) => {
          // One company's creations one after the other: the count below stays true.
          await sequelize.query(`SELECT 1 FROM companies WHERE id = :companyId FOR UPDATE`, { replacements: { companyId }, transaction });
          const [{ count }] = await select<{ count: string }>(`SELECT count(*) FROM cvtheque_lists WHERE company_id = :companyId`, { companyId }, transaction);
          if (Number(count) >= LIST_LIMITS.listsPerCompany) {
            throw new HttpError('CONFLICT', `Votre entreprise a déjà ${LIST_LIMITS.listsPerCompany} listes : supprimez-en une avant d’en créer une autre.`);
          }
          await sequelize.query(`INSERT INTO cvtheque_lists (id, company_id, name, created_by) VALUES (:id, :companyId, :name, :userId)`, {
            replacements: { id, companyId, name, userId: user.id },
            transaction,
          });
        });
      } catch (error) {
        if (constraintOf(error) === 'cvtheque_lists_company_name_idx') throw nameTaken();
        throw error;
      }
      return { ...listSummary(await findList({ companyId }, id)), items: [], total: 0, page: 1, pageSize: 100 };
    },

    async renameList(user: User, id: string, body: () => z.output<typeof renameListBody>) {
      const companyId = await recruiterCompany(user);
      await findList({ companyId }, id);
      const { name } = body();
      try {
        await sequelize.query(`UPDATE cvtheque_lists SET name = :name, updated_at = now() WHERE id = :id AND company_id = :companyId`, { replacements: { id, companyId, name } });
      } catch (error) {
        if (constraintOf(error) === 'cvtheque_lists_company_name_idx') throw nameTaken();
        throw error;
      }
      return listSummary(await findList({ companyId }, id));
    },

    async deleteList(user: User, id: string): Promise<void> {
      const companyId = await recruiterCompany(user);
      const [, result] = (await sequelize.query(`DELETE FROM cvtheque_lists WHERE id = :id AND company_id = :companyId`, { replacements: { id, companyId } })) as [unknown, { rowCount?: number }];
      if (!result?.rowCount) throw new HttpError('NOT_FOUND', LIST_NOT_FOUND);
    },

    /** Adds a profile in the CVthèque to the list; the same one again changes nothing (`added: false`). */
    async addItem(user: User, listId: string, body: () => z.output<typeof addItemBody>) {
      const companyId = await recruiterCompany(user);
      await findList({ companyId }, listId);
      const { candidateId } = body();
      const added = await sequelize.transaction(async (transaction) => {
        const [visible] = await select<{ user_id: string }>(
          `SELECT p.user_id FROM candidate_profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = :candidateId AND u.role = 'CANDIDATE' AND ${VISIBLE_PROFILE} FOR SHARE OF p`,
          { candidateId },
          transaction,
        );
        if (!visible) throw new HttpError('NOT_FOUND', 'Profil introuvable dans la CVthèque : il n’existe pas, ou la personne ne le partage pas (ou plus).');
        // The list locked: its items are counted and added one request at a time.
        const [list] = await select<{ id: string }>(`SELECT id FROM cvtheque_lists WHERE id = :listId AND company_id = :companyId FOR UPDATE`, { listId, companyId }, transaction);
        if (!list) throw new HttpError('NOT_FOUND', LIST_NOT_FOUND);
        const [{ count }] = await select<{ count: string }>(`SELECT count(*) FROM cvtheque_list_items WHERE list_id = :listId`, { listId }, transaction);
        const inserted = await select<{ candidate_id: string }>(
          `INSERT INTO cvtheque_list_items (list_id, candidate_id, added_by)
           SELECT :listId, :candidateId, :userId WHERE :count < :max
           ON CONFLICT (list_id, candidate_id) DO NOTHING RETURNING candidate_id`,
          { listId, candidateId, userId: user.id, count: Number(count), max: LIST_LIMITS.itemsPerList },
          transaction,
        );
        if (inserted.length) return true;
        const [already] = await select<{ candidate_id: string }>(`SELECT candidate_id FROM cvtheque_list_items WHERE list_id = :listId AND candidate_id = :candidateId`, { listId, candidateId }, transaction);
        if (!already) throw new HttpError('CONFLICT', `Cette liste contient déjà ${LIST_LIMITS.itemsPerList} profils : retirez-en avant d’en ajouter.`);
        return false;
      });
      const [row] = await select<ItemRow>(`${ITEM_SELECT} WHERE i.list_id = :listId AND i.candidate_id = :candidateId`, { listId, candidateId });
      return { added, item: itemView(row!) };
    },

    async removeItem(user: User, listId: string, candidateId: string): Promise<void> {
      const companyId = await recruiterCompany(user);
      await findList({ companyId }, listId);
      const [, result] = (await sequelize.query(`DELETE FROM cvtheque_list_items WHERE list_id = :listId AND candidate_id = :candidateId`, {
        replacements: { listId, candidateId },
      })) as [unknown, { rowCount?: number }];
      if (!result?.rowCount) throw new HttpError('NOT_FOUND', 'Ce profil n’est pas dans la liste.');
    },

    // ---- Saved searches -----------------------------------------------------------------------------------
    async savedSearches(user: User, query: z.output<typeof savedSearchesQuery>) {
      if (user.role !== 'ADMIN') await recruiterCompany(user);
      const where = user.role === 'ADMIN' ? '' : 'WHERE s.user_id = :userId';
      const [rows, [{ total }]] = await Promise.all([
        select<SavedSearchRow>(`${SEARCH_SELECT} ${where} ORDER BY s.created_at DESC, s.id LIMIT :limit OFFSET :offset`, {
          userId: user.id,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        }),
        select<{ total: string }>(`SELECT count(*) AS total FROM saved_searches s ${where}`, { userId: user.id }),
      ]);
      const communes = await communeNames(sequelize, rows.flatMap((r) => searchCommunes(storedSearch(r))));
      return { items: rows.map((r) => savedSearchView(r, communes)), total: Number(total), page: query.page, pageSize: query.pageSize };
    },

    /**
     * Saves a search. Its Schedule is created first, running; then the row; then, alert off, the
     * Schedule is paused (api/cvtheque-lists/schedules.ts says why this order repairs itself).
     */
    async createSavedSearch(user: User, body: () => z.output<typeof createSavedSearchBody>) {
      const companyId = await recruiterCompany(user);
      const input = body();
      const id = randomUUID();
      const [{ count }] = await select<{ count: string }>(`SELECT count(*) FROM saved_searches WHERE user_id = :userId`, { userId: user.id });
      if (Number(count) >= LIST_LIMITS.savedSearchesPerUser) {
        throw new HttpError('CONFLICT', `Vous avez déjà ${LIST_LIMITS.savedSearchesPerUser} recherches enregistrées : supprimez-en une avant d’en enregistrer une autre.`);
      }
      const [taken] = await select(`SELECT 1 FROM saved_searches WHERE user_id = :userId AND unaccent_lower(name) = unaccent_lower(:name)`, { userId: user.id, name: input.name });
      if (taken) throw searchNameTaken();
      const fields = await searchFields(companyId, input);
      await schedules.create({ savedSearchId: id, companyId });
      try {
        await sequelize.query(
          `INSERT INTO saved_searches (id, company_id, user_id, name, kind, criteria, min_score, offer_id, alert, last_alert_at)
           VALUES (:id, :companyId, :userId, :name, :kind, CAST(:criteria AS jsonb), :minScore, :offerId, :alert, now())`,
          { replacements: { id, companyId, userId: user.id, name: input.name, ...fields, alert: input.alert } },
        );
      } catch (error) {
        await schedules.remove(id).catch((err: unknown) => deps.logger.warn({ err, savedSearchId: id }, 'schedule of an unsaved search left for its first run to delete'));
        if (constraintOf(error) === 'saved_searches_user_name_idx') throw searchNameTaken();
        throw error;
      }
      if (!input.alert) await schedules.pause(id);
      return namedSearchView(sequelize, await findSearch(user, id));
    },

    /** `parse` reads the body with the schema of the saved search's own kind (UPDATE_BODIES). */
    async updateSavedSearch(user: User, id: string, parse: <S extends z.ZodType>(schema: S) => z.output<S>) {
      const companyId = await recruiterCompany(user);
      const before = await findSearch(user, id);
      const input: { name?: string; criteria?: unknown; minScore?: number; alert?: boolean } = parse(UPDATE_BODIES[before.kind]);
      let criteria: string | null = null;
      if (input.criteria && before.kind === 'cvtheque') criteria = JSON.stringify(asStrings(input.criteria as CvthequeCriteria));
      if (input.criteria && before.kind === 'matching') {
        await centerOf(sequelize, input.criteria as MatchCriteria); // an unknown commune: 400 under criteria.place.insee
        criteria = JSON.stringify(input.criteria);
      }
      if (input.alert === true && before.kind === 'offer-matching' && !(await offerCriteria(sequelize, before.offer_id!))?.online) throw alertNeedsOnlineOffer();
      // Alert on: the Schedule runs first (a row still « off » makes its run pause it again).
      if (input.alert === true) await schedules.resume({ savedSearchId: id, companyId });
      try {
        await sequelize.query(
          `UPDATE saved_searches SET name = COALESCE(:name, name), criteria = COALESCE(CAST(:criteria AS jsonb), criteria),
                  min_score = COALESCE(:minScore, min_score), alert = COALESCE(:alert, alert), updated_at = now(),
                  -- Turned on again: announce what becomes visible from now on, not what came while it was off.
                  last_alert_at = CASE WHEN :alert AND NOT alert THEN now() ELSE last_alert_at END
           WHERE id = :id AND user_id = :userId`,
          {
            replacements: {
              id,
              userId: before.user_id,
              name: input.name ?? null,
              criteria,
              minScore: input.minScore ?? null,
              alert: input.alert ?? null,
            },
          },
        );
      } catch (error) {
        if (constraintOf(error) === 'saved_searches_user_name_idx') throw searchNameTaken();
        throw error;
      }
      // Alert off: the row first, then the Schedule (a run meanwhile reads « off » and does nothing).
      if (input.alert === false) await schedules.pause(id);
      return namedSearchView(sequelize, await findSearch(user, id));
    },

    async deleteSavedSearch(user: User, id: string): Promise<void> {
      await recruiterCompany(user);
      const row = await findSearch(user, id);
      await sequelize.query(`DELETE FROM saved_searches WHERE id = :id AND user_id = :userId`, { replacements: { id, userId: row.user_id } });
      // The row gone first: a run of the Schedule in between finds nothing and deletes the Schedule itself.
      await schedules.remove(id);
    },
  };
}
