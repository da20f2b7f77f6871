import { isAppError } from "@guardrail/core";
import { NextResponse } from "next/server";

/** The one adapter from core's coded errors to HTTP. Unexpected errors are logged, never leaked. */
export function toErrorResponse(err: unknown, context: string): NextResponse {
  if (isAppError(err)) {
    return NextResponse.json({ error: { code: err.code, message: err.message } }, { status: err.httpStatus });
  }
  console.error(`[api] ${context} failed:`, err instanceof Error ? err.message : "unknown error");
  return NextResponse.json({ error: { code: "INTERNAL", message: "Something went wrong." } }, { status: 500 });
}

export function withApiErrors<A extends unknown[]>(context: string, handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      return toErrorResponse(err, context);
    }
  };
}
