import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { draftDocument } from '../../../document/draft';
import { DOCUMENT_PAGE } from '../../../domain/french/documents';
import { frenchRefusal } from '../../../domain/french/refusals';
import { isAdmin, isRepresentativeOf } from '../../../domain/roles';
import { downloadName } from '../../../domain/documents';
import { workflowIdFor } from '../../../workflows/messages';
import { electronicEvidence, EvidenceRefused } from '../../signature-evidence';
import { conventionStatus, executeCommand } from '../../temporal';
import { conventionHref } from '../layout';
import { documentPage, type DocumentView } from '../pages/document';
import { forbiddenPage, notFoundPage } from '../pages/errors';
import type { Shared } from '../shared';
import { refusedBy } from './forms';

// A convention's « Document » page (issue 31, item 7), for whoever may see the convention: the
// versions of its document as its workflow records them and every file kept for it, each
// downloaded by its SHA-256; its admins draft the model's version there (kept, then added by its
// hash to the register), and whoever signs in turn drops the PDF they signed, verified before the
// signature is recorded.

const SHA256 = /^[0-9a-f]{64}$/;
/** A signed convention with its annexes, signed by five parties: what the upload takes. */
const MAX_SIGNED_BYTES = 20 * 1024 * 1024;

type DocumentRequest = FastifyRequest<{
  Params: { id: string };
  Querystring: { fait?: string; partie?: string };
}>;

export const documentsRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, access } = shared;

  /** The page as the person sees it, with what was just done or refused. */
  async function pageOf(
    request: DocumentRequest,
    reply: FastifyReply,
    said: Pick<DocumentView, 'done' | 'refused' | 'justSigned'> = {},
    code = 200,
  ) {
    const granted = await access(request, reply);
    if (!granted) return reply;
    const { id } = request.params;
    const { convention, email } = granted;
    const status = await conventionStatus(deps.client.workflow.getHandle(workflowIdFor(id)), now());
    const inTurn = convention.parties.filter((party) => status.document.signingTurn.includes(party.id));
    return send(
      reply,
      documentPage(granted.context, convention, {
        files: await deps.documents.list(id),
        status,
        mayDraft: isAdmin(convention, email),
        maySignFor: inTurn.filter((party) => isRepresentativeOf(party, email) || isAdmin(convention, email)),
        ...said,
      }),
      code,
    );
  }

  app.get('/conventions/:id/document', async (request: DocumentRequest, reply) => {
    const { fait, partie } = request.query;
    const status = fait === 'signee' || fait === 'version' ? await doneStatus(request) : undefined;
    if (fait === 'version' && status?.document.versions.length)
      return pageOf(request, reply, { done: DOCUMENT_PAGE.versionAdded(status.document.versions.length) });
    if (fait === 'signee' && status) {
      const signature = status.signatures.find(
        (one) => one.party === partie && one.evidence?.kind === 'electronic',
      );
      if (signature) return pageOf(request, reply, { justSigned: signature });
    }
    return pageOf(request, reply);
  });

  /** The status once something was done, to say what (nothing is taken from the address but a party's id). */
  async function doneStatus(request: DocumentRequest) {
    return conventionStatus(deps.client.workflow.getHandle(workflowIdFor(request.params.id)), now());
  }

  app.get<{ Params: { id: string; sha256: string } }>(
    '/conventions/:id/document/:sha256',
    async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const { id, sha256 } = request.params;
      const kept = SHA256.test(sha256) ? await deps.documents.get(id, sha256) : undefined;
      if (!kept) return send(reply, notFoundPage(granted.context), 404);
      const { file, content } = kept;
      const status = await conventionStatus(deps.client.workflow.getHandle(workflowIdFor(id)), now());
      const version = status.document.versions.find((one) => one.sha256 === sha256);
      const label = version ? `version-${version.number}` : file.kind === 'signed' ? 'signee' : file.kind;
      // Its name is made of the convention's id and the version only: nothing typed reaches the header.
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${downloadName(id, label, file.mediaType)}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(content));
    },
  );

  app.post('/conventions/:id/document/modele', async (request: DocumentRequest, reply) => {
    const granted = await access(request, reply);
    if (!granted) return reply;
    if (!isAdmin(granted.convention, granted.email))
      return send(reply, forbiddenPage(granted.context, DOCUMENT_PAGE.adminsOnly), 403);
    const { id } = request.params;
    const kept = await deps.documents.add({
      conventionId: id,
      kind: 'version',
      content: await draftDocument(granted.convention),
      addedBy: granted.email,
      addedAt: new Date(now()).toISOString(),
      note: DOCUMENT_PAGE.modelNote,
    });
    const handle = deps.client.workflow.getHandle(workflowIdFor(id));
    try {
      await executeCommand(handle, 'add-version', {
        as: granted.email,
        sha256: kept.sha256,
        origin: 'model',
        note: DOCUMENT_PAGE.modelNote,
      });
    } catch (error) {
      const refusal = refusedBy(error);
      if (!refusal) throw error;
      return pageOf(
        request,
        reply,
        { refused: { title: DOCUMENT_PAGE.versionRefused, text: frenchRefusal(refusal) } },
        422,
      );
    }
    return reply.redirect(`${conventionHref(id)}/document?fait=version`, 303);
  });

  app.post(
    '/conventions/:id/document/signature',
    {
      bodyLimit: MAX_SIGNED_BYTES + 64 * 1024,
      config: { multipartOptions: { limits: { fileSize: MAX_SIGNED_BYTES, files: 1 } } },
    },
    async (request: DocumentRequest, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const { id } = request.params;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.signed;
      const party = String(body.party ?? '');
      if (!Buffer.isBuffer(file) || file.length === 0)
        return pageOf(
          request,
          reply,
          { refused: { title: DOCUMENT_PAGE.signatureRefused, text: DOCUMENT_PAGE.noFile } },
          422,
        );
      const handle = deps.client.workflow.getHandle(workflowIdFor(id));
      try {
        const evidence = await electronicEvidence({
          convention: granted.convention,
          status: await conventionStatus(handle, now()),
          party,
          file,
          trustAnchorsPem: deps.trustAnchorsPem,
          store: deps.documents,
          by: granted.email,
          at: new Date(now()).toISOString(),
        });
        await executeCommand(handle, 'sign', { as: granted.email, party, evidence });
      } catch (error) {
        if (error instanceof EvidenceRefused)
          return pageOf(
            request,
            reply,
            { refused: { title: DOCUMENT_PAGE.signatureRefused, text: error.message } },
            422,
          );
        const refusal = refusedBy(error);
        if (!refusal) throw error;
        return pageOf(
          request,
          reply,
          { refused: { title: DOCUMENT_PAGE.signatureRefused, text: frenchRefusal(refusal) } },
          422,
        );
      }
      return reply.redirect(
        `${conventionHref(id)}/document?fait=signee&partie=${encodeURIComponent(party)}`,
        303,
      );
    },
  );
};
