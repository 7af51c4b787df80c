import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';

// How the convention's loop sleeps: until its next email or change of state (a timer kept while
// that instant stays the same: replacing it at each command wrote two events to the history for
// nothing), or until a command changes the record, whichever comes first.

/** The timer that wakes the loop for the next email or change of state, replaced only when that instant changes. */
export class WakeTimer {
  private current?: { at: number; scope: CancellationScope; fired: Promise<void> };

  /** Resolves at `at` (never when `at` is Infinity); a timer for another instant is cancelled. */
  at(at: number): Promise<void> {
    if (this.current?.at === at) return this.current.fired;
    this.current?.scope.cancel();
    this.current = undefined;
    if (at === Infinity) return new Promise(() => {});
    const scope = new CancellationScope();
    const fired = scope
      .run(() => sleep(at - Date.now()))
      .then(
        () => {
          this.current = undefined;
        },
        (error: unknown) => {
          // Cancelled because the instant changed: whoever waits now waits on the new timer.
          if (!isCancellation(error)) throw error;
        },
      );
    this.current = { at, scope, fired };
    return fired;
  }
}

/**
 * Waits until `wake` resolves or `changed()` holds, whichever first, and leaves no condition
 * behind: one left pending at each wake-up would pile up in a quiet convention, every one of them
 * evaluated again at each activation. Call it with a `wake` made outside it (a timer started in its
 * scope would be cancelled with the condition).
 */
export async function untilWokenOr(wake: Promise<void>, changed: () => boolean): Promise<void> {
  await CancellationScope.cancellable(async () => {
    try {
      await Promise.race([wake, condition(changed)]);
    } finally {
      CancellationScope.current().cancel();
    }
  });
}
