// Web app entry. The full recruiter / référent / candidate spaces come with their own issue; this page
// signs a person in and shows who they are, against the real API.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './style.css';

interface Me {
  email: string;
  role: string;
  firstName: string;
  lastName: string;
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/api${path}`, { credentials: 'same-origin', headers: { 'content-type': 'application/json' }, ...init });
  if (response.status === 204) return undefined as T;
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? 'Erreur inattendue');
  return body as T;
}

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Me>('/me').then(setMe, () => setMe(null));
  }, []);

  async function login(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError(null);
    try {
      setMe(await api<Me>('/auth/login', { method: 'POST', body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <main>
      <h1>Tremplin</h1>
      <p>La plateforme de recrutement inclusif : candidats, référents et entreprises, sans qu’aucune candidature ne se perde.</p>
      {me === undefined && <p aria-busy="true">Chargement…</p>}
      {me && (
        <section aria-labelledby="welcome">
          <h2 id="welcome">Bonjour {me.firstName} {me.lastName}</h2>
          <p>Connecté en tant que {me.email} ({me.role}).</p>
          <button type="button" onClick={() => api('/auth/logout', { method: 'POST' }).then(() => setMe(null))}>Se déconnecter</button>
        </section>
      )}
      {me === null && (
        <form onSubmit={login} aria-labelledby="login-title">
          <h2 id="login-title">Connexion</h2>
          <label for="email">Adresse e-mail</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <button type="submit">Se connecter</button>
          <p role="alert" class="error">{error}</p>
        </form>
      )}
    </main>
  );
}

render(<App />, document.getElementById('app')!);
