import { Injectable } from '@nestjs/common';

/** Time is a side effect: services ask the clock, tests can inject another. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
