import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Guardrail", template: "%s · Guardrail" },
  description: "AWS multi-account security posture",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request headers renders every page per request, so each carries the CSP nonce.
  await headers();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
