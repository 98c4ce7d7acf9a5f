// Invitations to apply (issue #18, item 5): requests parsed with zod, documented from the same schemas.
import { z } from 'zod';

export const INVITATIONS_PER_REQUEST = 500;

export const inviteBody = z
  .object({
    candidateIds: z
      .array(z.uuid({ error: 'identifiant de profil attendu (UUID)' }), { error: 'liste d’identifiants de profils attendue' })
      .min(1, 'choisissez au moins un profil à inviter')
      .max(INVITATIONS_PER_REQUEST, `${INVITATIONS_PER_REQUEST} profils au plus par envoi`),
  })
  .strict()
  .meta({ id: 'InviteCandidates' });

export const inviteAnswer = z
  .object({
    requested: z.number().int().meta({ description: 'Profils distincts demandés' }),
    invited: z.number().int().meta({ description: 'Nouvelles invitations, envoyées par lots' }),
    alreadyInvited: z.number().int().meta({ description: 'Déjà invités à cette offre (jamais deux fois)' }),
    skipped: z.number().int().meta({ description: 'Non invités : profil absent de la CVthèque (ou inconnu)' }),
  })
  .meta({ id: 'InvitationsRecorded' });

export const invitationCounts = z
  .object({
    offerId: z.uuid(),
    invited: z.number().int().meta({ description: 'Toutes les invitations de l’offre' }),
    pending: z.number().int().meta({ description: 'En attente d’envoi' }),
    sent: z.number().int().meta({ description: 'Envoyées, sans réponse' }),
    declined: z.number().int(),
    applied: z.number().int().meta({ description: 'Invités qui ont candidaté à l’offre' }),
    skipped: z.number().int().meta({ description: 'Jamais envoyées : offre close, profil retiré, ou déjà candidat' }),
  })
  .meta({ id: 'OfferInvitationCounts' });

export const INVITATION_STATUSES = ['SENT', 'DECLINED', 'APPLIED'] as const;

export const myInvitation = z
  .object({
    offerId: z.uuid(),
    status: z.enum(INVITATION_STATUSES).meta({ description: 'APPLIED : vous avez candidaté à l’offre' }),
    sentAt: z.iso.datetime(),
    declinedAt: z.iso.datetime().nullable(),
    offer: z.object({ id: z.uuid(), title: z.string(), status: z.string(), city: z.string(), company: z.object({ id: z.uuid(), name: z.string() }) }),
  })
  .meta({ id: 'MyInvitation' });

export const myInvitations = z.object({ items: z.array(myInvitation) }).meta({ id: 'MyInvitations' });
