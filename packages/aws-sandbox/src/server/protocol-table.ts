/** Each service's wire protocol, XML namespace, signing name and throttling error. */
export type TProtocol = "query" | "ec2" | "json" | "restJson" | "restXml";

export interface TServiceProtocol {
  protocol: TProtocol;
  /** XML namespace of answers (query, ec2, restXml) */
  xmlns?: string;
  /** awsJson content type */
  jsonVersion?: "1.0" | "1.1";
  throttle: { code: string; status: number };
}

export const SERVICE_PROTOCOLS: Record<string, TServiceProtocol> = {
  sts: { protocol: "query", xmlns: "https://sts.amazonaws.com/doc/2011-06-15/", throttle: { code: "Throttling", status: 400 } },
  iam: { protocol: "query", xmlns: "https://iam.amazonaws.com/doc/2010-05-08/", throttle: { code: "Throttling", status: 400 } },
  sns: { protocol: "query", xmlns: "http://sns.amazonaws.com/doc/2010-03-31/", throttle: { code: "Throttling", status: 400 } },
  rds: { protocol: "query", xmlns: "http://rds.amazonaws.com/doc/2014-10-31/", throttle: { code: "Throttling", status: 400 } },
  ec2: { protocol: "ec2", xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/", throttle: { code: "RequestLimitExceeded", status: 503 } },
  organizations: { protocol: "json", jsonVersion: "1.1", throttle: { code: "TooManyRequestsException", status: 400 } },
  cloudtrail: { protocol: "json", jsonVersion: "1.1", throttle: { code: "ThrottlingException", status: 400 } },
  kms: { protocol: "json", jsonVersion: "1.1", throttle: { code: "ThrottlingException", status: 400 } },
  config: { protocol: "json", jsonVersion: "1.1", throttle: { code: "ThrottlingException", status: 400 } },
  ecs: { protocol: "json", jsonVersion: "1.1", throttle: { code: "ThrottlingException", status: 400 } },
  secretsmanager: { protocol: "json", jsonVersion: "1.1", throttle: { code: "ThrottlingException", status: 400 } },
  sqs: { protocol: "json", jsonVersion: "1.0", throttle: { code: "ThrottlingException", status: 400 } },
  lambda: { protocol: "restJson", throttle: { code: "TooManyRequestsException", status: 429 } },
  eks: { protocol: "restJson", throttle: { code: "ThrottlingException", status: 400 } },
  guardduty: { protocol: "restJson", throttle: { code: "ThrottlingException", status: 400 } },
  accessanalyzer: { protocol: "restJson", throttle: { code: "ThrottlingException", status: 429 } },
  s3: { protocol: "restXml", xmlns: "http://s3.amazonaws.com/doc/2006-03-01/", throttle: { code: "SlowDown", status: 503 } },
  s3control: { protocol: "restXml", xmlns: "http://awss3control.amazonaws.com/doc/2018-08-20/", throttle: { code: "SlowDown", status: 503 } },
  route53: { protocol: "restXml", xmlns: "https://route53.amazonaws.com/doc/2013-04-01/", throttle: { code: "Throttling", status: 400 } },
};

/** SigV4 signing name → service key (S3 Control also signs as `s3`: told apart by its path). */
export const SIGNING_NAMES: Record<string, string> = {
  sts: "sts",
  iam: "iam",
  sns: "sns",
  rds: "rds",
  ec2: "ec2",
  organizations: "organizations",
  cloudtrail: "cloudtrail",
  kms: "kms",
  config: "config",
  sqs: "sqs",
  ecs: "ecs",
  secretsmanager: "secretsmanager",
  lambda: "lambda",
  eks: "eks",
  guardduty: "guardduty",
  "access-analyzer": "accessanalyzer",
  s3: "s3",
  route53: "route53",
};

/** HTTP status of well-known AWS error codes not declared in a service's model. */
export const KNOWN_ERROR_STATUS: Record<string, number> = {
  AccessDenied: 403,
  AccessDeniedException: 403,
  UnauthorizedOperation: 403,
  AuthFailure: 401,
  Throttling: 400,
  ThrottlingException: 400,
  TooManyRequestsException: 429,
  RequestLimitExceeded: 503,
  SlowDown: 503,
  InternalError: 500,
  InternalFailure: 500,
  InternalServerError: 500,
  InternalServerException: 500,
  ServiceUnavailable: 503,
  ServiceUnavailableException: 503,
  InvalidAction: 400,
  UnknownOperationException: 400,
  SignatureDoesNotMatch: 403,
  InvalidSignatureException: 403,
  InvalidClientTokenId: 403,
  UnrecognizedClientException: 403,
  InvalidAccessKeyId: 403,
  InvalidToken: 400,
  ExpiredToken: 403,
  ExpiredTokenException: 403,
  MissingAuthenticationToken: 403,
  MissingAuthenticationTokenException: 403,
  ValidationError: 400,
  ValidationException: 400,
  InvalidParameterValue: 400,
  InvalidInput: 400,
  NoSuchBucket: 404,
  NoSuchBucketPolicy: 404,
  NoSuchPublicAccessBlockConfiguration: 404,
  ServerSideEncryptionConfigurationNotFoundError: 404,
  NoSuchLifecycleConfiguration: 404,
  NoSuchTagSet: 404,
  InvalidArgument: 400,
  InvalidPaginationToken: 400,
  NoSuchEntity: 404,
};
