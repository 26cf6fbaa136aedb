interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers what arrives within `windowMs` (or up to `max` items) and writes it with one call: one
 * round trip and one commit for many requests. Each caller's promise settles after that write, so an
 * answer still follows durable storage. `write` returns one result per item, in order; an Error in
 * its place fails that caller alone.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<(R | Error)[]>,
    private readonly max = 64,
    private readonly windowMs = 2,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.max) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    this.write(batch.map((w) => w.item)).then(
      (results) =>
        batch.forEach((w, i) => {
          const result = results[i];
          if (result instanceof Error) w.reject(result);
          else w.resolve(result as R);
        }),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }
}
