// The SMTP sink as a child process of the bench: the in-process catcher of `npm start` and the tests,
// counting what it receives and forgetting the bodies (a long run would otherwise keep them all).
import { startMailCatcher } from '../../scripts/services/mail-catcher.js';
import { memory, send, serve } from './common.js';

const catcher = await startMailCatcher();
let received = 0;
const timer = setInterval(() => {
  received += catcher.messages.length;
  catcher.messages.length = 0;
}, 200);
send({ type: 'ready', smtpUrl: catcher.smtpUrl, webUrl: catcher.webUrl });
serve(
  () => {
    received += catcher.messages.length;
    catcher.messages.length = 0;
    return { received, ...memory() };
  },
  async () => {
    clearInterval(timer);
    await catcher.stop();
  },
);
