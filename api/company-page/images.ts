// A company's logo and banner: whatever the recruiter sends (JPEG, PNG, WebP, GIF, AVIF; type read from
// the content, never from a name) is decoded and drawn again by sharp at one size — the logo a 256×256
// square (cropped to its centre, or « contain » on white when it is far from square), the banner
// 1200×300 (cover) — and re-encoded as WebP. Nothing of the file sent survives but its pixels: sharp
// writes no metadata (EXIF with its GPS position, XMP, ICC comments) unless asked with withMetadata,
// which is never called here.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { HttpError } from '../errors.js';

export const IMAGE_KINDS = { logo: 'LOGO', banner: 'BANNER' } as const;
export type ImageKind = (typeof IMAGE_KINDS)[keyof typeof IMAGE_KINDS];

/** 4 MiB of image: a phone photo fits; its base64 in JSON stays under the route's 6 MB body. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
export const IMAGE_BODY_LIMIT = '6mb';
/** Decoding bound: a small file claiming huge dimensions (a « pixel bomb ») is refused by sharp. */
const MAX_INPUT_PIXELS = 40_000_000;

export const SIZES: Record<ImageKind, { width: number; height: number }> = {
  LOGO: { width: 256, height: 256 },
  BANNER: { width: 1200, height: 300 },
};

const ACCEPTED = new Map([
  ['image/jpeg', 'JPEG'],
  ['image/png', 'PNG'],
  ['image/webp', 'WebP'],
  ['image/gif', 'GIF'],
  ['image/avif', 'AVIF'],
]);

export const TOO_LARGE_IMAGE = `Image trop volumineuse : 4 Mo au plus. Choisissez une image plus petite puis réessayez.`;
const ACCEPTED_LABEL = 'JPEG, PNG, WebP, GIF ou AVIF';

export interface ProcessedImage {
  content: Buffer;
  mimeType: 'image/webp';
  width: number;
  height: number;
  sha256: string;
}

export async function processImage(kind: ImageKind, bytes: Buffer): Promise<ProcessedImage> {
  if (bytes.length === 0) throw new HttpError('VALIDATION_FAILED', 'contentBase64 : l’image est vide.', { fields: [{ field: 'contentBase64', message: 'L’image est vide.' }] });
  if (bytes.length > MAX_IMAGE_BYTES) throw new HttpError('PAYLOAD_TOO_LARGE', TOO_LARGE_IMAGE, { maxBytes: MAX_IMAGE_BYTES });
  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (!detected || !ACCEPTED.has(detected.mime)) {
    const what = detected ? `un fichier ${detected.ext.toUpperCase()}` : 'un fichier dont le type n’est pas reconnu';
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', `Ce fichier est ${what} : une image ${ACCEPTED_LABEL} est attendue.`, { detected: detected?.mime ?? null });
  }
  const { width, height } = SIZES[kind];
  let content: Buffer;
  try {
    const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated: false, failOn: 'error' }).rotate(); // EXIF orientation applied, then dropped
    let resized: Sharp;
    if (kind === 'LOGO') {
      const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
      const ratio = meta.width && meta.height ? Math.max(meta.width, meta.height) / Math.min(meta.width, meta.height) : 1;
      // Nearly square: fill the square; a wide wordmark: whole, on white, rather than cut.
      resized = input.resize(width, height, ratio > 1.5 ? { fit: 'contain', background: '#ffffff' } : { fit: 'cover', position: 'centre' }).flatten({ background: '#ffffff' });
    } else {
      resized = input.resize(width, height, { fit: 'cover', position: 'attention' }).flatten({ background: '#ffffff' });
    }
    content = await resized.webp({ quality: 82 }).toBuffer();
  } catch {
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', `Cette image n’a pas pu être lue (fichier abîmé, ou plus de 40 millions de pixels) : une image ${ACCEPTED_LABEL} est attendue.`);
  }
  return { content, mimeType: 'image/webp', width, height, sha256: createHash('sha256').update(content).digest('hex') };
}
