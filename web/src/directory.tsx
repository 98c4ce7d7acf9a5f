// « Annuaire » (seed 001), a chunk of its own for référents, mission officers, recruiters and admins:
// /annuaire lists the référents and mission officers who consented (search by name, establishment or
// function; filter by département), /annuaire/entreprises the verified companies with their offers
// online and the recruiters who consented. Results are cards (readable at 320 px); the search is in
// the address, so the back button and a shared link give the same list.
import type { ComponentChildren } from 'preact';
import { ApiError, api } from './api.js';
import { DEPARTMENTS, departmentLabel, findDepartment, unknownDepartment } from '../../workflows/departments.js';
import type { SpaceProps } from './main.js';
import { navigate, withQuery, type Location } from './router.js';
import { Empty, ErrorNote, Loaded, Page, Pager, capitalize, useResource } from './ui.js';

const TABS: Array<[string, string]> = [
  ['/annuaire', 'Référents'],
  ['/annuaire/entreprises', 'Employeurs'],
];

export default function DirectoryPage({ location }: SpaceProps) {
  const companies = location.path === '/annuaire/entreprises';
  return (
    <Page
      title={companies ? 'Annuaire des employeurs' : 'Annuaire des référents'}
      lead="Les personnes qui ont choisi d’y figurer, avec leurs coordonnées professionnelles."
    >
      <nav class="tabs" aria-label="Annuaires">
        {TABS.map(([href, label]) => (
          <a key={href} href={href} aria-current={location.path === href ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {companies ? <Companies location={location} /> : location.path === '/annuaire' ? <Referents location={location} /> : <Empty>Cette page de l’annuaire n’existe pas.</Empty>}
    </Page>
  );
}

const pageOf = (location: Location) => Math.max(1, Number(location.query.get('page')) || 1);
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function Contact({ email, phone }: { email: string; phone: string | null }) {
  return (
    <>
      <p>
        E-mail : <a href={`mailto:${email}`}>{email}</a>
      </p>
      <p>Téléphone : {phone ? <a href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>{phone}</a> : 'non renseigné'}</p>
    </>
  );
}

function SearchForm({ label, children, onSubmit, formKey }: { label: string; children: ComponentChildren; onSubmit: (form: FormData) => void; formKey: string }) {
  return (
    <form
      class="filters"
      role="search"
      aria-label={label}
      key={formKey}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget as HTMLFormElement));
      }}
    >
      {children}
      <button type="submit">Rechercher</button>
    </form>
  );
}

function Referents({ location }: { location: Location }) {
  const q = location.query.get('q') ?? '';
  // The address holds the number of a known département, or what was typed when it names none.
  const departmentText = location.query.get('departement') ?? '';
  const department = departmentText ? findDepartment(departmentText) : null;
  const departmentError = departmentText && !department ? new ApiError(400, 'VALIDATION_FAILED', capitalize(unknownDepartment(departmentText))) : null;
  const page = pageOf(location);
  const people = useResource(
    () => (departmentError ? Promise.resolve(null) : api.referentDirectory({ q: q || undefined, department: department ?? undefined, page, pageSize: 20 })),
    [q, departmentText, page],
  );
  return (
    <>
      <SearchForm
        label="Rechercher un référent"
        formKey={location.query.toString()}
        onSubmit={(form) => {
          const value = (k: string) => String(form.get(k) ?? '').trim();
          const typed = value('departement');
          navigate(withQuery(location, { q: value('q'), departement: (typed && findDepartment(typed)) || typed, page: undefined }));
        }}
      >
        <div class="field grow">
          <label for="directory-q">Nom, établissement ou fonction</label>
          <input id="directory-q" name="q" type="search" defaultValue={q} />
        </div>
        <div class="field department">
          <label for="directory-department">Département</label>
          <input
            id="directory-department"
            name="departement"
            list="directory-departments"
            autoComplete="off"
            placeholder="numéro ou nom"
            defaultValue={department ? departmentLabel(department) : departmentText}
            aria-invalid={departmentError ? 'true' : undefined}
            aria-describedby="directory-department-error"
          />
          <datalist id="directory-departments">
            {DEPARTMENTS.map(([code]) => (
              <option key={code} value={departmentLabel(code)} />
            ))}
          </datalist>
          <ErrorNote error={departmentError} id="directory-department-error" />
        </div>
      </SearchForm>
      {!departmentError && (
        <Loaded resource={people} label="Recherche dans l’annuaire…">
          {(data) =>
            data?.items.length ? (
              <>
                <p role="status">{plural(data.total, 'personne trouvée', 'personnes trouvées')}</p>
                <ul class="cards directory">
                  {data.items.map((p) => (
                    <li key={p.id} class="card">
                      <h2>
                        {p.firstName} {p.lastName}
                      </h2>
                      {p.role === 'MISSION_OFFICER' && <p class="muted">Chargé de mission</p>}
                      {p.function && <p>Fonction : {p.function}</p>}
                      {p.establishment && <p>Établissement : {p.establishment}</p>}
                      {p.department && <p>Département : {p.department} — {p.departmentName}</p>}
                      <Contact email={p.email} phone={p.phone} />
                    </li>
                  ))}
                </ul>
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(n) => withQuery(location, { page: String(n) })} />
              </>
            ) : (
              <Empty>{q || department ? 'Personne ne correspond à votre recherche. Essayez avec moins de critères.' : 'Personne n’a encore choisi de figurer dans l’annuaire.'}</Empty>
            )
          }
        </Loaded>
      )}
    </>
  );
}

