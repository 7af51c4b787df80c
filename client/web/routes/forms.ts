import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_FORMS, type ConsoleForm } from '../../../domain/access';
import { unreadAmounts } from '../../../domain/french/faults';
import { frenchRefusal } from '../../../domain/french/refusals';
import type { Refusal as DomainRefusal } from '../../../domain/refusals';
import { workflowIdFor } from '../../../workflows/messages';
import { publicationOnDataGouv, PublicationRefused } from '../../datagouv-publication';
import { conventionStatus, executeCommand, refusalOf, Refusal } from '../../temporal';
import { FORMS, presetValues, type FormContext, type Values } from '../forms';
import { readAmounts } from '../forms/spec';
import { forbiddenPage } from '../pages/errors';
import { formPage } from '../pages/form';
import type { Shared } from '../shared';

// Every command as a form, at /conventions/:id/<form>, for the people whose role gives it: shown
// with what a link's query chose, sent as the command's Update, shown again with the refusal.

const valuesOf = (body: unknown): Values =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([name]) => name !== '_csrf')
      .map(([name, value]) => [name, String(value)]),
  );

/** The domain's refusal behind a command's failure, refused here (a field) or by the workflow (a rule). */
export function refusedBy(error: unknown): DomainRefusal | undefined {
  if (error instanceof Refusal) return error.refusal;
  if (error instanceof WorkflowUpdateFailedError) return refusalOf(error);
  return undefined;
}

export const formsRoutes: FastifyPluginAsync<Shared> = async (app, { deps, now, send, access }) => {
  /** The person, the convention and what the form is shown with; or the page that says why not. */
  async function formAccess(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: ConsoleForm,
  ) {
    const granted = await access(request, reply);
    if (!granted) return undefined;
    const parties = granted.forms[form];
    if (!parties) {
      void send(
        reply,
        forbiddenPage(
          granted.context,
          `${granted.email} ne peut pas utiliser ce formulaire dans cette convention : « ${FORMS[form].title} » revient à d’autres rôles.`,
        ),
        403,
      );
      return undefined;
    }
    const handle = deps.client.workflow.getHandle(workflowIdFor(request.params.id));
    const formContext: FormContext = {
      convention: granted.convention,
      status: await conventionStatus(handle, now()),
      parties,
      now: now(),
    };
    return { ...granted, handle, formContext };
  }

  for (const form of CONSOLE_FORMS) {
    app.get<{ Params: { id: string }; Querystring: Values }>(
      `/conventions/:id/${form}`,
      async (request, reply) => {
        const granted = await formAccess(request, reply, form);
        if (!granted) return reply;
        const values = presetValues(form, request.query, granted.formContext);
        return send(reply, formPage(granted.context, { form, context: granted.formContext, values }));
      },
    );

    app.post<{ Params: { id: string } }>(`/conventions/:id/${form}`, async (request, reply) => {
      const granted = await formAccess(request, reply, form);
      if (!granted) return reply;
      const values = valuesOf(request.body);
      // Amounts as a person types them, read before anything is sent: the command takes `12500.00`.
      const amounts = readAmounts(FORMS[form].fields(granted.formContext), values);
      if (amounts.faults.length) {
        const labels = amounts.faults.map((fault) => String(fault.figures.label));
        const refused = { text: unreadAmounts(labels), faults: amounts.faults };
        return send(
          reply,
          formPage(granted.context, { form, context: granted.formContext, values, refused }),
          422,
        );
      }
      const { name, payload } = FORMS[form].command(amounts.values, granted.formContext);
      try {
        const given = { ...payload, as: granted.email };
        const completed =
          name === 'publish'
            ? await publicationOnDataGouv({
                target: deps.dataGouv,
                store: deps.documents,
                convention: granted.convention,
                status: granted.formContext.status,
                payload: given,
              })
            : given;
        await executeCommand(granted.handle, name, completed);
      } catch (error) {
        if (error instanceof PublicationRefused) {
          const view = {
            form,
            context: granted.formContext,
            values,
            refused: { text: error.message, faults: [] },
          };
          return send(reply, formPage(granted.context, view), 422);
        }
        const refusal = refusedBy(error);
        if (!refusal) throw error;
        const faults = refusal.code === 'invalid' ? refusal.figures.faults : [];
        const view = {
          form,
          context: granted.formContext,
          values,
          refused: { text: frenchRefusal(refusal), faults },
        };
        return send(reply, formPage(granted.context, view), 422);
      }
      return reply.redirect(`/conventions/${encodeURIComponent(request.params.id)}?done=${form}`, 303);
    });
  }
};
