import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { WakeChannel } from './wake.channel.js';

@Global()
@Module({ providers: [Clock, WakeChannel], exports: [Clock, WakeChannel] })
export class CommonModule {}
