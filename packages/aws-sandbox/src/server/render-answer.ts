/** Turns a handler's output, or a SandboxError, into each protocol's HTTP answer. */
import { escapeXml, toJsonValue, writeXmlMembers } from "../protocols/serialize";
import type { TShapeTable, TStructShape } from "../protocols/shapes";
import { KNOWN_ERROR_STATUS, SERVICE_PROTOCOLS } from "./protocol-table";
import type { SandboxError } from "./sandbox-error";

export interface TAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';

export class AnswerRenderer {
  /** per service: error code → shape name */
  private readonly errorShapeByCode = new Map<string, Map<string, string>>();

  constructor(private readonly table: TShapeTable) {
    for (const [service, shapes] of Object.entries(table.services)) {
      const byCode = new Map<string, string>();
      for (const [shapeName, error] of Object.entries(shapes.errors)) {
        byCode.set(shapeName, shapeName);
        byCode.set(error.code, shapeName);
      }
      this.errorShapeByCode.set(service, byCode);
    }
  }

  renderSuccess(service: string, operation: string, output: Record<string, unknown>, requestId: string): TAnswer {
    const protocol = SERVICE_PROTOCOLS[service]!;
    const op = this.table.services[service]?.operations[operation];
    if (!op) throw new Error(`no shape for ${service}:${operation}`);
    const shapeId = op.output;
    switch (protocol.protocol) {
      case "query":
        return {
          status: 200,
          headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
          body: `${XML_HEADER}<${operation}Response xmlns="${protocol.xmlns}"><${operation}Result>${writeXmlMembers(this.table, shapeId, output)}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
        };
      case "ec2":
        return {
          status: 200,
          headers: { "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": requestId },
          body: `${XML_HEADER}<${operation}Response xmlns="${protocol.xmlns}"><requestId>${requestId}</requestId>${writeXmlMembers(this.table, shapeId, output)}</${operation}Response>`,
        };
      case "json":
        return {
          status: 200,
          headers: { "content-type": `application/x-amz-json-${protocol.jsonVersion}`, "x-amzn-requestid": requestId },
          body: JSON.stringify(toJsonValue(this.table, shapeId, output, false)),
        };
      case "restJson":
        return {
          status: op.http?.[2] ?? 200,
          headers: { "content-type": "application/json", "x-amzn-requestid": requestId, ...this.headerMembers(shapeId, output) },
          body: JSON.stringify(toJsonValue(this.table, shapeId, output, true)),
        };
      case "restXml":
        return { ...this.renderRestXml(service, operation, shapeId, output, requestId), status: op.http?.[2] ?? 200 };
    }
  }

  private headerMembers(shapeId: string, output: Record<string, unknown>): Record<string, string> {
    const shape = this.table.shapes[shapeId] as TStructShape | undefined;
    const headers: Record<string, string> = {};
    for (const member of shape?.m ?? []) {
      const value = output[member.n];
      if (member.h && value !== undefined && value !== null) headers[member.h.toLowerCase()] = String(value);
    }
    return headers;
  }

  private renderRestXml(service: string, operation: string, shapeId: string, output: Record<string, unknown>, requestId: string): TAnswer {
    const xmlns = SERVICE_PROTOCOLS[service]!.xmlns;
    const headers: Record<string, string> = {
      "content-type": "application/xml",
      "x-amz-request-id": requestId,
      "x-amzn-requestid": requestId,
      ...this.headerMembers(shapeId, output),
    };
    const shape = this.table.shapes[shapeId] as TStructShape;
    if (service === "s3" && operation === "GetBucketLocation") {
      const location = output.LocationConstraint;
      return {
        status: 200,
        headers,
        body: `${XML_HEADER}<LocationConstraint xmlns="${xmlns}">${location ? escapeXml(String(location)) : ""}</LocationConstraint>`,
      };
    }
    const payload = shape.m.find((member) => member.p);
    if (payload) {
      const value = output[payload.n];
      if (typeof payload.s === "string" && !this.table.shapes[payload.s]) {
        return { status: 200, headers: { ...headers, "content-type": "application/json" }, body: value === undefined ? "" : String(value) };
      }
      const target = typeof payload.s === "string" ? (this.table.shapes[payload.s] as TStructShape | undefined) : undefined;
      const root = payload.x ?? target?.x ?? payload.n;
      const inner = typeof payload.s === "string" ? writeXmlMembers(this.table, payload.s, (value ?? {}) as Record<string, unknown>) : "";
      return { status: 200, headers, body: `${XML_HEADER}<${root} xmlns="${xmlns}">${inner}</${root}>` };
    }
    const root = shape.x ?? `${operation}Result`;
    return { status: 200, headers, body: `${XML_HEADER}<${root} xmlns="${xmlns}">${writeXmlMembers(this.table, shapeId, output)}</${root}>` };
  }

  /** The HTTP status AWS uses for `code` in `service`. */
  statusOf(service: string, error: SandboxError): number {
    if (error.status !== undefined) return error.status;
    const shapeName = this.errorShapeByCode.get(service)?.get(error.code);
    const declared = shapeName ? this.table.services[service]?.errors[shapeName]?.status : undefined;
    return declared ?? KNOWN_ERROR_STATUS[error.code] ?? (/Internal|Unavailable/.test(error.code) ? 500 : 400);
  }

  renderError(service: string, error: SandboxError, requestId: string): TAnswer {
    const protocol = SERVICE_PROTOCOLS[service]?.protocol ?? "query";
    const status = this.statusOf(service, error);
    const code = escapeXml(error.code);
    const message = escapeXml(error.message);
    switch (protocol) {
      case "query":
        return {
          status,
          headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
          body: `${XML_HEADER}<ErrorResponse xmlns="${SERVICE_PROTOCOLS[service]?.xmlns ?? ""}"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        };
      case "ec2":
        return {
          status,
          headers: { "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": requestId },
          body: `${XML_HEADER}<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
        };
      case "json": {
        const shapeName = this.errorShapeByCode.get(service)?.get(error.code) ?? error.code;
        const namespace = this.table.services[service]?.namespace;
        const headers: Record<string, string> = {
          "content-type": `application/x-amz-json-${SERVICE_PROTOCOLS[service]!.jsonVersion}`,
          "x-amzn-requestid": requestId,
        };
        const queryCode = this.table.services[service]?.errors[shapeName]?.code;
        if (service === "sqs" && queryCode) headers["x-amzn-query-error"] = `${queryCode};${status >= 500 ? "Receiver" : "Sender"}`;
        return { status, headers, body: JSON.stringify({ __type: namespace ? `${namespace}#${shapeName}` : shapeName, message: error.message }) };
      }
      case "restJson":
        return {
          status,
          headers: { "content-type": "application/json", "x-amzn-requestid": requestId, "x-amzn-errortype": error.code },
          body: JSON.stringify({ message: error.message, Message: error.message }),
        };
      case "restXml":
        if (service === "s3") {
          return {
            status,
            headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
            body: `${XML_HEADER}<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`,
          };
        }
        return {
          status,
          headers: { "content-type": "application/xml", "x-amzn-requestid": requestId },
          body: `${XML_HEADER}<ErrorResponse xmlns="${SERVICE_PROTOCOLS[service]?.xmlns ?? ""}"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        };
    }
  }
}