function Companies({ location }: { location: Location }) {
  const q = location.query.get('q') ?? '';
  const page = pageOf(location);
  const companies = useResource(() => api.companyDirectory({ q: q || undefined, page, pageSize: 20 }), [q, page]);
  return (
    <>
      <SearchForm
        label="Rechercher un employeur"
        formKey={location.query.toString()}
        onSubmit={(form) => navigate(withQuery(location, { q: String(form.get('q') ?? '').trim(), page: undefined }))}
      >
        <div class="field grow">
          <label for="directory-company-q">Nom de l’entreprise</label>
          <input id="directory-company-q" name="q" type="search" defaultValue={q} />
        </div>
      </SearchForm>
      <Loaded resource={companies} label="Recherche dans l’annuaire…">
        {(data) =>
          data.items.length ? (
            <>
              <p role="status">{plural(data.total, 'entreprise trouvée', 'entreprises trouvées')}</p>
              <ul class="cards directory">
                {data.items.map((c) => (
                  <li key={c.id} class="card">
                    <h2>{c.name}</h2>
                    {(c.sector || c.city) && <p class="muted">{[c.sector, c.city].filter(Boolean).join(' — ')}</p>}
                    <h3>{c.publishedOffers ? plural(c.publishedOffers, 'offre en ligne', 'offres en ligne') : 'Aucune offre en ligne'}</h3>
                    {c.offers.length > 0 && (
                      <ul>
                        {c.offers.map((o) => (
                          <li key={o.id}>
                            <a href={o.link}>{o.title}</a> ({o.city})
                          </li>
                        ))}
                      </ul>
                    )}
                    <h3>Recruteurs</h3>
                    {c.recruiters.length ? (
                      <ul class="people">
                        {c.recruiters.map((r) => (
                          <li key={r.id}>
                            <p>
                              <strong>
                                {r.firstName} {r.lastName}
                              </strong>
                              {r.jobTitle ? `, ${r.jobTitle}` : ''}
                            </p>
                            <Contact email={r.email} phone={r.phone} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p class="muted">Aucun recruteur de cette entreprise n’a choisi de figurer dans l’annuaire.</p>
                    )}
                  </li>
                ))}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} href={(n) => withQuery(location, { page: String(n) })} />
            </>
          ) : (
            <Empty>{q ? `Aucune entreprise vérifiée ne correspond à « ${q} ».` : 'Aucune entreprise vérifiée pour le moment.'}</Empty>
          )
        }
      </Loaded>
    </>
  );
}
