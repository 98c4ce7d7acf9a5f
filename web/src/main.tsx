// Web app entry: the session, the shell (skip link, header, navigation, live region) and the login
// page. Each space (recruiter, référent, candidate) is its own chunk, loaded after sign-in, and so is
// the public showcase (`/`, `/offres`, `/offres/:id` signed out), so the login page's JavaScript stays
// small (scripts/measure-web.ts).
import type { ComponentType } from 'preact';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, whenSessionLost, type Me, type Role } from './api.js';
import { clearDrafts } from './drafts.js';
import { match, navigate, requestFocus, useLocation, type Location } from './router.js';
import { NotFound } from './not-found.js';
import { FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH, RETURN_PARAM, SIGN_UP_PATH, TERMS_PATH, isPublicPath, loginPathFor, pageOfLink, safeReturnPath, signInPathFrom } from './links.js';
import { announce, asApiError, Dialog, DialogButtons, ErrorNote, LiveRegion, Loading, Page, submitProps } from './ui.js';
import { useUnread, useUnreadPolling } from './unread.js';
import './style.css';

export interface SpaceProps {
  me: Me;
  location: Location;
  onMeChange: (me: Me) => void;
}

type SpaceModule = { default: ComponentType<SpaceProps> };

const SPACES: Record<Role, { home: string; name: string; load: () => Promise<SpaceModule>; nav: Array<[string, string]> }> = {
  RECRUITER: {
    home: '/recruteur',
    name: 'Espace recruteur',
    load: () => import('./recruiter/index.js'),
    nav: [
      ['/recruteur', 'Tableau de bord'],
      ['/recruteur/candidatures', 'Candidatures reçues'],
      ['/recruteur/rendez-vous', 'Mes entretiens'],
      ['/messages', 'Mes messages'],
      ['/recruteur/offres', 'Mes offres'],
      ['/recruteur/toutes-les-offres', 'Toutes les offres'],
      ['/recruteur/cvtheque', 'CVthèque'],
      ['/recruteur/cvtheque/listes', 'Listes et alertes'],
      ['/recruteur/matching', 'Recherche matching'],
      ['/recruteur/parrainages', 'Parrainages'],
      ['/recruteur/collegues', 'Collègues'],
      ['/recruteur/entreprise', 'Mon entreprise'],
      ['/annuaire', 'Annuaire'],
    ],
  },
  REFERENT: {
    home: '/referent',
    name: 'Espace référent',
    load: () => import('./referent/index.js'),
    nav: [
      ['/referent', 'À valider'],
      ['/referent/candidatures', 'Candidatures suivies'],
      ['/referent/candidats', 'Mes candidats'],
      ['/referent/contacts', 'Demandes de contact'],
      ['/referent/offres', 'Offres'],
      ['/referent/rendez-vous', 'Entretiens'],
      ['/messages', 'Mes messages'],
      ['/annuaire', 'Annuaire'],
    ],
  },
  MISSION_OFFICER: {
    home: '/referent',
    name: 'Espace chargé de mission',
    load: () => import('./referent/index.js'),
    nav: [
      ['/referent', 'À valider'],
      ['/referent/candidatures', 'Candidatures suivies'],
      ['/referent/candidats', 'Candidats suivis'],
      ['/referent/offres', 'Offres'],
      ['/referent/referents', 'Mes référents'],
      ['/referent/rendez-vous', 'Entretiens'],
      ['/referent/statistiques', 'Statistiques'],
      ['/messages', 'Mes messages'],
      ['/annuaire', 'Annuaire'],
    ],
  },
  CANDIDATE: {
    home: '/candidat',
    name: 'Espace candidat',
    load: () => import('./candidate/index.js'),
    nav: [
      ['/candidat', 'Mes candidatures'],
      ['/candidat/profil', 'Mon profil'],
      ['/candidat/offres', 'Offres d’emploi'],
      ['/candidat/rendez-vous', 'Mes entretiens'],
      ['/messages', 'Mes messages'],
      ['/candidat/parrainages', 'Parrainages'],
      ['/candidat/invitations', 'Mes invitations'],
      ['/candidat/contacts', 'Demandes de contact'],
      ['/candidat/documents', 'Mes documents'],
      ['/candidat/amenagements', 'Mes besoins pour les entretiens'],
    ],
  },
  ADMIN: {
    home: '/administration',
    name: 'Administration',
    load: () => import('./admin/index.js'),
    nav: [
      ['/administration', 'Administration'],
      ['/administration/statistiques', 'Statistiques'],
      ['/administration/cvtheque', 'CVthèque'],
      ['/administration/matching', 'Recherche matching'],
      ['/messages', 'Mes messages'],
      ['/annuaire', 'Annuaire'],
    ],
  },
};

