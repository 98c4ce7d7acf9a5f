// The platform's API from the browser: same origin, session cookie, JSON bodies only (the CSRF rule of
// PRODUCT.md), and the error envelope turned into an ApiError whose message is shown to the person.
// Response types come from the API's own zod schemas (type-only imports: nothing reaches the bundle).
import { unansweredWrites } from './unanswered-writes.js';
import type { z } from 'zod';
import type { applicationList, applicationView, favouriteView } from '../../api/applications/schemas.js';
import type { colleagueList, colleagueView } from '../../api/companies/schemas.js';
import type { companyDirectory, referentDirectory } from '../../api/directory/schemas.js';
import type { companyPageView, publicCompanyList, publicCompanyView } from '../../api/company-page/schemas.js';
import type { documentList, documentView } from '../../api/documents/schemas.js';
import type { feedList } from '../../api/feed/schemas.js';
import type { addItemAnswer, cvthequeListSummary, cvthequeLists, cvthequeListView, savedSearchList, savedSearchView } from '../../api/cvtheque-lists/schemas.js';
import type { interviewList } from '../../api/interviews/schemas.js';
import type { notificationList, preferencesView } from '../../api/notifications/schemas.js';
import type { messageView, threadList, threadView } from '../../api/messages/schemas.js';
import type { metierList } from '../../api/metiers/schemas.js';
import type { offerList, offerView, offerWarning } from '../../api/offers/schemas.js';
import type { publicOfferList, publicOfferView } from '../../api/public/schemas.js';
import type { createdCandidate, referentCandidateList, referentCandidateView } from '../../api/referent-candidates/schemas.js';
import type { sponsorshipList, sponsorshipView } from '../../api/sponsorships/schemas.js';
import type { verifiedCompanyList } from '../../api/verified-companies/schemas.js';
import type { ApplicationAction, ApplicationStatus, InterviewMode } from '../../workflows/application-rules.js';
import type { RefusalReasonCode } from '../../workflows/refusal-reasons.js';
import type { ShortlistStage } from '../../workflows/shortlist.js';
import type { MatchCriteria } from '../../workflows/matching-criteria.js';

export type Application = z.output<typeof applicationView>;
export type ApplicationList = z.output<typeof applicationList>;
export type ApplicationListItem = ApplicationList['items'][number];
export type Favourite = z.output<typeof favouriteView>;
export type { ShortlistStage };
export type Interview = Application['interviews'][number];
export type HistoryItem = Application['history'][number];
export type Offer = z.output<typeof offerView>;
/** « Fil d’activité »: the latest events of what one follows (GET /api/feed). */
export type FeedList = z.output<typeof feedList>;
/** CVthèque lists (« dossiers de CV ») and saved searches (GET /api/cvtheque/lists, /api/cvtheque/saved-searches). */
export type CvthequeLists = z.output<typeof cvthequeLists>;
export type CvthequeListSummary = z.output<typeof cvthequeListSummary>;
export type CvthequeList = z.output<typeof cvthequeListView>;
export type CvthequeListItem = CvthequeList['items'][number];
export type SavedSearches = z.output<typeof savedSearchList>;
export type SavedSearch = z.output<typeof savedSearchView>;
/** What a page saves (POST /api/cvtheque/saved-searches by kind); the dialog adds the name and the alert. */
export type SearchToSave =
  | { kind?: 'cvtheque'; criteria: Record<string, string> }
  | { kind: 'matching'; criteria: MatchCriteria; minScore: number }
  | { kind: 'offer-matching'; offerId: string; minScore: number };
