/**
 * S3 Control's endpoint rules put the account id in front of the host
 * (`http://123456789012.127.0.0.1:port`), which is not a valid URL for a loopback sandbox.
 * Pass `endpointProvider: createFixedEndpointProvider(sandbox.url)` to S3ControlClient.
 */
export function createFixedEndpointProvider(url: string): () => { url: URL } {
  return () => ({ url: new URL(url) });
}
