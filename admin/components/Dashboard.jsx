// What waits for the operator, oldest first, each item linked to its record and to its workflow in the
// Temporal UI. The data comes from the dashboard handler (admin/dashboard.ts).
import React, { useEffect, useState } from 'react';
import { Box, Button, H1, H3, Link, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import { setPageTitle } from './page-title.js';

const api = new ApiClient();

const Links = ({ item, label }) => (
  <>
    <Link href={item.recordUrl} data-testid="record-link" aria-label={`Ouvrir : ${label}`}>Ouvrir</Link>
    {item.temporalUrl ? (
      <>
        {' · '}
        <Link href={item.temporalUrl} target="_blank" rel="noopener noreferrer" data-testid="temporal-link" aria-label={`Workflow de ${label} dans l’interface Temporal (nouvel onglet)`}>
          Workflow ↗
        </Link>
      </>
    ) : null}
  </>
);

const Section = ({ id, title, empty, columns, items, row }) => (
  <Box variant="white" p="xl" mb="xl" as="section" aria-labelledby={`${id}-title`} data-testid={id}>
    <H3 id={`${id}-title`}>
      {title} ({items.length})
    </H3>
    {items.length === 0 ? (
      <Text>{empty}</Text>
    ) : (
      <Table>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell as="th" scope="col" key={c}>{c || <span className="sr-only">Liens</span>}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.key}>{row(item).map((cell, i) => <TableCell key={i}>{cell}</TableCell>)}</TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </Box>
);

const Dashboard = () => {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const load = () => {
    setError(null);
    api
      .getDashboard()
      .then((response) => setData(response.data))
      .catch(() => setError('Le tableau de bord n’a pas pu être chargé.'));
  };
  useEffect(load, []);
  useEffect(() => setPageTitle(['Tableau de bord']), []);

  if (error) return <Box p="xl"><MessageBox variant="danger" message={error} /></Box>;
  if (!data) return <Loader />;

  return (
    <Box p="xl" data-testid="dashboard">
      <Box flex flexDirection="row" justifyContent="space-between" alignItems="center" mb="xl">
        <H1 fontSize="h2" lineHeight="xl" mt="0" mb="0">Travail en attente</H1>
        <Box flex flexDirection="row" alignItems="center" style={{ gap: '1rem' }}>
          {/* The charts live in the web app (Chart.js, table alternatives): one page for admins and mission officers. */}
          <Link href="/administration/statistiques">Statistiques des candidatures</Link>
          <Button variant="outlined" size="sm" onClick={load}>Actualiser</Button>
        </Box>
      </Box>
      <Section
        id="companies-to-verify"
        title="Entreprises et recruteurs à vérifier"
        empty="Aucune entreprise ni demande d’accès n’attend de vérification."
        columns={['Entreprise', 'SIREN', 'Demande', 'Demandeur', 'En attente depuis', '']}
        items={data.companiesToVerify}
        row={(i) => [i.companyName, i.siren, i.kindLabel, `${i.requester} (${i.requesterEmail})`, i.age, <Links item={i} label={i.companyName} />]}
      />
      <Section
        id="offers-to-moderate"
        title="Offres à modérer"
        empty="Aucune offre n’attend de modération."
        columns={['Offre', 'Entreprise', 'Contrat', 'Ville', 'En attente depuis', '']}
        items={data.offersToModerate}
        row={(i) => [i.title, i.companyName, i.contractType, i.city, i.age, <Links item={i} label={i.title} />]}
      />
      <Section
        id="applications-waiting-referent"
        title={`Candidatures en attente du référent depuis plus de ${data.referentReminderAfter}`}
        empty="Aucune candidature n’attend son référent au-delà du délai de relance."
        columns={['Candidat', 'Référent', 'Offre', 'Entreprise', 'En attente depuis', '']}
        items={data.applicationsWaitingReferent}
        row={(i) => [i.candidate, i.referent, i.offerTitle, i.companyName, i.age, <Links item={i} label={`la candidature de ${i.candidate}`} />]}
      />
      <Section
        id="failing-activities"
        title="Activités en échec"
        empty="Aucune activité en échec."
        columns={['Activité', 'Détail', 'Tentatives', 'Dernière erreur', 'Depuis', '']}
        items={data.failingActivities}
        row={(i) => [i.kindLabel, i.detail, String(i.attempts), i.lastError || '', i.age, <Links item={i} label={i.detail} />]}
      />
    </Box>
  );
};

export default Dashboard;
