import { AppError } from "@guardrail/core";

/** The JSON body of a route handler request, or VALIDATION (400) when it is missing or malformed. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be JSON.");
  }
}

/** Whole-object bodies only (no arrays or scalars). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const body = await readJson(request);
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("VALIDATION", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}