export type FeedItem = FeedList['items'][number];
/** Fiches of the ROME list (GET /api/metiers): a picker's search, or chosen codes read back. */
export type MetierList = z.output<typeof metierList>;
export type MetierItem = MetierList['items'][number];
export type OfferList = z.output<typeof offerList>;
export type OfferListItem = OfferList['items'][number];
export type OfferWarning = z.output<typeof offerWarning>;
/** An offer as the public showcase shows it (no sign-in). */
export type PublicOffer = z.output<typeof publicOfferView>;
export type PublicOfferList = z.output<typeof publicOfferList>;
export type Sponsorship = z.output<typeof sponsorshipView>;
export type SponsorshipList = z.output<typeof sponsorshipList>;
export type Colleague = z.output<typeof colleagueView>;
/** « Mon entreprise »: the page and the company's settings (GET /api/company/page). */
export type CompanyPage = z.output<typeof companyPageView>;
export type PublicCompany = z.output<typeof publicCompanyView>;
export type PublicCompanyList = z.output<typeof publicCompanyList>;
export interface CompanyPageInput {
  description: string | null;
  website: string | null;
  socialLinks: Record<string, string | null>;
  advantages: string[];
  spontaneousApplications: boolean;
  published: boolean;
  version?: number;
}
export interface CompanySettingsInput {
  name?: string;
  sector?: string | null;
  size?: string | null;
  address?: string | null;
  postalCode?: string | null;
  city?: string | null;
}
export type ColleagueList = z.output<typeof colleagueList>;
/** A candidate's document (CV, cover letter…). */
export type CandidateDocument = z.output<typeof documentView>;
export type DocumentList = z.output<typeof documentList>;
/** A candidate followed by the référent (or their référents, for a mission officer). */
export type FollowedCandidateList = z.output<typeof referentCandidateList>;
export type FollowedCandidate = FollowedCandidateList['items'][number];
export type FollowedCandidateDetail = z.output<typeof referentCandidateView>;
export type CreatedCandidate = z.output<typeof createdCandidate>;
/** A company one may apply to spontaneously or ask a sponsor of (GET /api/verified-companies). */
export type VerifiedCompanyList = z.output<typeof verifiedCompanyList>;
export type VerifiedCompany = VerifiedCompanyList['items'][number];
/** One interview of "Mes entretiens" (GET /api/interviews). */
export type InterviewList = z.output<typeof interviewList>;
export type InterviewListItem = InterviewList['items'][number];
/** The directories (GET /api/directory/referents, /companies). */
export type ReferentDirectory = z.output<typeof referentDirectory>;
/** The notification centre (GET /api/notifications) and one's preferences (GET|PUT /api/me/preferences). */
export type NotificationList = z.output<typeof notificationList>;
export type AppNotification = NotificationList['items'][number];
export type NotificationPreferences = z.output<typeof preferencesView>;
/** An application's thread (GET /api/applications/:id/messages) and « Mes messages » (GET /api/messages). */
export type ApplicationThread = z.output<typeof threadView>;
export type ThreadMessage = z.output<typeof messageView>;
export type ThreadList = z.output<typeof threadList>;
export type ThreadListItem = ThreadList['items'][number];
export type CompanyDirectory = z.output<typeof companyDirectory>;

export type { Role } from '../../workflows/actors.js';
import type { Role } from '../../workflows/actors.js';

/** GET /api/me */
export interface Me {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  mustChangePassword: boolean;
  company: { id: string; name: string; status: string } | null;
  // « Mon compte » (PATCH /api/me).
  phone: string | null;
  videoInterviews: boolean;
  function: string | null;
  establishment: string | null;
  department: string | null;
  directoryConsent: boolean;
  directoryConsentAt: string | null;
  /** The header's « Notifications » badge. */
  unreadNotifications: number;
}

/** What « Mon compte » sends: the fields changed (an empty text clears one). */
export interface MeChanges {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  jobTitle?: string | null;
  videoInterviews?: boolean;
  function?: string | null;
  establishment?: string | null;
  department?: string | null;
  directoryConsent?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A refused request: the API's code and its message, written for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { status?: string; allowedActions?: string[]; [key: string]: unknown },
  ) {
    super(message);
  }
}

let onSessionLost: (() => Promise<boolean>) | undefined;
let signingBackIn: Promise<boolean> | undefined;
/**
 * Called when a request answers 401 after sign-in (expired or closed session). The handler asks the
 * person to sign back in where they are and resolves true once the same person is signed in again: the
 * request is then sent once more, so a form sent on an expired session still goes through, its text intact.
 */
export const whenSessionLost = (handler: () => Promise<boolean>) => {
  onSessionLost = handler;
};

/** The requests refused at the same moment wait for one sign-in. */
function signBackIn(): Promise<boolean> {
  if (!onSessionLost) return Promise.resolve(false);
  return (signingBackIn ??= onSessionLost().finally(() => (signingBackIn = undefined)));
}

