import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { localDateOf } from '../../../domain/dates';
import { startRecord } from '../../../domain/lifecycle';
import { plannedEmails } from '../../../domain/reminders';
import { parseConvention } from '../../../domain/validation';
import { historySchema, type THistory } from '../../../domain/bring-in';
import { parseWith } from '../../../domain/fields';
import { idUsed, IdUsed, startBroughtIn, startConvention } from '../../start';
import { Refusal } from '../../temporal';
import { draftHref } from '../pages/draft';
import { forbiddenPage } from '../pages/errors';
import { previewPage } from '../pages/preview';
import { START, startPage } from '../pages/start';
import type { Shared } from '../shared';

// A convention started from its file, by a console administrator: checked, previewed, started.
// (Written in the creation form instead: routes/drafts.ts, whose preview starts it here.)

/** The text of a convention's file, uploaded or pasted, and its format. */
function fileOf(body: Record<string, unknown>): { text: string; format: 'json' | 'yaml' } {
  const file = body.file;
  const uploaded = Buffer.isBuffer(file) && file.length > 0 ? file.toString('utf8') : undefined;
  const text = uploaded ?? String(body.text ?? '');
  return { text, format: text.trimStart().startsWith('{') ? 'json' : 'yaml' };
}

/** The history posted with a running convention's preview, checked again; null when it is not one. */
function pastOf(text: string): THistory | null {
  try {
    const parsed = parseWith(historySchema(), JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The person signed in if they may start a convention (a console administrator), or the page that says why not. */
export function consoleAdmin(shared: Shared, request: FastifyRequest, reply: FastifyReply) {
  const person = shared.signedIn(request, reply);
  if (!person) return undefined;
  if (!shared.isConsoleAdmin(person.email)) {
    void shared.send(
      reply,
      forbiddenPage(
        person.context,
        `${person.email} n’est pas administrateur de la console : seuls ceux-ci démarrent une convention.`,
      ),
      403,
    );
    return undefined;
  }
  return person;
}

/** Today on Paris's clock: the day a convention is prepared on. */
export const todayOf = (now: number) => localDateOf(now, 'Europe/Paris');

export const startRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send } = shared;

  const startAllowed = (request: FastifyRequest, reply: FastifyReply) => consoleAdmin(shared, request, reply);

  app.get(START, async (request, reply) => {
    const person = startAllowed(request, reply);
    if (!person) return reply;
    return send(reply, startPage(person.context, { drafts: await deps.drafts.list(person.email) }));
  });

  app.post(START, async (request, reply) => {
    const person = startAllowed(request, reply);
    if (!person) return reply;
    const { text, format } = fileOf(request.body as Record<string, unknown>);
    const parsed = parseConvention(text, format);
    if (!parsed.ok) return send(reply, startPage(person.context, { text, faults: parsed.faults }), 422);
    if (await idUsed(deps, parsed.value.id))
      return send(reply, startPage(person.context, { text, taken: parsed.value.id }), 409);
    const first = plannedEmails(startRecord(parsed.value, now()), now()).slice(0, 8);
    return send(
      reply,
      previewPage(person.context, { convention: parsed.value, text, first, today: todayOf(now()) }),
    );
  });

  app.post(`${START}/demarrer`, async (request, reply) => {
    const person = startAllowed(request, reply);
    if (!person) return reply;
    const { text, format } = fileOf(request.body as Record<string, unknown>);
    const parsed = parseConvention(text, format);
    if (!parsed.ok) return send(reply, startPage(person.context, { text, faults: parsed.faults }), 422);
    const convention = parsed.value;
    const body = request.body as Record<string, unknown>;
    const draft = typeof body.brouillon === 'string' ? body.brouillon : undefined;
    // A running convention, from the creation form's last step: brought in with its past.
    const history = typeof body.historique === 'string' ? pastOf(body.historique) : undefined;
    if (history === null)
      return draft
        ? reply.redirect(draftHref(draft), 303)
        : send(reply, startPage(person.context, { text }), 422);
    try {
      if (history) await startBroughtIn(deps, convention, history, person.email);
      else await startConvention(deps, { convention });
    } catch (error) {
      if (error instanceof IdUsed)
        return send(reply, startPage(person.context, { text, taken: convention.id }), 409);
      // A fact the rules refuse now: the draft's preview says which, and why.
      if (error instanceof Refusal && draft) return reply.redirect(draftHref(draft), 303);
      throw error;
    }
    // Started from the creation form: its draft has served.
    if (draft) await deps.drafts.delete(person.email, draft);
    return reply.redirect(
      `/conventions/${encodeURIComponent(convention.id)}?done=${history ? 'reprise' : 'start'}`,
      303,
    );
  });
};
