import { downloadName, numberedVersions } from '../../../domain/documents';
import {
  DOCUMENT_PAGE as WORDS,
  frenchSize,
  KIND_NAMES,
  MEDIA_TYPE_NAMES,
  THE_KIND,
} from '../../../domain/french/documents';
import { frenchDateTime } from '../../../domain/french/words';
import type { StoredFile } from '../../../store/documents';
import { html, type Html } from '../html';
import type { TConvention, TParty } from '../../../domain/convention';
import type { ConventionStatus } from '../../../domain/status';
import { alert, conventionHref, csrfField, dataTable, layout, partyName, type PageContext } from '../layout';

// A convention's « Document » page (issue 31, item 7): the versions of its document kept in the
// register's database, each with its SHA-256 and a link that downloads it; the signed files and
// scans after them; whose turn it is to sign and, for them, the upload of the signed PDF; for its
// admins, the button that drafts the model's version. A convention started before the workflow
// recorded versions numbers the files kept for it in their order.

/** Where a kept file downloads from. */
export const fileHref = (id: string, sha256: string) => `${conventionHref(id)}/document/${sha256}`;

export interface DocumentView {
  files: readonly StoredFile[];
  /** Where the convention stands: its versions as its workflow records them, whose turn it is to sign. */
  status: ConventionStatus;
  /** Whether the person may draft a version: an admin of the convention. */
  mayDraft: boolean;
  /** The parties in turn the person may sign for (their representative, or an admin). */
  maySignFor: readonly TParty[];
  /** What was just done, said above the lists. */
  done?: string;
  /** A signature just verified and recorded: what the verification found. */
  justSigned?: ConventionStatus['signatures'][number];
  /** Why what was just asked was not done: what was not done, and why. */
  refused?: { title: string; text: string };
}

/** A kept file as a row shows it: its first cell, the name it downloads under, what its link says it is. */
interface Row {
  file: StoredFile;
  first: string;
  label: string;
  what: string;
}

function fileRows(id: string, rows: readonly Row[]): Html {
  return html`${rows.map(
    ({ file, first, label, what }) =>
      html`<tr>
        <td>${first}</td>
        <td><code class="console-hash">${file.sha256}</code></td>
        <td>${file.addedBy}</td>
        <td>${frenchDateTime(file.addedAt)}</td>
        <td>${file.note ?? ''}</td>
        <td>
          <a
            class="fr-link fr-icon-download-line fr-link--icon-left"
            href="${fileHref(id, file.sha256)}"
            download="${downloadName(id, label, file.mediaType)}"
            >${WORDS.download(what, MEDIA_TYPE_NAMES[file.mediaType], frenchSize(file.bytes))}</a
          >
        </td>
      </tr>`,
  )}`;
}

function filesTable(caption: string, firstColumn: string, rows: Html): Html {
  const { columns } = WORDS;
  return dataTable(
    html`<table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${firstColumn}</th>
          <th scope="col">${columns.sha256}</th>
          <th scope="col">${columns.by}</th>
          <th scope="col">${columns.on}</th>
          <th scope="col">${columns.note}</th>
          <th scope="col">${columns.file}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`,
  );
}

/** The versions as the workflow numbers them, each with its kept file (none when it is kept elsewhere). */
function versionRows(id: string, view: DocumentView): Row[] {
  const recorded = view.status.document.versions;
  const kept = new Map(view.files.map((file) => [file.sha256, file]));
  if (!recorded.length)
    return numberedVersions(view.files).map((file) => ({
      file,
      first: String(file.number),
      label: `version-${file.number}`,
      what: WORDS.versionLabel(file.number),
    }));
  return recorded.flatMap((version) => {
    const file = kept.get(version.sha256);
    return file
      ? [
          {
            file,
            first: String(version.number),
            label: `version-${version.number}`,
            what: WORDS.versionLabel(version.number),
          },
        ]
      : [];
  });
}

/** What a verified signature's proof says, in words. */
function verificationText(convention: TConvention, signature: NonNullable<DocumentView['justSigned']>): Html {
  const evidence = signature.evidence;
  if (evidence?.kind !== 'electronic') return html``;
  return alert(
    'success',
    WORDS.signatureVerified(partyName(convention, signature.party)),
    WORDS.verification(evidence.signer.name, frenchDateTime(evidence.signedAt), evidence.certificate.issuer),
  );
}

/** Whose turn it is, how to sign, and the upload for those who may. */
function signingSection(context: PageContext, convention: TConvention, view: DocumentView): Html {
  const { document } = view.status;
  const turn = document.signingTurn.map((party) => partyName(convention, party));
  if (!turn.length && !document.signedDocumentSha256) return html``;
  const id = convention.id;
  return html`<h2>${WORDS.signingHeading}</h2>
    <p>${turn.length ? WORDS.signingTurn(turn.join(', ')) : WORDS.allSigned}</p>
    ${
      view.maySignFor.length
        ? html`<p>${WORDS.howToSign}</p>
            <form
              method="post"
              action="${conventionHref(id)}/document/signature"
              enctype="multipart/form-data"
            >
              ${csrfField(context.csrf)}
              <div class="fr-select-group">
                <label class="fr-label" for="party">${WORDS.signFor}</label>
                <select class="fr-select" id="party" name="party">
                  ${view.maySignFor.map((party) => html`<option value="${party.id}">${partyName(convention, party.id)}</option>`)}
                </select>
              </div>
              <div class="fr-upload-group fr-mb-3w">
                <label class="fr-label" for="signed">${WORDS.signedFile}</label>
                <input
                  class="fr-upload"
                  type="file"
                  id="signed"
                  name="signed"
                  accept="application/pdf,.pdf"
                  required
                />
              </div>
              <button class="fr-btn" type="submit">${WORDS.signButton}</button>
            </form>`
        : ''
    }`;
}

export function documentPage(context: PageContext, convention: TConvention, view: DocumentView): Html {
  const id = convention.id;
  const versions = versionRows(id, view);
  const others = view.files
    .filter((file) => file.kind !== 'version')
    .map((file): Row => ({
      file,
      first: KIND_NAMES[file.kind],
      label: file.kind === 'signed' ? 'signee' : 'scan',
      what: THE_KIND[file.kind],
    }));
  return layout(
    WORDS.title(id),
    context,
    html`<h1>${WORDS.heading(id)}</h1>
      ${view.refused ? alert('error', view.refused.title, view.refused.text) : ''}
      ${view.done ? alert('success', view.done) : ''}
      ${view.justSigned ? verificationText(convention, view.justSigned) : ''}
      <p>${WORDS.intro}</p>
      ${
        versions.length
          ? filesTable(WORDS.versions, WORDS.columns.number, fileRows(id, versions))
          : html`<p>${WORDS.noVersion}</p>`
      }
      ${others.length ? filesTable(WORDS.others, WORDS.columns.kind, fileRows(id, others)) : ''}
      ${signingSection(context, convention, view)}
      ${
        view.mayDraft
          ? html`<h2>${WORDS.draftHeading}</h2>
              <p>${WORDS.draftIntro}</p>
              <form method="post" action="${conventionHref(id)}/document/modele">
                ${csrfField(context.csrf)}
                <button class="fr-btn" type="submit">${WORDS.draftButton}</button>
              </form>`
          : ''
      }
      <p class="fr-mt-4w"><a class="fr-link" href="${conventionHref(id)}">${WORDS.back}</a></p>`,
  );
}
