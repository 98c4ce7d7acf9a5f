// What each person reads about an event of a sponsorship request, in French. Who is told is decided
// in sponsorship-notices.ts.
import { SPONSORSHIP_MESSAGE_READERS, type SponsorshipEventType } from '../workflows/sponsorship-rules.js';
import { formatParisDateTime } from './ics.js';
import type { MailBlock } from './mail.js';
import type { Copy, Draft } from './notices.js';
import { candidateNameFor, type Person, type Recipient } from './people.js';
import type { SponsorshipAudience, SponsorshipContext } from './sponsorship-notices.js';
import { de } from '../workflows/glossary.js';

export const SPONSORSHIP_PAGE_LABEL = 'Voir la demande de parrainage sur Tremplin';

/** After the headline in a mail's subject. */
export const sponsorshipTopic = (ctx: SponsorshipContext) => ctx.companyName;

/** One person's contact lines, for the others to reach them: name and role first, then how. */
function contact(label: string, person: Person | null, name?: string): Array<[string, string]> {
  if (!person) return [];
  const shown = name ?? person.name;
  const facts: Array<[string, string]> = [[label, person.jobTitle ? `${shown} (${person.jobTitle})` : shown], ['E-mail', person.email]];
  if (person.phone) facts.push(['Téléphone', person.phone]);
  return facts;
}

/** One list of facts per person to reach (none for a person the request does not have). */
const contacts = (...lists: Array<Array<[string, string]>>): MailBlock[] =>
  lists.filter((items) => items.length > 0).map((items): MailBlock => ({ kind: 'facts', items }));

type Reader = Recipient<SponsorshipAudience>;
/** The request's words and a refusal's comment, quoted to the readers SPONSORSHIP_MESSAGE_READERS names only. */
const readsWords = (ctx: SponsorshipContext, reader: Reader) => SPONSORSHIP_MESSAGE_READERS[ctx.notice.event]?.includes(reader.audience) ?? false;
const requestQuote = (ctx: SponsorshipContext, reader: Reader) => (readsWords(ctx, reader) ? { label: 'Message de la demande :', text: ctx.requestMessage } : null);
const comment = (ctx: SponsorshipContext, reader: Reader, label: string) => {
  const text = ctx.notice.message?.trim();
  return text && readsWords(ctx, reader) ? { label, text } : null;
};
const sponsorName = (ctx: SponsorshipContext) => ctx.sponsorInfo?.name ?? 'un recruteur de l’entreprise';
/** The candidate's contact lines, under their name as this reader sees it. */
const candidateContact = (ctx: SponsorshipContext, reader: Reader) => contact('Candidat', ctx.candidateInfo, candidateNameFor(reader, ctx));

