// Types of modules that ship none: AdminJS's bundler entry point, and the form parser @adminjs/express uses.
declare module 'adminjs/bundler' {
  import type AdminJS from 'adminjs';

  interface AssetBundlerLike {
    inputOptions: { input: string } & Record<string, unknown>;
    outputOptions: { file: string } & Record<string, unknown>;
    build(): Promise<void>;
    setInputOption(key: string, value: unknown): AssetBundlerLike;
    setOutputOption(key: string, value: unknown): AssetBundlerLike;
  }

  export const componentsBundler: AssetBundlerLike;
  export function generateUserComponentEntry(admin: AdminJS, entryPath: string): string;
  export const ADMIN_JS_TMP_DIR: string;
  export const COMPONENTS_OUTPUT_PATH: string;
  export const NODE_ENV: 'production' | 'development';
}

declare module 'express-formidable' {
  import type { RequestHandler } from 'express';

  export default function formidableMiddleware(options?: Record<string, unknown>): RequestHandler;
}
