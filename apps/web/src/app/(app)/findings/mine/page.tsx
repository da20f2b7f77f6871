import type { Metadata } from "next";
import { FindingsListView } from "@/components/findings/findings-list-view";
import type { TSearchParams } from "@/components/data/search-params";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "My findings" };

export default async function MyFindingsPage({
  searchParams,
}: {
  searchParams: Promise<TSearchParams>;
}) {
  const scope = await requirePageScope();
  return (
    <FindingsListView
      scope={scope}
      path="/findings/mine"
      searchParams={await searchParams}
      title="My findings"
      intro={
        scope.role === "BU_OWNER"
          ? "The findings of the business units you own and the findings assigned to you."
          : "The findings assigned to you."
      }
    />
  );
}