const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'administrateur',
  MISSION_OFFICER: 'chargé de mission',
  REFERENT: 'référent',
  RECRUITER: 'recruteur',
  CANDIDATE: 'candidat',
};

function App() {
  const location = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [sessionError, setSessionError] = useState<ApiError | null>(null);
  // An expired session does not take the page away: a sign-in dialog opens over it, and the refused
  // request is sent again once the same person is back (api.ts). `signedBackIn` answers that request.
  const [signedBackIn, setSignedBackIn] = useState<((same: boolean) => void) | null>(null);
  const meRef = useRef(me);
  meRef.current = me;
  useUnreadPolling(me && !me.mustChangePassword ? me.id : null, me?.unreadNotifications ?? 0);

  useEffect(() => {
    api.me().then(setMe, (error) => {
      if (asApiError(error).status !== 401) setSessionError(asApiError(error));
      setMe(null);
    });
    whenSessionLost(() => (meRef.current ? new Promise<boolean>((resolve) => setSignedBackIn(() => resolve)) : Promise.resolve(false)));
  }, []);

  function backFromExpiry(next: Me | null) {
    const previous = meRef.current;
    signedBackIn?.(!!next && next.id === previous?.id);
    setSignedBackIn(null);
    if (!next) return;
    if (next.id === previous?.id) {
      setMe(next);
      announce('Connexion rétablie : vous pouvez reprendre où vous en étiez.');
    } else {
      // Someone else signed in: the page and the drafts of the previous person are not theirs.
      clearDrafts();
      setMe(next);
      navigate(SPACES[next.role].home);
    }
  }

  // Signed in on the login page or the bare root: back to the page asked for before sign-in (a safe
  // path of this app only), else the space's home. A mail's link (/candidatures/:id…): to the page of
  // that entity in the reader's space. Signed out anywhere else: to the login page, which comes back.
  const space = me ? SPACES[me.role] : undefined;
  const entry = location.path === '/' || location.path === '/connexion' || location.path === SIGN_UP_PATH;
  // Pages anyone opens, signed in or not: the self-service pages and the published company pages.
  const selfService = OPEN_PAGES.has(location.path);
  const companyPages = isCompanyPage(location.path);
  const open = selfService || companyPages;
  useEffect(() => {
    if (me === undefined || open) return;
    if (me === null) {
      if (!entry && !isPublicPath(location.path)) navigate(loginPathFor(window.location.pathname + window.location.search), { replace: true });
      return;
    }
    if (entry) navigate(safeReturnPath(location.query.get(RETURN_PARAM)) ?? SPACES[me.role].home, { replace: true });
    else {
      const page = pageOfLink(me.role, location.path);
      if (page) navigate(page + window.location.search + window.location.hash, { replace: true });
    }
  }, [me, location.path]);

  async function logout() {
    try {
      await api.logout();
    } finally {
      clearDrafts();
      setMe(null);
      navigate('/connexion');
      announce('Déconnexion effectuée.', true);
    }
  }

  return (
    <>
      <a class="skip-link" href="#contenu" onClick={(e) => { e.preventDefault(); document.getElementById('contenu')?.focus(); }}>
        Aller au contenu
      </a>
      <header class="site-header">
        <div class="bar">
          <a class="brand" href={space?.home ?? '/'}>
            Tremplin<span class="visually-hidden"> — accueil</span>
          </a>
          {me === null && open && (
            <a class="button secondary" href="/connexion">
              Se connecter
            </a>
          )}
          {me && space && (
            <div class="who">
              <span>
                {me.firstName} {me.lastName} <span class="role">({ROLE_LABEL[me.role]}{me.company ? `, ${me.company.name}` : ''})</span>
              </span>
              {!me.mustChangePassword && (
                <>
                  <NotificationsLink current={location.path === '/notifications'} />
                  <a href="/compte" aria-current={location.path === '/compte' ? 'page' : undefined}>
                    Mon compte
                  </a>
                  <a href="/mot-de-passe" aria-current={location.path === '/mot-de-passe' ? 'page' : undefined}>
                    Changer mon mot de passe
                  </a>
                </>
              )}
              <button type="button" class="secondary small" onClick={logout}>
                Se déconnecter
              </button>
            </div>
          )}
        </div>
        {me === null && (
          <nav aria-label="Tremplin">
            <ul>
              <li>
                <a href="/offres" aria-current={location.path.startsWith('/offres') ? 'page' : undefined}>
                  Offres d’emploi
                </a>
              </li>
              <li>
                <a href="/inscription" aria-current={location.path === '/inscription' ? 'page' : undefined}>
                  Inscrire mon entreprise
                </a>
              </li>
              <li>
                <a href={signInPathFrom(location.path)} aria-current={location.path === '/connexion' ? 'page' : undefined}>
                  Se connecter
                </a>
              </li>
            </ul>
          </nav>
        )}
        {me && space && !me.mustChangePassword && (
          <nav aria-label={space.name}>
            <ul>
              {space.nav.map(([href, label]) => (
                <li key={href}>
                  <a href={href} aria-current={currentNav(space.nav, location.path) === href ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="contenu" tabIndex={-1}>
        <LiveRegion path={location.path} />
        {me === undefined && <Loading label="Chargement de votre espace…" />}
        {me !== undefined && selfService && <SelfService key={location.path} path={location.path} />}
        {me !== undefined && companyPages && <PublicPages location={location} me={me} />}
        {me === null &&
          !open &&
          (location.path === SIGN_UP_PATH ? (
            <SelfService path={SIGN_UP_PATH} />
          ) : location.path === '/connexion' ? (
            <Login onSignedIn={setMe} error={sessionError} />
          ) : isPublicPath(location.path) ? (
            <Public location={location} />
          ) : (
            <Loading label="Chargement…" />
          ))}
        {me && space && !open && (entry || pageOfLink(me.role, location.path) ? <Loading label="Ouverture de la page…" /> : <SignedIn key={location.path} me={me} space={space} location={location} onMeChange={setMe} />)}
        {me && signedBackIn && <SessionExpiredDialog email={me.email} onDone={backFromExpiry} />}
      </main>
      <footer class="site-footer">
        <p>Tremplin — la plateforme de recrutement inclusif des candidats, de leurs référents et des entreprises engagées.</p>
      </footer>
    </>
  );
}

/** « Notifications, 3 non lues »: the count in words, visible in its badge (not a colour alone). */
function NotificationsLink({ current }: { current: boolean }) {
  const unread = useUnread();
  const count = !unread ? null : unread === 1 ? '1 non lue' : `${unread} non lues`;
  // The name says it whole (the comma a screen reader pauses on); the visible words are in it, in order.
  return (
    <a href="/notifications" class="notifications-link" aria-current={current ? 'page' : undefined} aria-label={count ? `Notifications, ${count}` : undefined}>
      Notifications{count && <> <span class="badge">{count}</span></>}
    </a>
  );
}

/** The nav entry of this path: the longest one it starts with. */
function currentNav(nav: Array<[string, string]>, path: string): string | undefined {
  return nav
    .map(([href]) => href)
    .filter((href) => path === href || path.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/** « Annuaire » (web/src/directory.tsx): professionals only, as the API (a candidate gets the not-found page). */
const inDirectoryPages = (role: Role, path: string) => role !== 'CANDIDATE' && (path === '/annuaire' || path.startsWith('/annuaire/'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loaded = new Map<string, ComponentType<any>>();

function useChunk<P = SpaceProps>(key: string, load: () => Promise<{ default: ComponentType<P> }>) {
  const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded.get(key));
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (component) return;
    load().then(
      (module) => {
        loaded.set(key, module.default);
        setComponent(() => module.default);
      },
      () => setError(new ApiError(0, 'CHUNK', 'Cette page n’a pas pu se charger : vérifiez votre connexion puis rechargez la page.')),
    );
  }, [key]);
  return { component, error };
}

function SignedIn({ me, space, location, onMeChange }: SpaceProps & { space: (typeof SPACES)[Role] }) {
  // A temporary password (an invited colleague, a candidate account made by a référent) is changed first.
  const special = me.mustChangePassword
    ? { key: 'account', load: () => import('./account.js') }
    : match('/visio/:applicationId/:interviewId', location.path)
      ? { key: 'visio', load: () => import('./visio.js') }
      : location.path === '/mot-de-passe'
        ? { key: 'account', load: () => import('./account.js') }
        : location.path === '/messages'
          ? { key: 'messages', load: () => import('./messages.js') }
          : location.path === '/compte'
          ? { key: 'my-account', load: () => import('./my-account.js') }
          : location.path === '/notifications'
          ? { key: 'notifications', load: () => import('./notifications.js') }
          : location.path === '/compte/notifications'
          ? { key: 'notification-preferences', load: () => import('./notifications.js').then((m) => ({ default: m.PreferencesPage })) }
          : inDirectoryPages(me.role, location.path)
            ? { key: 'directory', load: () => import('./directory.js') }
            : location.path === '/offres'
              ? { key: 'public', load: loadPublic }
              : null;
  const chunk = useChunk(special?.key ?? me.role, special?.load ?? space.load);
  if (chunk.error) return <ErrorNote error={chunk.error} />;
  if (!chunk.component) return <Loading label="Chargement…" />;
  const Component = chunk.component;
  if (!special && location.path !== space.home && !location.path.startsWith(`${space.home}/`)) {
    return <NotFound home={space.home} />;
  }
  return <Component me={me} location={location} onMeChange={onMeChange} />;
}

/** Sign in again without leaving the page (the session expired while the person was on it). */
function SessionExpiredDialog({ email, onDone }: { email: string; onDone: (me: Me | null) => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      onDone(await api.login(String(form.get('email') ?? ''), String(form.get('password') ?? '')));
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  }
  return (
    <Dialog title="Votre session a expiré" onClose={() => onDone(null)}>
      <form onSubmit={submit} aria-describedby="session-help session-error" noValidate>
        <p id="session-help">Votre session a expiré. Reconnectez-vous pour continuer : la page reste ouverte et ce que vous avez saisi est conservé.</p>
        <div class="field">
          <label for="session-email">Adresse e-mail</label>
          <input id="session-email" name="email" type="email" autoComplete="username" defaultValue={email} required aria-required="true" />
        </div>
        <div class="field">
          <label for="session-password">Mot de passe</label>
          <input id="session-password" name="password" type="password" autoComplete="current-password" required aria-required="true" autofocus />
        </div>
        <ErrorNote error={error} id="session-error" />
        <DialogButtons onCancel={() => onDone(null)} cancelLabel="Plus tard">
          <button type="submit" disabled={busy}>
            {busy ? 'Connexion…' : 'Se reconnecter'}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

const loadPublic = () => import('./public/index.js');

/** Pages anyone reads, signed in or not: the published company pages (a chunk of their own). */
const isCompanyPage = (path: string) => path === '/entreprises' || path.startsWith('/entreprises/');
type CompanyPagesModule = { default: ComponentType<{ location: Location; me: Me | null }> };
let publicPages: CompanyPagesModule['default'] | undefined;

function PublicPages({ location, me }: { location: Location; me: Me | null }) {
  const [page, setPage] = useState<CompanyPagesModule['default'] | undefined>(() => publicPages);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (page) return;
    (import('./public/companies.js') as Promise<CompanyPagesModule>).then(
      (module) => setPage(() => (publicPages = module.default)),
      () => setError(new ApiError(0, 'CHUNK', 'Cette page n’a pas pu se charger : vérifiez votre connexion puis rechargez la page.')),
    );
  }, []);
  if (error) return <ErrorNote error={error} />;
  if (!page) return <Loading label="Chargement…" />;
  const Public = page;
  return <Public key={location.path} location={location} me={me} />;
}


/** The public showcase (web/src/public), a chunk of its own. */
function Public({ location }: { location: Location }) {
  const chunk = useChunk<{ location: Location }>('public', loadPublic);
  if (chunk.error) return <ErrorNote error={chunk.error} />;
  if (!chunk.component) return <Loading label="Chargement…" />;
  const Component = chunk.component;
  return <Component location={location} />;
}

// Self-service pages (issue #15), each a chunk of its own: the login page does not carry them. The
// sign-up is for people signed out; the others open for anyone (a reset link opened while signed in).
type PublicModule = { default: ComponentType };
const SELF_SERVICE: Record<string, () => Promise<PublicModule>> = {
  [SIGN_UP_PATH]: () => import('./signup.js'),
  [FORGOT_PASSWORD_PATH]: () => import('./password-reset.js').then((m) => ({ default: m.ForgotPassword })),
  [RESET_PASSWORD_PATH]: () => import('./password-reset.js').then((m) => ({ default: m.ResetPassword })),
  [TERMS_PATH]: () => import('./terms.js'),
};
const OPEN_PAGES = new Set([FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH, TERMS_PATH]);
const selfServicePages = new Map<string, ComponentType>();

function SelfService({ path }: { path: string }) {
  const [page, setPage] = useState<ComponentType | undefined>(() => selfServicePages.get(path));
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (page) return;
    SELF_SERVICE[path]!().then(
      (module) => {
        selfServicePages.set(path, module.default);
        setPage(() => module.default);
      },
      () => setError(new ApiError(0, 'CHUNK', 'Cette page n’a pas pu se charger : vérifiez votre connexion puis rechargez la page.')),
    );
  }, [path]);
  if (error) return <ErrorNote error={error} />;
  if (!page) return <Loading label="Chargement…" />;
  const Page = page;
  return <Page />;
}

function Login({ onSignedIn, error: initialError }: { onSignedIn: (me: Me) => void; error: ApiError | null }) {
  const [error, setError] = useState<ApiError | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const me = await api.login(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      announce(`Bienvenue ${me.firstName} ${me.lastName}.`, true);
      requestFocus();
      onSignedIn(me);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  }

  return (
    <Page title="Connexion" lead="La plateforme de recrutement inclusif : candidats, référents et entreprises, sans qu’aucune candidature ne se perde.">
      <form class="card narrow" onSubmit={submit} aria-describedby="login-error" noValidate>
        <div class="field">
          <label for="email">Adresse e-mail</label>
          <input id="email" name="email" type="email" autoComplete="username" required aria-required="true" />
        </div>
        <div class="field">
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required aria-required="true" />
        </div>
        <ErrorNote error={error} id="login-error" />
        <button {...submitProps(busy)}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
        <p>
          <a href={FORGOT_PASSWORD_PATH}>Mot de passe oublié ?</a>
        </p>
      </form>
      <p>
        Vous recrutez ? <a href={SIGN_UP_PATH}>Inscrire mon entreprise</a> (ou rejoindre vos collègues si elle est déjà sur Tremplin)
      </p>
      <section class="intro" aria-labelledby="spaces-title">
        <h2 id="spaces-title">Un espace pour chacun</h2>
        <ul>
          <li>
            <strong>Recruteurs</strong> : vos offres, les candidatures reçues, vos entretiens et vos collègues.
          </li>
          <li>
            <strong>Référents</strong> : les candidatures à valider et le suivi de vos candidats.
          </li>
          <li>
            <strong>Candidats</strong> : les offres, vos candidatures, vos entretiens en visio.
          </li>
        </ul>
      </section>
    </Page>
  );
}

render(<App />, document.getElementById('app')!);
