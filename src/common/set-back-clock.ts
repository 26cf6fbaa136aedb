import { Clock } from './clock.js';

/**
 * The service's clock, set back in time so the demo (and a test) can play a few weeks of flow in
 * seconds. It runs with real time from where it is set, and only ever moves forward, up to now.
 */
export class SetBackClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() - this.offsetMs);
  }

  moveTo(at: Date): void {
    const offset = Math.max(0, Date.now() - at.getTime());
    this.offsetMs = Math.min(this.offsetMs, offset);
  }

  startAt(at: Date): void {
    this.offsetMs = Math.max(0, Date.now() - at.getTime());
  }
}
