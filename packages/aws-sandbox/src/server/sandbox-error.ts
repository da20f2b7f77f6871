/** An AWS error answer: the code the SDK maps to its exception class, and the message. */
export class SandboxError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = "SandboxError";
    this.code = code;
    this.status = status;
  }
}
