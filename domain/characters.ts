// Characters that no text of ours keeps (issue 28). Controls break the lines of what we write — a
// carriage return in a name ended an .ics line and began an ATTENDEE of the sender's choosing —
// and hide in what a person reads; bidirectional controls make a name read otherwise than it is
// written (U+202E shows "gpj.exe" as "exe.jpg"). Letters of any script stay: only these go.
// The fields refuse them (domain/fields.ts); writers drop them from values stored before.

// eslint-disable-next-line no-control-regex -- finding controls is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** What a text of several lines holds beside its letters: line breaks (CRLF from a form) and tabs. */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
/** The bidirectional controls: marks, embeddings, overrides, isolates. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** `U+000D`: a character as the refusal names it, since a control cannot be shown. */
export const codePoint = (character: string) =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first control character of `value`, line breaks and tabs allowed when it has `lines: 'several'`. */
export function firstControl(value: string, lines: 'one' | 'several'): string | undefined {
  for (const character of value)
    if (CONTROL.test(character) && !(lines === 'several' && LINE_BREAK_OR_TAB.test(character)))
      return character;
  return undefined;
}

/** The first bidirectional control of `value`. */
export function firstBidiControl(value: string): string | undefined {
  for (const character of value) if (BIDI_CONTROL.test(character)) return character;
  return undefined;
}

/**
 * `value` without its controls and bidirectional controls, for a writer: line breaks and tabs kept
 * (as `\n`, a lone `\r` or a CRLF being one) or made a space, the others dropped.
 */
export function withoutControls(value: string, lineBreaks: 'keep' | 'as-space'): string {
  let kept = '';
  for (const character of value.replace(/\r\n?/g, '\n')) {
    if (LINE_BREAK_OR_TAB.test(character)) kept += lineBreaks === 'keep' ? character : ' ';
    else if (!CONTROL.test(character) && !BIDI_CONTROL.test(character)) kept += character;
  }
  return kept;
}
