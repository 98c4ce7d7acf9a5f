// Joining a VIDEO interview in the page: the External API script comes from the same Jitsi deployment
// as the interview's link (JITSI_BASE_URL on the server), loaded only when the person joins.

export interface JitsiTarget {
  /** Where external_api.js lives: the deployment's base URL. */
  scriptUrl: string;
  /** What the External API calls its domain: host plus path prefix. */
  domain: string;
  roomName: string;
  jwt?: string;
}

/** `https://meet.example.org/visio/tremplin-abc?jwt=…` → script, domain, room and token. */
export function jitsiTarget(videoUrl: string): JitsiTarget | null {
  let url: URL;
  try {
    url = new URL(videoUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const segments = url.pathname.split('/').filter(Boolean);
  const roomName = segments.pop();
  if (!roomName) return null;
  const prefix = segments.length ? `/${segments.join('/')}` : '';
  const jwt = url.searchParams.get('jwt') ?? undefined;
  return { scriptUrl: `${url.origin}${prefix}/external_api.js`, domain: `${url.host}${prefix}`, roomName: decodeURIComponent(roomName), ...(jwt ? { jwt } : {}) };
}

const loading = new Map<string, Promise<JitsiMeetExternalApiConstructor>>();

/** Loads external_api.js once; rejects when it cannot load (no network, blocked) within `timeoutMs`. */
export function loadJitsi(scriptUrl: string, timeoutMs = 15_000): Promise<JitsiMeetExternalApiConstructor> {
  if (window.JitsiMeetExternalAPI) return Promise.resolve(window.JitsiMeetExternalAPI);
  let promise = loading.get(scriptUrl);
  if (!promise) {
    promise = new Promise<JitsiMeetExternalApiConstructor>((resolve, reject) => {
      const script = document.createElement('script');
      const timer = setTimeout(() => fail(), timeoutMs);
      const fail = () => {
        clearTimeout(timer);
        script.remove();
        loading.delete(scriptUrl);
        reject(new Error('external_api.js unavailable'));
      };
      script.src = scriptUrl;
      script.async = true;
      script.onload = () => {
        clearTimeout(timer);
        if (window.JitsiMeetExternalAPI) resolve(window.JitsiMeetExternalAPI);
        else fail();
      };
      script.onerror = fail;
      document.head.appendChild(script);
    });
    loading.set(scriptUrl, promise);
  }
  return promise;
}
