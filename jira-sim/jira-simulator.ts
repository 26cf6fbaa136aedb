// A Jira Cloud simulator for e2e tests: serves the REST endpoints jira.js calls (REST v3, Agile 1.0,
// Service Desk) with Jira's JSON shapes over real HTTP, and sends signed webhooks for every change,
// the service's own included. Choices where Jira varies are documented where they are made:
// - transitions are global: every status is reachable from every other; transition id = "1" + status id
// - new issues start in the project's initialStatusId, else the 'new'-category status with the lowest id
// - entering a 'done' status sets resolution "Done" unless one is given; leaving 'done' clears it
// - issue links: inwardKey (POST's inwardIssue) is the source and reads with the outward words
// - a closed sprint stays in its issues' sprint field; closeSprint can move the unfinished ones on
import { AgileRoutes } from './agile-routes';
import { CommentRoutes } from './comment-routes';
import { FaultInjector, matchesRequest } from './fault-injector';
import { conformance, conforms, describeRow, journalingOn } from './openapi/conformance';
import { IssueActions, type EditPatch } from './issue-actions';
import { IssueRoutes, transitionIdFor } from './issue-routes';
import { JiraJson } from './jira-json';
import { PlatformRoutes } from './platform-routes';
import { RestServer } from './rest-server';
import { RouteContext } from './route-context';
import { Router } from './router';
import { ServiceDeskRoutes } from './service-desk-routes';
import { SimState, type RankPosition } from './sim-state';
import type { SimSlaMetric } from './sla';
import { textToAdf } from './adf';
import { WebhookBodies } from './webhook-bodies';
import { WebhookEmitter } from './webhook-emitter';
import { SearchIndex } from './search-index';
import { SimJql } from './sim-jql';
import { compileJql, matchesJql } from './jql';
import type {
  CreateIssueInput,
  DeliveryLogEntry,
  DeliveryOptions,
  Fault,
  FaultMatch,
  LostAnswer,
  SeedIssueInput,
  SimBoard,
  SimComment,
  SimHistory,
  SimIssue,
  SimLink,
  SimOptions,
  SimProject,
  SimRequestLog,
  SimSprint,
  SimStatus,
  SimUser,
} from './types';

/** documented operations that read although they are POSTs */
const READS_BY_POST = new Set(['searchAndReconsileIssuesUsingJqlPost', 'getCommentsByIds']);

export class JiraSimulator {
  private readonly state: SimState;
  private readonly actions: IssueActions;
  private readonly emitter: WebhookEmitter;
  private readonly faults = new FaultInjector();
  private readonly rest: RestServer;
  private readonly jql: SimJql;
  private readonly index: SearchIndex;
  private webhookJql: string | undefined;
  private url = '';

  private readonly serviceAccount: string;

  constructor(opts: SimOptions) {
    this.serviceAccount = opts.serviceAccountId;
    this.state = new SimState(opts.clock ?? Date.now);
    this.state.addUser({ accountId: opts.serviceAccountId, displayName: opts.serviceAccountName ?? 'Flow Orchestrator', email: opts.email });
    const json = new JiraJson(this.state, () => this.url || 'http://jira-simulator.invalid');
    this.emitter = new WebhookEmitter(opts.webhookSecret, opts.webhookToken);
    this.emitter.setUrl(opts.webhookUrl);
    this.jql = new SimJql(this.state);
    this.index = new SearchIndex(this.state);
    this.state.onRemove = (key) => this.index.changed(key);
    const emit = (body: Record<string, unknown>): void => {
      this.state.touch(); // every change emits: searches see it from here on (lagMs later with a lagging index)
      const key = (body.issue as { key?: unknown } | undefined)?.key;
      if (typeof key === 'string') this.index.changed(key);
      if (this.passesWebhookFilter(body)) this.emitter.emit(body);
    };
    this.actions = new IssueActions(this.state, new WebhookBodies(this.state, json), emit, opts.issueCommentedEvents ?? false);
    const ctx = new RouteContext(this.state, json, this.actions, opts.serviceAccountId, () => this.url, this.index);
    const router = new Router();
    for (const routes of [new IssueRoutes(ctx), new CommentRoutes(ctx), new PlatformRoutes(ctx), new AgileRoutes(ctx), new ServiceDeskRoutes(ctx)])
      routes.register(router);
    this.rest = new RestServer(router, this.faults, this.emitter, opts, opts.checkResponses ?? false);
  }

