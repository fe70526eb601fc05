import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { transformWithEsbuild, type Plugin } from 'vite';

const ICON_BACKGROUND = '#2684d9';

/**
 * The installable app's build step: PNG icons drawn from the SVG source (192, 512 and a maskable 512 whose mark
 * sits inside the safe zone), and the service worker compiled from TypeScript to /sw.js with the list of the
 * shell's files and a version made from their names, so a new release installs a fresh cache.
 */
export function pwa(): Plugin {
  const clientDir = path.resolve('src/client');
  const svg = readFileSync(path.join(clientDir, 'pwa/app-icon.svg'));
  return {
    name: 'minimost-pwa',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const icons: Record<string, Buffer> = {
        'icons/icon-192.png': await sharp(svg, { density: 576 }).resize(192, 192).png().toBuffer(),
        'icons/icon-512.png': await sharp(svg, { density: 1536 }).resize(512, 512).png().toBuffer(),
        // Maskable: the platform crops to a circle or squircle, so the mark takes the middle 60% on a full bleed.
        'icons/icon-maskable-512.png': await sharp(svg, { density: 960 })
          .resize(308, 308)
          .extend({ top: 102, bottom: 102, left: 102, right: 102, background: ICON_BACKGROUND })
          .flatten({ background: ICON_BACKGROUND })
          .png()
          .toBuffer(),
      };
      for (const [fileName, source] of Object.entries(icons)) this.emitFile({ type: 'asset', fileName, source });

      const built = Object.keys(bundle).filter((name) => name.startsWith('assets/') && !name.endsWith('.map'));
      const files = [...built, ...Object.keys(icons), 'manifest.webmanifest', 'favicon.svg'].map((name) => `/${name}`).sort();
      const source = readFileSync(path.join(clientDir, 'pwa/service-worker.ts'), 'utf8');
      const version = createHash('sha256').update(files.join('\n')).update(source).digest('hex').slice(0, 12);
      const compiled = await transformWithEsbuild(source, 'service-worker.ts', {
        loader: 'ts',
        format: 'iife',
        target: 'es2022',
        define: { SHELL_FILES: JSON.stringify(files), SHELL_VERSION: JSON.stringify(version) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: compiled.code });
    },
  };
}
