import type { Metadata } from "next";
import { FindingsListView } from "@/components/findings/findings-list-view";
import type { TSearchParams } from "@/components/data/search-params";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({
  searchParams,
}: {
  searchParams: Promise<TSearchParams>;
}) {
  const scope = await requirePageScope();
  return (
    <FindingsListView
      scope={scope}
      path="/findings"
      searchParams={await searchParams}
      title="Findings"
      intro={
        scope.role === "BU_OWNER"
          ? "Findings of your business units and those assigned to you."
          : undefined
      }
    />
  );
}
