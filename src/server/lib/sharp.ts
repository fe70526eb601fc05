import type sharpFunction from 'sharp';

export type Sharp = typeof sharpFunction;

let loading: Promise<Sharp> | null = null;

/**
 * sharp, loaded on the first image: libvips and its codecs are some 20 MB of memory and 60 ms of start-up that a
 * server which has not yet been sent an image does not need. Later calls get the same module.
 */
export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
