import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  checkDraft,
  checkHistory,
  draftFaults,
  draftFromReading,
  DRAFT_STEPS,
  isRunning,
  newDraft,
  stepOf,
  withItemAdded,
  withItemRemoved,
  withStep,
  type Draft,
  type DraftStep,
  type Values,
  valueIn,
} from '../../../domain/draft';
import { bringIn } from '../../../domain/bring-in';
import { startRecord } from '../../../domain/lifecycle';
import { plannedEmails } from '../../../domain/reminders';
import { draftHref, draftStepPage, stepOfSlug } from '../pages/draft';
import { notFoundPage } from '../pages/errors';
import { previewPage } from '../pages/preview';
import { DOCUMENT, draftLink, DRAFTS, START, startPage } from '../pages/start';
import { DocumentRefused, documentText } from '../../document-text';
import { readConventionText } from '../../../domain/reading/convention-text';
import { MAX_DOCUMENT_BYTES } from '../../../domain/reading/refusals';
import { DROPPED_DOCUMENT, NO_DOCUMENT } from '../../../domain/french/reading';
import type { Shared } from '../shared';
import { consoleAdmin, todayOf } from './start';

// The creation form (issue 30): a console administrator writes a convention step by step, in a
// draft of their own kept between visits; each step is saved whatever it holds, and checked when
// they go on; then the preview of a file (routes/start.ts starts it from there).

type DraftRequest = FastifyRequest<{ Params: { id: string; step?: string } }>;

/** Room for a multipart form's boundaries, headers and CSRF field around its document. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** A step's faults are shown once a person asked to go on (`?verifier`), not on a step never filled. */
const CHECK = 'verifier';

