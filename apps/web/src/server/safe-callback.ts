/** Where to go after sign-in: only a same-site path, never another origin (open redirect). */
export function safeCallbackPath(url: string | undefined | null): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}
