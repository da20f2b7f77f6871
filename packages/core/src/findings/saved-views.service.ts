import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { FINDING_FILTER_KEYS, parseFindingsSearchParams } from "./findings-query.service";

/** The pages whose filters can be saved as a view. */
export const SAVED_VIEW_PAGES = ["findings", "findings/mine"] as const;
export type TSavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

const MAX_VIEWS_PER_PAGE = 50;

export const ZCreateSavedView = z.object({
  page: z.enum(SAVED_VIEW_PAGES),
  name: z.string().trim().min(1, "Name the view.").max(80, "Use at most 80 characters."),
  /** the page's URL search string, with or without the leading "?" */
  query: z.string().max(4000, "The filter is too long to save."),
});
export type TCreateSavedView = z.input<typeof ZCreateSavedView>;

export interface TSavedView {
  id: string;
  page: string;
  name: string;
  query: string;
  createdAt: Date;
}

/**
 * The filters and sort of a findings URL in a stable form (validated, the page number
 * dropped), so a saved view reopens exactly what was on screen.
 */
export function canonicalFindingsQuery(query: string): string {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const record: Record<string, string[]> = {};
  for (const [k, v] of params) (record[k] ??= []).push(v);
  const parsed = parseFindingsSearchParams(record);
  const out = new URLSearchParams();
  for (const key of FINDING_FILTER_KEYS) {
    const v = parsed.filters[key];
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.append(key, String(item));
  }
  if (parsed.sort.by !== "severity") out.set("sort", parsed.sort.by);
  if (parsed.sort.dir !== "desc") out.set("dir", parsed.sort.dir);
  if (parsed.size !== 50) out.set("size", String(parsed.size));
  return out.toString();
}

/** The caller's own saved views of a page, by name. */
export async function listSavedViews(opts: {
  db: TDb;
  scope: TTenantScope;
  page: TSavedViewPage;
}): Promise<TSavedView[]> {
  authorize(opts.scope, "findings.read");
  return opts.db.savedView.findMany({
    where: { tenantId: opts.scope.tenantId, userId: opts.scope.userId, page: opts.page },
    select: { id: true, page: true, name: true, query: true, createdAt: true },
    orderBy: { name: "asc" },
  });
}

/** Saves the current filters under a name (unique per user and page). */
export async function createSavedView(opts: {
  db: TDb;
  scope: TTenantScope;
  input: TCreateSavedView;
}): Promise<TSavedView> {
  const { db, scope } = opts;
  authorize(scope, "findings.read");
  const parsed = ZCreateSavedView.safeParse(opts.input);
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const { page, name } = parsed.data;
  const query = canonicalFindingsQuery(parsed.data.query);
  const count = await db.savedView.count({
    where: { tenantId: scope.tenantId, userId: scope.userId, page },
  });
  if (count >= MAX_VIEWS_PER_PAGE)
    throw new AppError("CONFLICT", `Keep at most ${MAX_VIEWS_PER_PAGE} saved views per page.`);
  try {
    return await db.savedView.create({
      data: { tenantId: scope.tenantId, userId: scope.userId, page, name, query },
      select: { id: true, page: true, name: true, query: true, createdAt: true },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw new AppError("CONFLICT", `You already have a view named "${name}".`);
    throw err;
  }
}

/** Deletes one of the caller's saved views (NOT_FOUND for anyone else's). */
export async function deleteSavedView(opts: {
  db: TDb;
  scope: TTenantScope;
  savedViewId: string;
}): Promise<void> {
  const { db, scope } = opts;
  authorize(scope, "findings.read");
  if (!z.uuid().safeParse(opts.savedViewId).success)
    throw new AppError("NOT_FOUND", "No such saved view.");
  const r = await db.savedView.deleteMany({
    where: { id: opts.savedViewId, tenantId: scope.tenantId, userId: scope.userId },
  });
  if (r.count === 0) throw new AppError("NOT_FOUND", "No such saved view.");
}
