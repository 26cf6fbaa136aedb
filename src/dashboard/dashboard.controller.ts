import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { Public } from '../auth/roles.decorator.js';
import { DashboardService } from './dashboard.service.js';
import { dashboardHtml } from './page/dashboard.html.js';
import { ticketHtml } from './page/ticket.html.js';

@ApiTags('dashboard')
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** The page itself holds no data: it asks for a token and reads the API with it. */
  @Get()
  @Public()
  @ApiExcludeEndpoint()
  page(@Res() res: Response): void {
    send(res, dashboardHtml);
  }

  /** One ticket's timeline; like `/`, the page holds no data (the key is read from the path by the client). */
  @Get('tickets/:key')
  @Public()
  @ApiExcludeEndpoint()
  ticketPage(@Res() res: Response): void {
    send(res, ticketHtml);
  }

  @Get('api/dashboard')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The Jira site for links, the release environment, and the pending and failed Jira changes' })
  overview() {
    return this.dashboard.overview();
  }
}

function send(res: Response, html: (nonce: string) => string): void {
  const nonce = randomBytes(16).toString('base64');
  res.set({
    'Content-Security-Policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.type('html').send(html(nonce));
}