export const draftRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send } = shared;

  /** The admin and their draft, or the page that says why not (another's draft is not found). */
  async function ownDraft(request: DraftRequest, reply: FastifyReply) {
    const person = consoleAdmin(shared, request, reply);
    if (!person) return undefined;
    const draft = await deps.drafts.get(person.email, request.params.id);
    if (!draft) {
      void send(reply, notFoundPage(person.context), 404);
      return undefined;
    }
    return { ...person, draft };
  }

  /** The faults of a step; the history's facts are checked as done by `by`, who brings them in. */
  const faultsOf = (draft: Draft, step: DraftStep, by: string) =>
    draftFaults(draft, by).filter((fault) => stepOf(fault) === step);

  // A convention's document read into a new draft: what it says filled in, each value with its
  // line; what it does not say left to be asked. Admins only; pdf.js reads in a thread of its own.
  app.post(
    DOCUMENT,
    {
      bodyLimit: MAX_DOCUMENT_BYTES + MULTIPART_OVERHEAD,
      config: { multipartOptions: { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } } },
    },
    async (request, reply) => {
      const person = consoleAdmin(shared, request, reply);
      if (!person) return reply;
      const refused = async (reason: string) =>
        send(
          reply,
          startPage(person.context, {
            drafts: await deps.drafts.list(person.email),
            documentRefused: reason,
          }),
          422,
        );
      const bytes = (request.body as Record<string, unknown> | undefined)?.document;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) return refused(NO_DOCUMENT);
      let text: string;
      try {
        text = await documentText(bytes, DROPPED_DOCUMENT);
      } catch (error) {
        if (error instanceof DocumentRefused) return refused(error.message);
        throw error;
      }
      const reading = readConventionText(text);
      if (!reading.ok) return refused(reading.reason);
      const draft = draftFromReading(reading, person.email, todayOf(now()));
      const id = await deps.drafts.create(person.email, draft, now());
      return reply.redirect(draftLink(id), 303);
    },
  );

  app.post(DRAFTS, async (request, reply) => {
    const person = consoleAdmin(shared, request, reply);
    if (!person) return reply;
    const id = await deps.drafts.create(person.email, newDraft(person.email, todayOf(now())), now());
    return reply.redirect(draftHref(id, 'startup'), 303);
  });

  // A draft resumed: at its first step with something to correct, or at its preview.
  app.get(`${DRAFTS}/:id`, async (request: DraftRequest, reply) => {
    const found = await ownDraft(request, reply);
    if (!found) return reply;
    const [fault] = draftFaults(found.draft, found.email);
    return reply.redirect(
      fault ? draftHref(request.params.id, stepOf(fault)) : draftHref(request.params.id),
      303,
    );
  });

  app.get(`${DRAFTS}/:id/apercu`, async (request: DraftRequest, reply) => {
    const found = await ownDraft(request, reply);
    if (!found) return reply;
    const checked = checkDraft(found.draft);
    const past = checkHistory(found.draft, found.email);
    if (!checked.ok || !past.ok) {
      const [fault] = draftFaults(found.draft, found.email);
      return reply.redirect(`${draftHref(request.params.id, stepOf(fault!))}?${CHECK}`, 303);
    }
    const { convention } = checked;
    // A running convention: its past applied by the rules as of now, as the start will.
    const broughtIn = past.history && {
      history: past.history,
      outcome: bringIn(convention, past.history, found.email, now()),
    };
    const record = broughtIn
      ? broughtIn.outcome.ok && broughtIn.outcome.record
      : startRecord(convention, now());
    return send(
      reply,
      previewPage(found.context, {
        convention,
        text: JSON.stringify(convention),
        first: record ? plannedEmails(record, now()).slice(0, 8) : [],
        today: todayOf(now()),
        draft: request.params.id,
        broughtIn,
      }),
    );
  });

  app.get(`${DRAFTS}/:id/:step`, async (request: DraftRequest, reply) => {
    const step = stepOfSlug(request.params.step ?? '');
    if (!step) return send(reply, notFoundPage(shared.contextOf(request, reply)), 404);
    const found = await ownDraft(request, reply);
    if (!found) return reply;
    const checking = CHECK in (request.query as Record<string, unknown>);
    const faults = checking ? faultsOf(found.draft, step, found.email) : [];
    return send(
      reply,
      draftStepPage(found.context, {
        id: request.params.id,
        draft: found.draft,
        step,
        faults,
        today: todayOf(now()),
      }),
      faults.length ? 422 : 200,
    );
  });

  app.post(`${DRAFTS}/:id/supprimer`, async (request: DraftRequest, reply) => {
    const person = consoleAdmin(shared, request, reply);
    if (!person) return reply;
    await deps.drafts.delete(person.email, request.params.id);
    return reply.redirect(START, 303);
  });

  // A step saved, whatever it holds; then the button pressed says where to go: an item added or
  // removed (the same step, at that item), the previous or next step, or back to one's drafts.
  app.post(`${DRAFTS}/:id/:step`, async (request: DraftRequest, reply) => {
    const step = stepOfSlug(request.params.step ?? '');
    if (!step) return send(reply, notFoundPage(shared.contextOf(request, reply)), 404);
    const found = await ownDraft(request, reply);
    if (!found) return reply;
    const { id } = request.params;
    const values = Object.fromEntries(
      Object.entries(request.body as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
    ) as Values;
    const today = todayOf(now());
    const saved = withStep(found.draft, step, values);
    const changed =
      (values.ajouter && withItemAdded(saved, values.ajouter, today)) ||
      (values.retirer && withItemRemoved(saved, values.retirer)) ||
      saved;
    await deps.drafts.update(found.email, id, changed, now());

    const here = draftHref(id, step);
    if (values.ajouter) return reply.redirect(`${here}#${listAnchor(values.ajouter, changed)}`, 303);
    if (values.retirer) return reply.redirect(`${here}#etape`, 303);
    // Said running just now: its facts are asked for on the same step, before any is checked.
    if (isRunning(changed) && !isRunning(found.draft) && values.aller !== 'quitter')
      return reply.redirect(`${here}#history.document`, 303);
    const index = DRAFT_STEPS.indexOf(step);
    switch (values.aller) {
      case 'quitter':
        return reply.redirect(START, 303);
      case 'precedent':
        return reply.redirect(draftHref(id, DRAFT_STEPS[Math.max(0, index - 1)]), 303);
      default: {
        if (faultsOf(changed, step, found.email).length) return reply.redirect(`${here}?${CHECK}`, 303);
        const next = DRAFT_STEPS[index + 1];
        return reply.redirect(next ? draftHref(id, next) : draftHref(id), 303);
      }
    }
  });
};

/** Where the page goes back to after an item is added: the new item's inputs, or its list's. */
function listAnchor(list: string, draft: Draft): string {
  const items = valueIn(draft, list);
  const last = Array.isArray(items) ? items.length - 1 : -1;
  return last >= 0 && !/(contacts|echeancier)$/.test(list) ? `${list}.${last}` : 'etape';
}
