import type { FastifyPluginAsync } from 'fastify';
import { draftDocument } from '../../../document/draft';
import { DOCUMENT_PAGE } from '../../../domain/french/documents';
import { isAdmin } from '../../../domain/roles';
import { downloadName, numberedVersions } from '../../../domain/documents';
import { conventionHref } from '../layout';
import { documentPage } from '../pages/document';
import { forbiddenPage, notFoundPage } from '../pages/errors';
import type { Shared } from '../shared';

// A convention's « Document » page (issue 31, item 7), for whoever may see the convention: the
// files kept for it, each downloaded by its SHA-256; its admins draft the model's version there.

const SHA256 = /^[0-9a-f]{64}$/;

/** What the page says once a version is drafted (`?fait=`): a Map, so that a key from the address finds only its own. */
const DONE = new Map([
  ['modele', DOCUMENT_PAGE.drafted],
  ['deja', DOCUMENT_PAGE.alreadyKept],
]);

export const documentsRoutes: FastifyPluginAsync<Shared> = async (app, shared) => {
  const { deps, now, send, access } = shared;

  app.get<{ Params: { id: string }; Querystring: { fait?: string } }>(
    '/conventions/:id/document',
    async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const { id } = request.params;
      return send(
        reply,
        documentPage(granted.context, id, {
          files: await deps.documents.list(id),
          mayDraft: isAdmin(granted.convention, granted.email),
          done: request.query.fait ? DONE.get(request.query.fait) : undefined,
        }),
      );
    },
  );

  app.get<{ Params: { id: string; sha256: string } }>(
    '/conventions/:id/document/:sha256',
    async (request, reply) => {
      const granted = await access(request, reply);
      if (!granted) return reply;
      const { id, sha256 } = request.params;
      const kept = SHA256.test(sha256) ? await deps.documents.get(id, sha256) : undefined;
      if (!kept) return send(reply, notFoundPage(granted.context), 404);
      const { file, content } = kept;
      const version = numberedVersions(await deps.documents.list(id)).find((one) => one.sha256 === sha256);
      const label = version ? `version-${version.number}` : file.kind === 'signed' ? 'signee' : 'scan';
      // Its name is made of the convention's id and the version only: nothing typed reaches the header.
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${downloadName(id, label, file.mediaType)}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(content));
    },
  );

  app.post<{ Params: { id: string } }>('/conventions/:id/document/modele', async (request, reply) => {
    const granted = await access(request, reply);
    if (!granted) return reply;
    if (!isAdmin(granted.convention, granted.email))
      return send(reply, forbiddenPage(granted.context, DOCUMENT_PAGE.adminsOnly), 403);
    const { id } = request.params;
    const content = await draftDocument(granted.convention);
    const before = await deps.documents.list(id);
    const kept = await deps.documents.add({
      conventionId: id,
      kind: 'version',
      content,
      addedBy: granted.email,
      addedAt: new Date(now()).toISOString(),
      note: DOCUMENT_PAGE.modelNote,
    });
    const already = before.some((file) => file.sha256 === kept.sha256);
    return reply.redirect(`${conventionHref(id)}/document?fait=${already ? 'deja' : 'modele'}`, 303);
  });
};
