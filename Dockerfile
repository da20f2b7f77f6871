# One image for the web app, the worker, the sandbox and the CLI (they share the workspace).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund
EXPOSE 3000 4566
CMD ["npm", "run", "start", "-w", "@guardrail/web"]
