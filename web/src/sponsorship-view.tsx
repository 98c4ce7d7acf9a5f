// A sponsorship request as the candidate, their référent and the company read it.
import { sponsorshipRules, type SponsorshipStatus } from '../../workflows/sponsorship-rules.js';
import type { Sponsorship } from './api.js';
import { personName } from './applications.js';
import { DateTime, capitalize } from './ui.js';

export function SponsorshipBadge({ status }: { status: SponsorshipStatus }) {
  return <span class={`badge sponsorship-${status.toLowerCase()}`}>{capitalize(sponsorshipRules.statusLabel[status])}</span>;
}

export function SponsorshipDetail({ sponsorship: s }: { sponsorship: Sponsorship }) {
  return (
    <>
      <dl class="facts">
        <dt>Candidat</dt>
        <dd>
          {personName(s.candidate)} — <a href={`mailto:${s.candidate.email}`}>{s.candidate.email}</a>
        </dd>
        <dt>Entreprise</dt>
        <dd>{s.company.name}</dd>
        <dt>Référent</dt>
        <dd>{s.referent ? personName(s.referent) : 'Aucun'}</dd>
        <dt>Demandée le</dt>
        <dd>
          <DateTime iso={s.createdAt} />
        </dd>
        {s.sponsor && (
          <>
            <dt>Parrain</dt>
            <dd>
              {personName(s.sponsor)}
              {s.sponsor.jobTitle ? `, ${s.sponsor.jobTitle}` : ''} — <a href={`mailto:${s.sponsor.email}`}>{s.sponsor.email}</a>
              {s.sponsor.phone ? `, ${s.sponsor.phone}` : ''}
            </dd>
          </>
        )}
      </dl>
      <h3>Message de la demande</h3>
      <blockquote class="text">{s.message}</blockquote>
      {s.comment && (
        <>
          <h3>Commentaire de l’entreprise</h3>
          <blockquote class="text">{s.comment}</blockquote>
        </>
      )}
    </>
  );
}

