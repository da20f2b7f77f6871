import Link from "next/link";

export default function ResourceNotFound() {
  return (
    <div className="stack">
      <h1>Resource not found</h1>
      <p>
        No such resource in this organization, or it is outside your business units.{" "}
        <Link href="/inventory">Back to the inventory</Link>.
      </p>
    </div>
  );
}
