export default function Loading() {
  return (
    <p className="muted" role="status">
      Loading the rule catalog…
    </p>
  );
}