/** Writes not answered for good keep their Idempotency-Key (web/src/unanswered-writes.ts). */
const writes = unansweredWrites(() => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, retried = false): Promise<T> {
  let response: Response;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const write = method === 'GET' ? null : `${method} ${path} ${payload ?? ''}`;
  const key = write ? writes.keyFor(write) : null;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { 'Idempotency-Key': key } : {}) },
      body: payload,
    });
  } catch {
    // No answer: the write keeps its key, for « réessayer ».
    throw new ApiError(0, 'NETWORK', 'Le serveur ne répond pas : vérifiez votre connexion puis réessayez.');
  }
  if (write) writes.answered(write, response.status, response.headers.has('retry-after'));
  if (response.status === 204) return undefined as T;
  let data: any = null;
  try {
    data = await response.json();
  } catch {
    // not JSON: the message below says what happened
  }
  if (!response.ok) {
    const error = data?.error;
    // A 401 refused nothing yet (no session, nothing done): once signed back in, the same request is sent again.
    if (response.status === 401 && !retried && !path.startsWith('/auth/') && path !== '/me' && (await signBackIn())) return request<T>(method, path, body, true);
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
      response.status === 401 && path !== '/auth/login'
        ? SESSION_EXPIRED
        : typeof error?.message === 'string'
          ? error.message
          : `Le serveur a répondu ${response.status} : réessayez dans un instant.`,
      error?.details,
    );
  }
  return data as T;
}

export const SESSION_EXPIRED = 'Votre session a expiré : reconnectez-vous pour continuer. Ce que vous avez saisi est conservé.';

const get = <T>(path: string) => request<T>('GET', path);
const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

/** `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface TransitionBody {
  action: ApplicationAction;
  message?: string | null;
  /** refuse, not_hire (workflows/refusal-reasons.ts). */
  reason?: RefusalReasonCode;
  startsAt?: string;
  durationMinutes?: number;
  mode?: InterviewMode;
  location?: string | null;
  /** The interview's `version` as shown: the API refuses (409) if it moved meanwhile. */
  interviewVersion?: number;
  /** lift_anonymity (seed 002): the commitment to contact the person, and whether now. */
  commitment?: boolean;
  contactNow?: boolean;
}

export interface OfferInput {
  title?: string;
  contractType?: string;
  contractDurationMonths?: number | null;
  experience?: string | null;
  education?: string | null;
  postalCode?: string;
  city?: string;
  departments?: string[] | null;
  jobFamily?: string | null;
  job?: string | null;
  description?: string;
  salaryMin?: number | null;
  salaryMax?: number | null;
  remote?: string | null;
  startDate?: string | null;
  screeningQuestion?: string | null;
  chosenEndDate?: string | null;
  /** « Profil recherché »: the whole of it, replacing the previous one (api/offers/ideal-candidate.ts). */
  idealCandidate?: Record<string, unknown> | null;
  anonymous?: boolean;
}

