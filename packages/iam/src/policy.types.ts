// Shared types of the IAM policy model. Parsed documents are normalised: every element that
// AWS accepts as "a value or a list of values" is a list here, and the objects are frozen
// (they are cached and shared between callers).

/** JSON text, URL-encoded JSON text (as IAM returns it), or an already parsed object. */
export type TPolicyInput = string | Record<string, unknown>;

export type TEffect = "Allow" | "Deny";

export type TDecision = "ALLOWED" | "CONDITIONAL" | "DENIED";

export interface TPrincipalBlock {
  AWS?: string[];
  Service?: string[];
  Federated?: string[];
  CanonicalUser?: string[];
}

export interface TPolicyStatement {
  Sid?: string;
  Effect: TEffect;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: TPrincipalBlock | "*";
  NotPrincipal?: TPrincipalBlock | "*";
  /** operator (canonical spelling, e.g. "ForAnyValue:StringLikeIfExists") → key → values */
  Condition?: Record<string, Record<string, string[]>>;
}

export interface TPolicy {
  Version?: string;
  Id?: string;
  Statement: TPolicyStatement[];
}

export type TParseResult = { ok: true; policy: TPolicy } | { ok: false; error: string };

/** A policy with the name/ARN used to explain decisions. */
export interface TNamedPolicy {
  name: string;
  arn?: string;
  document: TPolicyInput;
}

export interface TPrincipalRef {
  kind: "AWS" | "Service" | "Federated" | "CanonicalUser" | "Anyone";
  value: string;
  accountId: string | null;
}

/** Three-valued truth used by conditions and matching: true, false or "cannot be decided". */
export type TTruth = true | false | "unknown";
