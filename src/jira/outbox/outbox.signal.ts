import { Injectable } from '@nestjs/common';

/** In-process nudge so a decided change goes out at once instead of at the next poll. */
@Injectable()
export class OutboxSignal {
  private listener?: () => void;

  onWake(listener: () => void): void {
    this.listener = listener;
  }

  wake(): void {
    this.listener?.();
  }
}
