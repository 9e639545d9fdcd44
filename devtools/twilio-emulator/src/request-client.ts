import twilio from 'twilio';
import type * as RequestClientModule from 'twilio/lib/base/RequestClient.js';
import type * as ResponseModule from 'twilio/lib/http/response.js';

type RequestOptions<T> = RequestClientModule.RequestOptions<T>;
type Response<T> = ResponseModule.default<T>;

/**
 * An HTTP client for the official `twilio` package that sends every request to the
 * emulator, whatever the domain (api., messaging., …), region or edge. The simpler
 * `client.api.baseUrl = emulator.url` works for the 2010-04-01 API used here, but
 * twilio-node rewrites the host name when a region or edge is set (TWILIO_REGION,
 * TWILIO_EDGE): `localhost` becomes `localhost.ie1.localhost` (an IP survives only because
 * the URL parser refuses the rewritten value). This client rewrites `opts.uri` after that
 * step, so it is immune.
 *
 *   twilio(sid, token, { httpClient: new EmulatorRequestClient(emulator.url) })
 */
export class EmulatorRequestClient extends twilio.RequestClient {
  private readonly target: URL;

  constructor(emulatorUrl: string) {
    super({ keepAlive: false });
    this.target = new URL(emulatorUrl);
  }

  override request<TData>(opts: RequestOptions<TData>): Promise<Response<TData>> {
    const uri = new URL(opts.uri);
    uri.protocol = this.target.protocol;
    uri.host = this.target.host;
    return super.request({ ...opts, uri: uri.toString() });
  }
}
