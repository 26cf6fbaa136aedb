import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Identity, personOf } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import { DataFixesService } from './data-fixes.service.js';
import { CreateDataFixDto } from './dto/create-data-fix.dto.js';
import { EditDataFixDto } from './dto/edit-data-fix.dto.js';
import { ListDataFixesQuery } from './dto/list-data-fixes.query.js';
import { PreprodRunDto } from './dto/preprod-run.dto.js';
import { ProductionApprovalDto } from './dto/production-approval.dto.js';
import { ProductionRunDto } from './dto/production-run.dto.js';
import { ReviewDataFixDto } from './dto/review-data-fix.dto.js';

/** An id that is not a number names no data fix. */
const ID = new ParseIntPipe({ exceptionFactory: () => new DomainError('not_found', 'There is no such data fix') });

/** The four-eyes steps of a data fix (contract.md "Data fixes (four eyes)"); the person is the token's identity. */
@ApiTags('data-fixes')
@ApiBearerAuth()
@Controller('api/data-fixes')
export class DataFixesController {
  constructor(private readonly fixes: DataFixesService) {}

  @Post()
  @HttpCode(201)
  @Roles('support', 'admin')
  propose(@Body() body: CreateDataFixDto, @CurrentIdentity() who: Identity) {
    return this.fixes.propose(body, personOf(who));
  }

  @Put(':id')
  @Roles('support', 'admin')
  edit(@Param('id', ID) id: number, @Body() body: EditDataFixDto, @CurrentIdentity() who: Identity) {
    return this.fixes.edit(id, body.sql, personOf(who));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('support', 'po', 'admin')
  review(@Param('id', ID) id: number, @Body() body: ReviewDataFixDto, @CurrentIdentity() who: Identity) {
    return this.fixes.decide(id, { type: 'review', person: personOf(who), decision: body.decision, comment: body.comment });
  }

  @Post(':id/preprod-run')
  @HttpCode(200)
  @Roles('support', 'admin')
  preprodRun(@Param('id', ID) id: number, @Body() body: PreprodRunDto, @CurrentIdentity() who: Identity) {
    const { environment, rowsAffected, verified, note = '' } = body;
    return this.fixes.decide(id, { type: 'preprodRun', person: personOf(who), environment, rowsAffected, verified, note });
  }

  @Post(':id/production-approval')
  @HttpCode(200)
  @Roles('support', 'po', 'admin')
  approveProduction(@Param('id', ID) id: number, @Body() body: ProductionApprovalDto, @CurrentIdentity() who: Identity) {
    return this.fixes.decide(id, { type: 'productionApproval', person: personOf(who), comment: body.comment ?? '' });
  }

  @Post(':id/production-run')
  @HttpCode(200)
  @Roles('support', 'admin')
  productionRun(@Param('id', ID) id: number, @Body() body: ProductionRunDto, @CurrentIdentity() who: Identity) {
    return this.fixes.decide(id, { type: 'productionRun', person: personOf(who), rowsAffected: body.rowsAffected, note: body.note ?? '' });
  }

  @Get()
  list(@Query() query: ListDataFixesQuery) {
    return this.fixes.list(query.ticketKey);
  }

  @Get(':id')
  get(@Param('id', ID) id: number) {
    return this.fixes.get(id);
  }
}