  /** the transition id the simulator uses for moving into a status */
  static transitionIdFor(statusId: string): string {
    return transitionIdFor(statusId);
  }

  async start(port?: number): Promise<string> {
    this.url = await this.rest.start(port);
    return this.url;
  }

  /** In the e2e suite (journal on), a stop also fails on any call it received that Atlassian's documents do not allow (teardown calls included). */
  async stop(): Promise<void> {
    await this.emitter.stop();
    await this.rest.stop();
    if (!journalingOn()) return;
    const wrong = conformance(this.rest.requests).filter((r) => !conforms(r));
    if (wrong.length > 0) throw new Error(`Calls to Jira that Atlassian's documents do not allow:\n${wrong.map(describeRow).join('\n')}`);
  }

  get baseUrl(): string {
    return this.rest.baseUrl;
  }

  setWebhookUrl(url: string | undefined): void {
    this.emitter.setUrl(url);
  }

  /**
   * The JQL of the registered webhook. Atlassian, "Webhooks" (Restricting your events to a subset of
   * issues via JQL): "JQL filtering is only supported by a subset of webhook events" — issue and
   * comment events; sprint, board and issue link events are sent whatever the JQL.
   */
  setWebhookFilter(jql: string | undefined): void {
    if (jql !== undefined) compileJql(jql, this.jql.context(this.serviceAccount));
    this.webhookJql = jql;
  }

  private passesWebhookFilter(body: Record<string, unknown>): boolean {
    if (this.webhookJql === undefined || !/^(jira:issue_|comment_)/.test(String(body.webhookEvent))) return true;
    const key = (body.issue as { key?: unknown } | undefined)?.key;
    const issue = typeof key === 'string' ? this.state.find(key) : undefined;
    return issue !== undefined && matchesJql(this.webhookJql, this.jql.view(issue, 0), this.jql.context(this.serviceAccount));
  }

  // --- seeding (no webhooks) ---

  addUser(user: SimUser): void {
    this.state.addUser(user);
  }

  addStatus(status: SimStatus): void {
    this.state.addStatus(status);
  }

  addProject(project: Omit<SimProject, 'id' | 'name'> & { id?: string; name?: string }): void {
    this.state.addProject(project);
  }

  /** "Blocks" and "Relates" exist from the start */
  addLinkType(type: { id?: string; name: string; inward: string; outward: string }): void {
    this.state.addLinkType(type);
  }

  addBoard(board: Omit<SimBoard, 'filterId'> & { filterId?: string }): void {
    this.state.addBoard(board);
  }

  addSprint(sprint: SimSprint): void {
    this.state.addSprint(sprint);
  }

  /** appended at the bottom of the rank order; ids are numeric strings */
  seedIssue(input: SeedIssueInput): SimIssue {
    const issue = this.actions.seed(input);
    this.index.seeded(issue.key);
    return this.state.snapshot(issue);
  }

  /**
   * Let searches (/rest/api/3/search/jql and the Agile issue lists) see each change only `ms` later,
   * as Jira's search index does; `reconcileIssues` ids are always current. 0 (default): no lag.
   */
  setSearchIndexLag(ms: number): void {
    this.index.setLag(ms);
  }

  /**
   * Replaces the JSM SLA metrics of a request (an issue of a service desk project, else it throws), as
   * getSlaInformation serves them; build them with `slaMetric` (sla.ts). A running clock's elapsed time
   * advances with the simulator's clock from now on, and it reports breached once its remaining time is ≤ 0.
   */
  setSla(key: string, metrics: SimSlaMetric[]): void {
    this.state.setSla(key, metrics);
  }

