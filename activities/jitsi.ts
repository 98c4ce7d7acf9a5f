// Video rooms on a Jitsi deployment. The room name is the only secret of a public deployment, so it
// is drawn from crypto; on a token-auth deployment each participant gets their own signed link.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ActivityDeps } from './deps.js';

type JitsiConfig = Pick<ActivityDeps['config'], 'JITSI_BASE_URL' | 'JITSI_APP_ID' | 'JITSI_APP_SECRET'>;

export interface VideoRoom {
  room: string;
  url: string;
}

export interface JitsiParticipant {
  id: string;
  name: string;
  email: string;
  /** Recruiters moderate; candidates and référents join as guests. */
  moderator: boolean;
}

/** 160 bits: comfortably above the 128 an unguessable name needs. */
const ROOM_ENTROPY_BYTES = 20;
/** The token outlives the planned end so an interview that runs late is not cut off. */
const TOKEN_MARGIN_SECONDS = 2 * 3600;

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Lower-case base32: Jitsi lower-cases room names, so a mixed-case alphabet (base64url) would lose
 * entropy and let two rooms collide.
 */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

const baseUrl = (config: Pick<JitsiConfig, 'JITSI_BASE_URL'>) => config.JITSI_BASE_URL.replace(/\/+$/, '');

export function createVideoRoom(config: Pick<JitsiConfig, 'JITSI_BASE_URL'>): VideoRoom {
  const room = `tremplin-${base32(randomBytes(ROOM_ENTROPY_BYTES))}`;
  return { room, url: `${baseUrl(config)}/${room}` };
}

/** Whether the deployment wants a signed token per participant (token auth) or is public. */
export const jitsiUsesTokens = (config: JitsiConfig) => Boolean(config.JITSI_APP_ID && config.JITSI_APP_SECRET);

/**
 * The link this participant opens: the plain room URL on a public deployment, otherwise the room URL
 * with a HS256 token carrying the claims Jitsi's token auth (prosody `token` module) checks.
 */
export async function jitsiJoinUrl(
  config: JitsiConfig,
  room: string,
  participant: JitsiParticipant,
  interviewEndsAt: Date,
): Promise<string> {
  const url = `${baseUrl(config)}/${room}`;
  if (!jitsiUsesTokens(config)) return url;
  const jwt = await new SignJWT({
    room,
    context: {
      user: { id: participant.id, name: participant.name, email: participant.email, moderator: participant.moderator },
    },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience('jitsi')
    .setIssuer(config.JITSI_APP_ID!)
    .setSubject(new URL(config.JITSI_BASE_URL).hostname)
    .setIssuedAt()
    .setExpirationTime(Math.floor(interviewEndsAt.getTime() / 1000) + TOKEN_MARGIN_SECONDS)
    .sign(new TextEncoder().encode(config.JITSI_APP_SECRET!));
  return `${url}?jwt=${jwt}`;
}
