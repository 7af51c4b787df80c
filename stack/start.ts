import { isAbsolute, relative } from 'node:path';
import { ConfigError, loadSettings, loadStackSettings } from '../config';
import { FORGOTTEN, startStack, type Stack } from './stack';

// `npm start`: starts the stack (stack/stack.ts), says where everything is and what to try,
// and stops it all on Ctrl-C or SIGTERM.

function welcome({ ports, dataDir, seed, demo }: Stack, namespace: string): string {
  const nearby = relative(process.cwd(), dataDir);
  const data = nearby.startsWith('..') || isAbsolute(nearby) ? dataDir : nearby || '.';
  const seedLine = seed.started
    ? `started now: the signature requests are in the mail catcher`
    : seed.state === FORGOTTEN
      ? `${FORGOTTEN} but in the register: its id is not reused, so it is not started again`
      : `already there (${seed.state}), resumed`;
  return [
    'The convention stack is running.',
    `  Web console    http://localhost:${ports.console}/ (sign in, then open the link that arrives in the mail catcher)`,
    `  Statistics     http://localhost:${ports.console}/stats (public, no sign-in)`,
    `  Temporal UI    http://localhost:${ports.temporalUi}/namespaces/${namespace}/workflows`,
    `  Mail catcher   http://localhost:${ports.mailWeb}/`,
    `  Metrics        http://localhost:${ports.metrics}/metrics`,
    `  Temporal       localhost:${ports.temporal} (SMTP on localhost:${ports.smtp})`,
    `  Data and logs  ${data}/ (temporal.sqlite, register.sqlite, console.sqlite, mails/, logs/)`,
    `Payloads are encrypted (key in ${data}/payload-keys unless PAYLOAD_KEYS is set): the Temporal UI shows them ` +
      `to the CODEC_ADMINS (the seed's admins by default) signed in to the console, once its codec settings (the icon ` +
      `at the top right) use the browser endpoint http://localhost:${ports.console}/codec with "Include cross-origin ` +
      `credentials" on (README, "Personal data").`,
    `Seed convention ${seed.conventionId}: ${seedLine}.`,
    `Demo convention ${demo.conventionId}: ${demo.state}, its first committee convened: sign in to the console as ` +
      `comite.camino@example.org to record the decision.`,
    '',
    'Try, from another terminal:',
    `  npx convention list`,
    `  npx convention status ${seed.conventionId}`,
    `  npx convention sign ${seed.conventionId} --party SG --as sg.representant@example.org`,
    `  npx convention history ${seed.conventionId}`,
    `  npx convention register ${seed.conventionId} --verify`,
    '',
    'Ctrl-C stops everything; npm start again resumes where it stopped.',
  ].join('\n');
}

async function run(): Promise<number> {
  const settings = loadSettings();
  console.log('Starting Temporal, the mail catcher, the worker and the web console…');
  const stack = await startStack(settings, loadStackSettings());
  console.log(welcome(stack, settings.TEMPORAL_NAMESPACE));
  const stopRequested = new Promise<string>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done(signal));
  });
  const reason = await Promise.race([stopRequested, stack.failed.then((message) => ({ failure: message }))]);
  if (typeof reason === 'object') {
    console.error(reason.failure);
    return 1;
  }
  console.log('Stopping the web console, the worker, the mail catcher and Temporal…');
  await stack.stop();
  console.log('Stopped. Everything is kept for the next npm start.');
  return 0;
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
