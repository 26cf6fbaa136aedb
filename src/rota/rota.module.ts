import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { RotaRepository } from './persistence/rota.repository.js';
import { RotaController } from './rota.controller.js';
import { RotaService } from './rota.service.js';

/** Below the flow: the flow asks it who is designated; it never calls the flow. */
@Module({
  controllers: [RotaController],
  providers: [RotaService, RotaRepository],
  exports: [RotaService, RotaRepository],
})
export class RotaModule implements OnApplicationBootstrap {
  constructor(private readonly rota: RotaService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rota.syncActiveSprint();
  }
}
