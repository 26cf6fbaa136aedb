import { Logger } from '@nestjs/common';

/**
 * Runs `pass` again and again: at once while it finds work or someone wakes the loop, else every
 * `pollMs` (the poll catches work written by other instances). `stop()` waits for the pass in flight.
 */
export class PollingLoop {
  private running = false;
  private wakeRequested = false;
  private loop?: Promise<void>;
  private sleeper?: { timer: NodeJS.Timeout; resolve: () => void };
  private readonly logger: Logger;

  constructor(
    name: string,
    private readonly pollMs: number,
    private readonly pass: () => Promise<boolean>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.wakeRequested = true;
    if (this.sleeper) {
      clearTimeout(this.sleeper.timer);
      this.sleeper.resolve();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      let busy = false;
      try {
        busy = await this.pass();
      } catch (error) {
        this.logger.error(`Pass failed: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (!busy && !this.wakeRequested) {
        await new Promise<void>((resolve) => {
          this.sleeper = { timer: setTimeout(resolve, this.pollMs), resolve };
        });
        this.sleeper = undefined;
      }
    }
  }
}
