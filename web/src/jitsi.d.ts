// The few types of the Jitsi Meet External API (external_api.js, loaded from the Jitsi deployment when
// joining) that the web app uses. There is no published types package for it; these follow
// https://jitsi.github.io/handbook/docs/dev-guide/dev-guide-iframe.

interface JitsiMeetExternalApiOptions {
  roomName: string;
  width?: string | number;
  height?: string | number;
  parentNode?: HTMLElement;
  /** The participant's token on a token-auth deployment. */
  jwt?: string;
  lang?: string;
  userInfo?: { displayName?: string; email?: string };
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  onload?: () => void;
}

type JitsiMeetExternalApiEvent = 'videoConferenceJoined' | 'videoConferenceLeft' | 'readyToClose' | 'errorOccurred';

interface JitsiMeetExternalApi {
  addListener(event: JitsiMeetExternalApiEvent, listener: (payload?: unknown) => void): void;
  removeListener(event: JitsiMeetExternalApiEvent, listener: (payload?: unknown) => void): void;
  executeCommand(command: 'hangup' | 'toggleAudio' | 'toggleVideo' | 'displayName', ...args: unknown[]): void;
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
}

interface JitsiMeetExternalApiConstructor {
  /** `domain`: the deployment's host, with its path prefix if it has one (meet.example.org/visio). */
  new (domain: string, options: JitsiMeetExternalApiOptions): JitsiMeetExternalApi;
}

interface Window {
  JitsiMeetExternalAPI?: JitsiMeetExternalApiConstructor;
}
