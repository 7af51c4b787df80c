import { randomBytes } from 'node:crypto';
import type { Draft } from '../domain/draft';

// Conventions being written in the console's form (domain/draft.ts), kept between visits in
// SQLite or PostgreSQL. A draft belongs to the administrator who began it: every read and write
// names its owner, and another's draft is as if it did not exist.

/** A draft as the list of one's drafts shows it. */
export interface DraftSummary {
  id: string;
  /** The convention's title, or its startup's name, as far as they are written. */
  title: string | undefined;
  updatedAt: number;
}

export interface DraftStore {
  /** Keeps a new draft of `owner`'s: its id. */
  create(owner: string, draft: Draft, now: number): Promise<string>;
  /** `owner`'s draft `id`, if there is one. */
  get(owner: string, id: string): Promise<Draft | undefined>;
  /** Replaces `owner`'s draft `id`; false when there is none. */
  update(owner: string, id: string, draft: Draft, now: number): Promise<boolean>;
  /** `owner`'s drafts, the latest changed first. */
  list(owner: string): Promise<DraftSummary[]>;
  delete(owner: string, id: string): Promise<void>;
  close(): Promise<void>;
}

/** A draft's id: random, so that an address seen says nothing of others' drafts. */
export const newDraftId = () => randomBytes(12).toString('base64url');

/** Owners compared as addresses are: without case. */
export const ownerKey = (owner: string) => owner.toLowerCase();

/** What the list shows of a draft kept as JSON. */
export function summaryOf(id: string, data: string, updatedAt: number): DraftSummary {
  const { convention } = JSON.parse(data) as Draft;
  const startup = convention.startup as { name?: unknown } | undefined;
  const title = [convention.title, startup?.name].find((t): t is string => typeof t === 'string');
  return { id, title, updatedAt };
}
