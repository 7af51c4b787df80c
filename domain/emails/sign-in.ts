import { written, type RenderedEmail } from './french';

// The console's one-time sign-in link (SPEC §9): about no convention, so rendered on its own, as
// the weekly digest is.

/** The sign-in email's `X-Convention-Kind`. */
export const SIGN_IN_KIND = 'sign-in-link';

export const renderSignInLink = (link: string): RenderedEmail =>
  written({
    subject: 'Votre lien de connexion — Conventions beta.gouv.fr',
    paragraphs: [
      ['Bonjour,'],
      ['Pour vous connecter, ouvrez ce lien, valable 15 minutes et utilisable une fois :'],
      [{ link, words: link }],
      ['Si vous n’avez rien demandé, ignorez ce message.'],
    ],
  });
