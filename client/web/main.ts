import { Client, Connection } from '@temporalio/client';
import {
  ConfigError,
  dataGouvOf,
  loadConsoleSettings,
  loadSettings,
  temporalConnectionOptions,
} from '../../config';
import { conventionDataConverter, EncryptionCodec } from '../../crypto/codec';
import { createMailer } from '../../mail/mailer';
import { participantHasher } from '../../crypto/participants';
import { openDocumentStore, openDraftStore, openRegister, openSignInStore } from '../../store/open';
import { createConsole } from './server';
import { Signer } from './signer';

// The web console's process (`npm start` runs it beside the worker). Settings from the
// environment (README, "Settings"); SIGINT or SIGTERM closes it.

async function run(): Promise<void> {
  const settings = loadSettings();
  const consoleSettings = loadConsoleSettings();
  const consoleUrl = settings.CONSOLE_URL ?? `http://localhost:${consoleSettings.CONSOLE_PORT}`;
  const signIn = await openSignInStore({ ...settings, ...consoleSettings });
  const drafts = await openDraftStore({ ...settings, ...consoleSettings });
  const register = await openRegister(settings);
  const documents = await openDocumentStore(settings);
  const mailer = createMailer(settings.SMTP_URL);
  const connection = await Connection.connect(temporalConnectionOptions(settings));
  const app = await createConsole({
    client: new Client({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      dataConverter: conventionDataConverter(settings.PAYLOAD_KEYS),
    }),
    register,
    signIn,
    drafts,
    documents,
    trustAnchorsPem: settings.SIGNATURE_TRUST_ANCHORS?.pem,
    dataGouv: dataGouvOf(settings),
    signer: new Signer(consoleSettings.SESSION_SECRET),
    mailer,
    mailFrom: settings.MAIL_FROM,
    consoleUrl,
    taskQueue: settings.TEMPORAL_TASK_QUEUE,
    admins: consoleSettings.CONSOLE_ADMINS,
    hashParticipant: participantHasher(settings.PAYLOAD_KEYS),
    codec: settings.PAYLOAD_KEYS && {
      codec: new EncryptionCodec(settings.PAYLOAD_KEYS),
      uiOrigin: consoleSettings.TEMPORAL_UI_URL && new URL(consoleSettings.TEMPORAL_UI_URL).origin,
      admins: consoleSettings.CODEC_ADMINS,
    },
  });
  await app.listen({ port: consoleSettings.CONSOLE_PORT, host: settings.LISTEN_HOST });
  console.log(`console listening on ${consoleUrl}`);
  await new Promise<void>((stop) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop());
  });
  await app.close();
  await connection.close();
  mailer.close();
  await register.close();
  await signIn.close();
  await drafts.close();
  await documents.close();
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
