/** An error answered in Jira's shape: { errorMessages: [...], errors: { field: message } } */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    private readonly extra: Record<string, unknown> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }

  static notFound(message: string): JiraHttpError {
    return new JiraHttpError(404, [message]);
  }

  static badRequest(message: string): JiraHttpError {
    return new JiraHttpError(400, [message]);
  }

  static field(field: string, message: string): JiraHttpError {
    return new JiraHttpError(400, [], { [field]: message });
  }

  static issueNotFound(): JiraHttpError {
    return JiraHttpError.notFound('Issue does not exist or you do not have permission to see it.');
  }

  /** JSM answers {errorMessage, i18nErrorMessage}; errorMessages is kept too, for uniform handling */
  static serviceDesk(status: number, message: string): JiraHttpError {
    return new JiraHttpError(status, [message], {}, { errorMessage: message, i18nErrorMessage: { i18nKey: 'sd.error', parameters: [] } });
  }

  body(): Record<string, unknown> {
    return { ...this.extra, errorMessages: this.errorMessages, errors: this.errors };
  }
}