export const api = {
  me: () => get<Me>('/me'),
  login: (email: string, password: string) => post<Me>('/auth/login', { email, password }),
  logout: () => post<void>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => post<Me>('/auth/change-password', { currentPassword, newPassword }),
  updateMe: (changes: MeChanges) => request<Me>('PATCH', '/me', changes),
  referentDirectory: (params: { q?: string; department?: string; page?: number; pageSize?: number } = {}) => get<ReferentDirectory>(`/directory/referents${query(params)}`),
  companyDirectory: (params: { q?: string; page?: number; pageSize?: number } = {}) => get<CompanyDirectory>(`/directory/companies${query(params)}`),

  applications: (
    params: { status?: string; offerId?: string; candidateId?: string; stage?: ShortlistStage; sort?: 'oldest' | 'newest' | 'applied'; page?: number; pageSize?: number } = {},
  ) => get<ApplicationList>(`/applications${query(params)}`),
  /** The company's star (seed 002's short list): true to star, false to unstar; idempotent. */
  favourite: (id: string, on: boolean) => request<Favourite>(on ? 'PUT' : 'DELETE', `/applications/${id}/favourite`),
  application: (id: string) => get<Application>(`/applications/${id}`),
  apply: (body: { offerId?: string; companyId?: string; candidateId?: string; message?: string; screeningAnswer?: string; cvDocumentId?: string }) =>
    post<Application>('/applications', body),
  transition: (id: string, body: TransitionBody) => post<Application>(`/applications/${id}/transitions`, body),
  /** `version`: the recruiterNoteVersion read with the application (409 CONFLICT when someone saved since). */
  saveNote: (id: string, note: string, version: number) => request<Application>('PUT', `/applications/${id}/note`, { note, version }),

  offers: (params: { q?: string; department?: string; contractType?: string; remote?: string; page?: number; pageSize?: number } = {}) =>
    get<OfferList>(`/offers${query(params)}`),
  companyOffers: (params: { status?: string; q?: string; page?: number; pageSize?: number } = {}) => get<OfferList>(`/company/offers${query(params)}`),
  offer: (id: string) => get<Offer>(`/offers/${id}`),
  publicOffers: (params: { q?: string; department?: string; contractType?: string; remote?: string; page?: number; pageSize?: number } = {}) =>
    get<PublicOfferList>(`/public/offers${query(params)}`),
  publicOffer: (id: string) => get<PublicOffer>(`/public/offers/${id}`),
  createOffer: (body: OfferInput) => post<Offer>('/offers', body),
  updateOffer: (id: string, body: OfferInput) => request<Offer>('PATCH', `/offers/${id}`, body),
  duplicateOffer: (id: string) => post<Offer>(`/offers/${id}/duplicate`),
  offerTransition: (id: string, body: { action: 'submit' | 'archive'; reason?: string | null } | ({ action: 'edit' } & Omit<OfferInput, 'chosenEndDate'>)) =>
    post<Offer>(`/offers/${id}/transitions`, body),

  sponsorships: (params: { status?: string; candidateId?: string; page?: number; pageSize?: number } = {}) => get<SponsorshipList>(`/sponsorships${query(params)}`),
  sponsorship: (id: string) => get<Sponsorship>(`/sponsorships/${id}`),
  requestSponsorship: (body: { companyId: string; message: string; candidateId?: string }) => post<Sponsorship>('/sponsorships', body),
  sponsorshipTransition: (id: string, body: { action: 'accept'; sponsorUserId: string } | { action: 'refuse'; comment: string }) =>
    post<Sponsorship>(`/sponsorships/${id}/transitions`, body),

  verifiedCompanies: (params: { q?: string; spontaneous?: 'true'; page?: number; pageSize?: number } = {}) => get<VerifiedCompanyList>(`/verified-companies${query(params)}`),

  colleagues: () => get<ColleagueList>('/company/colleagues'),
  inviteColleague: (body: { firstName: string; lastName: string; email: string; jobTitle?: string | null; phone?: string | null }) =>
    post<Colleague>('/company/colleagues', body),

  companyPage: () => get<CompanyPage>('/company/page'),
  saveCompanyPage: (body: CompanyPageInput) => request<CompanyPage>('PUT', '/company/page', body),
  saveCompanySettings: (body: CompanySettingsInput) => request<CompanyPage>('PATCH', '/company', body),
  /** The image in base64, like documents: every state-changing request is JSON (the CSRF rule). */
  uploadCompanyImage: (kind: 'logo' | 'banner', contentBase64: string, filename?: string) => request<CompanyPage>('PUT', `/company/page/${kind}`, { contentBase64, filename }),
  deleteCompanyImage: (kind: 'logo' | 'banner') => request<CompanyPage>('DELETE', `/company/page/${kind}`),
  publicCompanies: (params: { q?: string; page?: number; pageSize?: number } = {}) => get<PublicCompanyList>(`/public/companies${query(params)}`),
  publicCompany: (id: string) => get<PublicCompany>(`/public/companies/${id}`),

  myDocuments: () => get<DocumentList>('/me/documents?pageSize=100'),
  /** The file's bytes go in base64: every state-changing request is JSON (the CSRF rule). */
  uploadDocument: (body: { kind: CandidateDocument['kind']; filename: string; mimeType: string; contentBase64: string }) =>
    post<CandidateDocument>('/me/documents', body),
  deleteDocument: (id: string) => request<void>('DELETE', `/me/documents/${id}`),
  applicationDocuments: (id: string) => get<DocumentList>(`/applications/${id}/documents`),

  followedCandidates: (params: { q?: string; page?: number; pageSize?: number } = {}) => get<FollowedCandidateList>(`/referent/candidates${query(params)}`),
  followedCandidate: (id: string) => get<FollowedCandidateDetail>(`/referent/candidates/${id}`),
  createCandidate: (body: { firstName: string; lastName: string; email: string; phone?: string | null; postalCode?: string | null; city?: string | null; rqth: boolean }) =>
    post<CreatedCandidate>('/referent/candidates', body),

  notifications: (params: { unread?: 'true' | 'false'; page?: number; pageSize?: number } = {}) => get<NotificationList>(`/notifications${query(params)}`),
  markNotificationsRead: (target: { ids: string[] } | { all: true }) => post<{ unread: number }>('/notifications/read', target),
  notificationPreferences: () => get<NotificationPreferences>('/me/preferences'),
  saveNotificationPreferences: (body: NotificationPreferences) => request<NotificationPreferences>('PUT', '/me/preferences', body),
  /** `after`: only the messages after that one (a page following the thread). Opening it marks it read. */
  thread: (applicationId: string, after?: string) => get<ApplicationThread>(`/applications/${applicationId}/messages${query({ after })}`),
  postMessage: (applicationId: string, body: { body: string; documentId?: string }) => post<ThreadMessage>(`/applications/${applicationId}/messages`, body),
  threads: (params: { page?: number; pageSize?: number } = {}) => get<ThreadList>(`/messages${query(params)}`),

  /** At most 62 days between from and to. */
  interviews: (params: { from: string; to: string; pageSize?: number }) => get<InterviewList>(`/interviews${query({ pageSize: 500, ...params })}`),

  feed: (page = 1) => get<FeedList>(`/feed${query({ page })}`),
  metiers: (params: { q?: string; codes?: string; limit?: number }) => get<MetierList>(`/metiers${query(params)}`),

  cvthequeLists: () => get<CvthequeLists>('/cvtheque/lists?pageSize=200'),
  cvthequeList: (id: string, page = 1) => get<CvthequeList>(`/cvtheque/lists/${id}${query({ page })}`),
  createCvthequeList: (name: string) => post<CvthequeList>('/cvtheque/lists', { name }),
  renameCvthequeList: (id: string, name: string) => request<CvthequeListSummary>('PATCH', `/cvtheque/lists/${id}`, { name }),
  deleteCvthequeList: (id: string) => request<void>('DELETE', `/cvtheque/lists/${id}`),
  addToCvthequeList: (id: string, candidateId: string) => post<z.output<typeof addItemAnswer>>(`/cvtheque/lists/${id}/items`, { candidateId }),
  removeFromCvthequeList: (id: string, candidateId: string) => request<void>('DELETE', `/cvtheque/lists/${id}/items/${candidateId}`),
  savedSearches: () => get<SavedSearches>('/cvtheque/saved-searches?pageSize=100'),
  saveSearch: (body: SearchToSave & { name: string; alert: boolean }) => post<SavedSearch>('/cvtheque/saved-searches', body),
  updateSavedSearch: (id: string, body: { name?: string; criteria?: Record<string, string>; alert?: boolean }) => request<SavedSearch>('PATCH', `/cvtheque/saved-searches/${id}`, body),
  deleteSavedSearch: (id: string) => request<void>('DELETE', `/cvtheque/saved-searches/${id}`),
};

/** An offer's exports: plain links (a download, not a fetch), opened by the browser with the session. */
export const offerExportUrl = (offerId: string, file: 'applications.csv' | 'cvs.zip' | 'favourites/anti-cv.pdf') => `/api/offers/${offerId}/${file}`;
/** An application's anti-CV (seed 002): a plain link too, the PDF downloaded with the session. */
export const applicationAntiCvUrl = (applicationId: string) => `/api/applications/${applicationId}/anti-cv.pdf`;

export type { ApplicationAction, ApplicationStatus, InterviewMode };
