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
import { alert, conventionHref, csrfField, dataTable, layout, type PageContext } from '../layout';

// A convention's « Document » page (issue 31, item 7): the versions of its document kept in the
// register's database, each with its SHA-256 and a link that downloads it; the signed files and
// scans after them; for its admins, the button that drafts the model's version. Until the workflow
// records versions, the files kept for the convention are its versions, numbered in their order.

/** Where a kept file downloads from. */
export const fileHref = (id: string, sha256: string) => `${conventionHref(id)}/document/${sha256}`;

export interface DocumentView {
  files: readonly StoredFile[];
  /** Whether the person may draft a version: an admin of the convention. */
  mayDraft: boolean;
  /** What was just done, said above the lists. */
  done?: string;
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

export function documentPage(context: PageContext, id: string, view: DocumentView): Html {
  const versions = numberedVersions(view.files).map((file): Row => ({
    file,
    first: String(file.number),
    label: `version-${file.number}`,
    what: WORDS.versionLabel(file.number),
  }));
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
      ${view.done ? alert('success', view.done) : ''}
      <p>${WORDS.intro}</p>
      ${
        versions.length
          ? filesTable(WORDS.versions, WORDS.columns.number, fileRows(id, versions))
          : html`<p>${WORDS.noVersion}</p>`
      }
      ${others.length ? filesTable(WORDS.others, WORDS.columns.kind, fileRows(id, others)) : ''}
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
