import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

// Small web servers on 127.0.0.1 that play the sites people link to. Each keeps a log of the paths it was asked for,
// so a test can prove a refused link never reached it.

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalSite {
  port: number;
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startSite(routes: Record<string, Handler>, tls?: { key: string; cert: string }): Promise<LocalSite> {
  const requests: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    const path = (req.url ?? '/').split('?')[0] as string;
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end('not here');
  };
  const server: Server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const html = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
};

export const redirect = (location: string, status = 302): Handler => (_req, res) => {
  res.writeHead(status, { location }).end();
};

export function ogPage(tags: { title?: string; description?: string; siteName?: string; image?: string }): string {
  const meta = (property: string, content: string | undefined) => (content === undefined ? '' : `<meta property="${property}" content="${content}">`);
  return `<!doctype html><html><head><title>Plain title</title>${meta('og:title', tags.title)}${meta('og:description', tags.description)}${meta('og:site_name', tags.siteName)}${meta('og:image', tags.image)}</head><body>page</body></html>`;
}

/** A real PNG of the given size, with EXIF, as a camera would write it. */
export function pngImage(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-exif-marker' } } })
    .toBuffer();
}

export const image = (data: Buffer, type = 'image/png'): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': data.length }).end(data);
};
