export { JiraSimulator } from './jira-simulator';
export { adfToText, isAdfDoc, textToAdf } from './adf';
export { JqlError, compileJql, matchesJql, orderBy, parseJql, searchJql } from './jql';
export type { JqlContext, JqlIssue } from './jql';
export { transitionIdFor } from './issue-routes';
export { RANK_FIELD, SPRINT_FIELD } from './jira-json';
export { completedCycle, slaMetric } from './sla';
export type { SimSlaCompletedCycle, SimSlaCycle, SimSlaMetric, SlaClockOptions, SlaCompletedOptions } from './sla';
export type {
  AdfDoc,
  ChangelogItem,
  CreateIssueInput,
  DeliveryLogEntry,
  DeliveryOptions,
  Fault,
  FaultMatch,
  LostAnswer,
  SeedIssueInput,
  SimBoard,
  SimColumn,
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
  SprintState,
  StatusCategoryKey,
} from './types';