export const SPONSORSHIP_COPY: Copy<SponsorshipEventType, SponsorshipAudience, SponsorshipContext> = {
  created: {
    recruiter: (ctx, reader): Draft => {
      const name = candidateNameFor(reader, ctx);
      const forwardedBy = ctx.requestedByReferent && ctx.referentInfo ? ` ; la demande est transmise par son référent, ${ctx.referentInfo.name}` : '';
      return {
        headline: `Nouvelle demande de parrainage ${de(name)}`,
        paragraphs: [
          `${name} demande un parrainage à un membre ${de(ctx.companyName)}${forwardedBy}.`,
          'Vous pouvez l’accepter en désignant un parrain parmi les recruteurs de votre entreprise, ou la refuser avec un commentaire.',
        ],
        quote: requestQuote(ctx, reader),
      };
    },
  },
  reminder: {
    recruiter: (ctx, reader) => ({
      headline: 'Rappel : demande de parrainage en attente',
      paragraphs: [
        `La demande de parrainage ${de(candidateNameFor(reader, ctx))} attend la réponse ${de(ctx.companyName)} depuis le ${formatParisDateTime(ctx.createdAt)}.`,
        'Merci de l’accepter en désignant un parrain, ou de la refuser avec un commentaire.',
      ],
      quote: requestQuote(ctx, reader),
    }),
  },
  accept: {
    candidate: (ctx) => ({
      headline: 'Votre demande de parrainage est acceptée',
      paragraphs: [
        `${ctx.companyName} a accepté votre demande de parrainage : ${sponsorName(ctx)} assurera votre parrainage.`,
        `Prenez contact pour convenir d’une première rencontre${ctx.referentInfo ? ' ; votre référent en a aussi reçu la nouvelle' : ''}.`,
      ],
      details: contacts(contact('Votre parrain', ctx.sponsorInfo), contact('Votre référent', ctx.referentInfo)),
    }),
    referent: (ctx, reader) => {
      const name = candidateNameFor(reader, ctx);
      return {
        headline: `Demande de parrainage acceptée pour ${name}`,
        paragraphs: [
          `${ctx.companyName} a accepté la demande de parrainage ${de(name)} : ${sponsorName(ctx)} assurera son parrainage.`,
          `${name} et ${sponsorName(ctx)} ont reçu leurs coordonnées respectives pour convenir d’une première rencontre.`,
        ],
        details: contacts(candidateContact(ctx, reader), contact('Parrain', ctx.sponsorInfo)),
      };
    },
    sponsor: (ctx, reader) => {
      const chosenBy = ctx.notice.actor?.id === ctx.sponsorInfo?.id ? 'Vous avez choisi d’assurer vous-même' : `${ctx.actorName ?? 'Un recruteur de votre entreprise'} vous a confié`;
      const name = candidateNameFor(reader, ctx);
      return {
        headline: `Vous parrainez ${name}`,
        paragraphs: [
          `${chosenBy} le parrainage ${de(name)}, qui en avait fait la demande à ${ctx.companyName}.`,
          'Prenez contact pour convenir d’une première rencontre.',
        ],
        quote: requestQuote(ctx, reader),
        details: contacts(candidateContact(ctx, reader), contact('Son référent', ctx.referentInfo)),
      };
    },
  },
  refuse: {
    candidate: (ctx, reader) => ({
      headline: 'Réponse à votre demande de parrainage',
      paragraphs: [`${ctx.companyName} ne peut pas donner suite à votre demande de parrainage.`],
      quote: comment(ctx, reader, 'Commentaire de l’entreprise :'),
    }),
    referent: (ctx, reader) => {
      const name = candidateNameFor(reader, ctx);
      return {
        headline: `Demande de parrainage refusée pour ${name}`,
        paragraphs: [`${ctx.companyName} ne peut pas donner suite à la demande de parrainage ${de(name)}.`],
        quote: comment(ctx, reader, 'Commentaire transmis au candidat :'),
      };
    },
  },
  change_follow_up: {
    referent: (ctx, reader) => ({
      headline: 'Demande de parrainage confiée à votre suivi',
      paragraphs: [
        `Vous suivez désormais ${candidateNameFor(reader, ctx)} : sa demande de parrainage auprès ${de(ctx.companyName)}, qui attend la réponse de l’entreprise, vous est confiée.`,
        'La réponse vous sera communiquée.',
      ],
      quote: requestQuote(ctx, reader),
    }),
    candidate: (ctx) => ({
      headline: 'Votre demande de parrainage change de référent',
      paragraphs: [
        ctx.referentInfo
          ? `Votre demande de parrainage auprès ${de(ctx.companyName)} est désormais suivie par ${ctx.referentInfo.name}.`
          : `Votre demande de parrainage auprès ${de(ctx.companyName)} n’est plus suivie par un référent.`,
      ],
    }),
  },
  withdraw: {
    recruiter: () => ({
      headline: 'Demande de parrainage retirée',
      paragraphs: ['Le compte du candidat qui avait demandé un parrainage à votre entreprise a été supprimé à sa demande : sa demande est retirée, vous n’avez plus à y répondre.'],
    }),
  },
};
