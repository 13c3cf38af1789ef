import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A listener on 127.0.0.1 that hostile student text points at (`<img src=http://127.0.0.1:port/…>`,
 * CSS `url(…)`, links): a page that stays inert makes no request to it. Browser tests hold that it
 * heard nothing, beside the requests Playwright saw.
 */
export interface Beacon {
  /** `http://127.0.0.1:<port>`: put `${url}/what` in the payloads. */
  url: string;
  /** The paths requested so far. */
  heard: string[];
  close: () => Promise<void>;
}

export async function startBeacon(): Promise<Beacon> {
  const heard: string[] = [];
  const server = http.createServer((request, response) => {
    heard.push(request.url ?? '');
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, heard, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Markup that would reach the beacon if a page rendered it as HTML, CSS or a followed link. */
export function beaconPayloads(url: string): string[] {
  return [
    `<img src=${url}/img>`,
    `<div style="background:url(${url}/css)">x</div>`,
    `<link rel=stylesheet href=${url}/link>`,
    `<svg><image href="${url}/svg-image"/></svg>`,
    `<meta http-equiv="refresh" content="0;url=${url}/refresh">`,
  ];
}
