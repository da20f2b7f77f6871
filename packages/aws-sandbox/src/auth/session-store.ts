/** Temporary credentials issued by AssumeRole, bound to the role's account. */
import { randomBytes } from "node:crypto";

export interface TSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  assumedRoleArn: string;
  expiresAt: number;
}

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomKeyId(): string {
  const bytes = randomBytes(16);
  let out = "ASIA";
  for (const byte of bytes) out += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return out;
}

export class SessionStore {
  private readonly byKeyId = new Map<string, TSession>();

  issue(input: Omit<TSession, "accessKeyId" | "secretAccessKey" | "sessionToken">): TSession {
    const session: TSession = {
      ...input,
      accessKeyId: randomKeyId(),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(96).toString("base64")}`,
    };
    this.byKeyId.set(session.accessKeyId, session);
    return session;
  }

  find(accessKeyId: string): TSession | undefined {
    return this.byKeyId.get(accessKeyId);
  }

  get size(): number {
    return this.byKeyId.size;
  }
}