  // --- actions by a person in the Jira UI: change and emit webhooks with user = `by` ---

  /** resolution: undefined = default (Done when entering a done status, cleared when leaving), null = none */
  transition(key: string, toStatusId: string, by: string, opts: { resolution?: string | null } = {}): void {
    if (this.state.require(key).statusId === toStatusId) throw new Error(`${key} is already in status ${toStatusId}`);
    this.actions.transition(key, toStatusId, by, opts.resolution);
  }

  rank(key: string, position: RankPosition, by: string): void {
    this.actions.rank(key, position, by);
  }

  createIssue(input: CreateIssueInput, by: string): SimIssue {
    return this.state.snapshot(this.actions.create(input, by));
  }

  deleteIssue(key: string, by: string): void {
    this.actions.deleteIssue(key, by);
  }

  /** "inwardKey <outward words> outwardKey", e.g. linkIssues('Blocks', 'A', 'B') = A blocks B */
  linkIssues(type: string, inwardKey: string, outwardKey: string, by: string): SimLink {
    const link = this.actions.link(type, inwardKey, outwardKey, by);
    const found = link ?? this.state.linksOf(inwardKey.toUpperCase()).find((l) => l.type === type && l.outwardKey === outwardKey.toUpperCase());
    if (!found) throw new Error(`Could not link ${inwardKey} to ${outwardKey}`);
    return { ...found };
  }

  /** seeding: a link that already exists, no webhook */
  seedLink(type: string, inwardKey: string, outwardKey: string): SimLink {
    const linkType = this.state.linkType(type);
    if (!linkType) throw new Error(`Unknown link type ${type}`);
    const link: SimLink = {
      id: this.state.newLinkId(),
      type: linkType.name,
      inwardKey: this.state.require(inwardKey).key,
      outwardKey: this.state.require(outwardKey).key,
    };
    this.state.links.set(link.id, link);
    return { ...link };
  }

  unlink(linkId: string, by: string): void {
    this.actions.unlink(linkId, by);
  }

  assign(key: string, accountId: string | null, by: string): void {
    this.actions.assign(key, accountId, by);
  }

  setLabels(key: string, labels: string[], by: string): void {
    this.actions.edit(key, { labels }, by);
  }

  /** summary / description (text) / priority / labels / custom fields */
  editIssue(key: string, patch: Omit<EditPatch, 'description'> & { description?: string | null }, by: string): void {
    const { description, ...rest } = patch;
    const adf = description === undefined ? {} : { description: description === null ? null : textToAdf(description) };
    this.actions.edit(key, { ...rest, ...adf }, by);
  }

  addComment(key: string, text: string, by: string, opts: { public?: boolean } = {}): SimComment {
    return structuredClone(this.actions.comment(key, { body: textToAdf(text), public: opts.public ?? true, via: 'ui' }, by));
  }

  startSprint(sprintId: number, by: string): void {
    void by; // sprint events carry no user
    this.actions.startSprint(sprintId);
  }

  /** unfinished issues stay in the closed sprint's field unless moveOpenIssuesTo is given */
  closeSprint(sprintId: number, by: string, opts: { moveOpenIssuesTo?: number } = {}): void {
    this.actions.closeSprint(sprintId, by, opts.moveOpenIssuesTo);
  }

  /** sprintId null = to the backlog */
  moveToSprint(keys: string[], sprintId: number | null, by: string): void {
    this.actions.moveToSprint(keys, sprintId, by);
  }

  // --- inspection ---

  issue(key: string): SimIssue | undefined {
    const issue = this.state.find(key);
    return issue ? this.state.snapshot(issue) : undefined;
  }

  /** platform and service-desk comments of the issue, in order */
  comments(key: string): SimComment[] {
    return structuredClone(this.state.comments.filter((c) => c.issueKey === key.toUpperCase()));
  }

  /** the issue's history (changes after creation), oldest first */
  changelog(key: string): SimHistory[] {
    return structuredClone(this.state.histories.get(key.toUpperCase()) ?? []);
  }

  rankOrder(): string[] {
    return this.state.allIssues().map((i) => i.key);
  }

  get requests(): SimRequestLog[] {
    return this.rest.requests;
  }

  /** answers that did not match Atlassian's documented response (with `checkResponses`) */
  responseProblems(): string[] {
    return [...this.rest.responseProblems];
  }

  /** requests that change Jira, applied by the simulator (also those whose answer a fault replaced); reads sent by POST (search, comments by ids) are not writes */
  writes(filter: FaultMatch = {}): SimRequestLog[] {
    return this.rest.requests.filter(
      (r) => r.method !== 'GET' && !READS_BY_POST.has(r.operationId ?? '') && r.applied === true && matchesRequest(filter, r.method, r.path),
    );
  }

  // --- REST faults ---

  failNext(n: number, fault: Fault): void {
    this.faults.failNext(n, fault);
  }

  failFor(ms: number, fault: Fault): void {
    this.faults.failFor(ms, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /**
   * The next `n` requests matching `match` are applied (the change is made, its webhooks sent) and
   * their answer is lost as `how` says; `late` answers after `lateMs`, `slow_write` makes the change
   * only then (set it past the client's timeout).
   */
  loseAnswers(match: FaultMatch, how: LostAnswer, options: { n?: number; lateMs?: number } = {}): void {
    const faults: Record<LostAnswer, Fault> = {
      error: { status: 504, applied: true, match, body: { errorMessages: ['Gateway Timeout'], errors: {} } },
      drop: { status: 0, applied: true, dropConnection: true, match },
      late: { status: 0, applied: true, lateMs: options.lateMs ?? 3000, match },
      slow_write: { status: 0, applied: true, applyAfterMs: options.lateMs ?? 3000, match },
    };
    const fault = faults[how];
    this.faults.failNext(options.n ?? 1, fault);
  }

  /** `then` runs once, as soon as the answer to the next request matching `match` has been sent (before the client reads it). */
  afterAnswer(match: FaultMatch, then: (request: SimRequestLog) => void): void {
    this.rest.afterAnswer((method, path) => matchesRequest(match, method, path), then);
  }

  // --- webhook delivery ---

  setDelivery(options: DeliveryOptions): void {
    this.emitter.configure(options);
  }

  pauseDeliveries(): void {
    this.emitter.pause();
  }

  resumeDeliveries(): void {
    this.emitter.resume();
  }

  /** delivers everything queued now (even while paused) and awaits the responses */
  flushDeliveries(): Promise<void> {
    return this.emitter.flush();
  }

  /** delivers only the first `n` of what waits (even while paused), in order, and awaits the answers */
  deliverNext(n = 1): Promise<void> {
    return this.emitter.deliverNext(n);
  }

  /** what waits to be delivered (e.g. while paused), oldest first */
  queuedDeliveries(): { id: string; event: string; body: Record<string, unknown> }[] {
    return structuredClone(this.emitter.queued());
  }

  /** re-orders what waits to be delivered: a test can make Jira send a later event first */
  reorderQueuedDeliveries(compare: (a: { event: string; body: Record<string, unknown> }, b: { event: string; body: Record<string, unknown> }) => number): void {
    this.emitter.reorderQueued(compare);
  }

  get deliveries(): DeliveryLogEntry[] {
    return this.emitter.log;
  }

  /** every webhook body generated (before delivery faults), in order */
  emitted(): unknown[] {
    return structuredClone(this.emitter.emitted);
  }

  /** resolves when no delivery is queued, held, waiting for a retry or in flight */
  idle(): Promise<void> {
    return this.emitter.idle();
  }
}
